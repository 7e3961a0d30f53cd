import { Module } from '@nestjs/common';
import { PlainFieldResolvers } from './plain-field-resolvers';

/** One registry of plain field resolvers, shared by the resolvers and the GraphQL options factory. */
@Module({
  providers: [PlainFieldResolvers],
  exports: [PlainFieldResolvers],
})
export class PlainFieldResolversModule {}
