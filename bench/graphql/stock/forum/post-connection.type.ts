import { Field, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../common/page-info.type';
import { Post } from './post.entity';

@ObjectType()
export class PostEdge {
  @Field(() => Post)
  node: Post;

  @Field()
  cursor: string;
}

@ObjectType()
export class PostConnection {
  @Field(() => [PostEdge])
  edges: PostEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
