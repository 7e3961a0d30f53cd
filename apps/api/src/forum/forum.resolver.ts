import { Network, NetworkByIdLoader } from '@jipp/agencies';
import { User, UserByIdLoader } from '@jipp/auth';
import { CurrentUser, SignedIn, type AuthUser, type GraphqlContext } from '@jipp/core';
import { ModerationReason, Post, PostsService, Thread, ThreadsService } from '@jipp/forum';
import { Args, Context, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { isFieldRequested } from '../common/requested-fields';
import { PlainFieldResolvers } from '../graphql/plain-field-resolvers';
import { CreatePostInput, CreateThreadInput, EditPostInput, PostsArgs, ThreadsArgs } from './forum.inputs';
import { PostConnection, ThreadConnection } from './forum.types';

/** What readers see in place of a post's body when it is gone (Bahasa Indonesia: shown as is). */
const HIDDEN_REASON_TEXT: Record<ModerationReason, string> = {
  [ModerationReason.SPAM]: 'spam',
  [ModerationReason.ABUSE]: 'kata-kata kasar atau pelecehan',
  [ModerationReason.OFF_TOPIC]: 'di luar topik',
  [ModerationReason.PERSONAL_DATA]: 'memuat data pribadi',
  [ModerationReason.MISINFORMATION]: 'informasi keliru',
  [ModerationReason.OTHER]: 'alasan lain',
};

@Resolver(() => Thread)
export class ThreadsResolver {
  constructor(
    private readonly threadService: ThreadsService,
    private readonly userById: UserByIdLoader,
    private readonly networkById: NetworkByIdLoader,
  ) {}

  @SignedIn()
  @Query(() => ThreadConnection, {
    description:
      "Threads of a hub's forum, or of an innovation's or a replication's discussion: pinned first, then latest activity.",
  })
  threads(
    @CurrentUser() user: AuthUser,
    @Args() args: ThreadsArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ThreadConnection> {
    const { first, after, ...place } = args;
    return this.threadService.list(user, place, {
      first,
      after,
      withTotalCount: isFieldRequested(info, 'totalCount'),
    });
  }

  @SignedIn()
  @Query(() => Thread)
  thread(@CurrentUser() user: AuthUser, @Args('id', { type: () => Int }) id: number): Promise<Thread> {
    return this.threadService.get(user, id);
  }

  @SignedIn()
  @Mutation(() => Thread, { description: 'Starts a thread with its first post.' })
  createThread(@CurrentUser() user: AuthUser, @Args('input') input: CreateThreadInput): Promise<Thread> {
    const { title, body, ...place } = input;
    return this.threadService.create(user, place, title, body);
  }

  @ResolveField(() => User)
  async author(@Parent() thread: Thread, @Context() ctx: GraphqlContext): Promise<User> {
    return (await ctx.loaders.get(this.userById).load(thread.authorUserId))!;
  }

  @ResolveField(() => Network, { nullable: true })
  hub(@Parent() thread: Thread, @Context() ctx: GraphqlContext): Promise<Network | null> | null {
    return thread.hubId ? ctx.loaders.get(this.networkById).load(thread.hubId) : null;
  }
}

@Resolver(() => Post)
export class PostsResolver {
  constructor(
    private readonly postService: PostsService,
    private readonly userById: UserByIdLoader,
    plainFields: PlainFieldResolvers,
  ) {
    // called per post of every thread page
    plainFields.register<Post>('Post', {
      author: (post, ctx) => this.author(post, ctx),
      bodyHtml: (post) => this.bodyHtml(post),
      notice: (post) => this.notice(post),
    });
  }

  @SignedIn()
  @Query(() => PostConnection, { description: 'Posts of a thread, oldest or newest first.' })
  posts(
    @CurrentUser() user: AuthUser,
    @Args() args: PostsArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PostConnection> {
    return this.postService.list(user, args.threadId, args.order, {
      first: args.first,
      after: args.after,
      withTotalCount: isFieldRequested(info, 'totalCount'),
    });
  }

  @SignedIn()
  @Mutation(() => Post, {
    description: 'Posts in a thread you may read (not when locked, muted or in slow mode).',
  })
  createPost(@CurrentUser() user: AuthUser, @Args('input') input: CreatePostInput): Promise<Post> {
    return this.postService.create(user, input.threadId, input.body, input.replyToPostId);
  }

  @SignedIn()
  @Mutation(() => Post, {
    description: 'The author edits within the edit window; the post is marked edited.',
  })
  editPost(@CurrentUser() user: AuthUser, @Args('input') input: EditPostInput): Promise<Post> {
    return this.postService.edit(user, input.id, input.body);
  }

  @SignedIn()
  @Mutation(() => Post, { description: 'The author or a moderator deletes a post (it keeps its place).' })
  deletePost(@CurrentUser() user: AuthUser, @Args('id', { type: () => Int }) id: number): Promise<Post> {
    return this.postService.delete(user, id);
  }

  @ResolveField(() => User)
  async author(@Parent() post: Post, @Context() ctx: GraphqlContext): Promise<User> {
    return post.author ?? (await ctx.loaders.get(this.userById).load(post.authorUserId))!;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The sanitised HTML; null once the post is deleted or hidden (see notice).',
  })
  bodyHtml(@Parent() post: Post): string | null {
    return post.deletedAt || post.hiddenAt ? null : post.bodyHtml;
  }

  @ResolveField(() => String, { nullable: true, description: 'Markdown as written; only for its author.' })
  body(@Parent() post: Post, @CurrentUser() user: AuthUser): string | null {
    return post.authorUserId === user.id && !post.deletedAt ? post.body : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'What readers see instead of a deleted or hidden post (Bahasa Indonesia).',
  })
  notice(@Parent() post: Post): string | null {
    if (post.deletedAt) return 'Postingan ini telah dihapus.';
    if (!post.hiddenAt) return null;
    const why = HIDDEN_REASON_TEXT[post.hiddenReason ?? ModerationReason.OTHER];
    return post.hiddenByUserId === null
      ? `Disembunyikan otomatis setelah beberapa laporan (${why}), menunggu peninjauan moderator.`
      : `Disembunyikan oleh moderator: ${why}.`;
  }
}
