import { Field, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../common/page-info.type';
import { Innovation } from './innovation.entity';

@ObjectType()
export class InnovationEdge {
  @Field(() => Innovation)
  node: Innovation;

  @Field()
  cursor: string;
}

@ObjectType()
export class InnovationConnection {
  @Field(() => [InnovationEdge])
  edges: InnovationEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
