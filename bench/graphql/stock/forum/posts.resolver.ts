import { UseGuards } from '@nestjs/common';
import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import type { TokenClaims } from '../auth/token-claims';
import { ForumService } from './forum.service';
import { PostConnection } from './post-connection.type';
import { Post } from './post.entity';

@Resolver(() => Post)
export class PostsResolver {
  constructor(private readonly forumService: ForumService) {}

  @UseGuards(AuthGuard)
  @Query(() => PostConnection)
  posts(
    @CurrentUser() user: TokenClaims,
    @Args('threadId', { type: () => Int }) threadId: number,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<PostConnection> {
    return this.forumService.findPosts(user, threadId, first);
  }

  /** Deleted and hidden posts keep their place, not their body. */
  @ResolveField(() => String, { nullable: true })
  bodyHtml(@Parent() post: Post): string | null {
    return post.deletedAt || post.hiddenAt ? null : post.bodyHtml;
  }
}
