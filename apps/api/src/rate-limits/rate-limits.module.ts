import { Module } from '@nestjs/common';
import { AuthModule } from '@jipp/auth';
import { GraphqlRateLimits } from './graphql-rate-limits';

/** Rate limits of the GraphQL api; the GraphQL options factory adds their plugin. */
@Module({
  imports: [AuthModule],
  providers: [GraphqlRateLimits],
  exports: [GraphqlRateLimits],
})
export class RateLimitsModule {}
