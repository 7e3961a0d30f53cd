import { User, UserByIdLoader } from '@jipp/auth';
import { CurrentUser, Role, Roles, SignedIn, type AuthUser, type GraphqlContext } from '@jipp/core';
import {
  FlaggedPostLoader,
  FlagsService,
  HubMute,
  ModerationAction,
  ModerationService,
  Post,
  PostFlag,
  Thread,
  ThreadModeratorLoader,
} from '@jipp/forum';
import { Args, Context, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { isFieldRequested } from '../common/requested-fields';
import {
  FlagDecisionInput,
  FlagPostInput,
  FlagQueueArgs,
  HidePostInput,
  ModerationLogArgs,
  MuteUserInput,
  SetSlowModeInput,
  ThreadModerationInput,
  UnhidePostInput,
  UnmuteUserInput,
} from './moderation.inputs';
import { ModerationActionConnection, PostFlagConnection } from './moderation.types';

/**
 * Forum moderation: coordinators of the hubs a thread belongs to and national admins (the service
 * checks the scope: FORBIDDEN outside it), and readers' flags.
 */
@Resolver()
export class ModerationResolver {
  constructor(
    private readonly moderation: ModerationService,
    private readonly flags: FlagsService,
  ) {}

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => Thread, { description: 'Pins a thread on top of its forum (moderators).' })
  pinThread(@CurrentUser() user: AuthUser, @Args('input') input: ThreadModerationInput): Promise<Thread> {
    return this.moderation.pinThread(user, input.threadId, input.reason);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => Thread, { description: 'Unpins a thread (moderators).' })
  unpinThread(@CurrentUser() user: AuthUser, @Args('input') input: ThreadModerationInput): Promise<Thread> {
    return this.moderation.unpinThread(user, input.threadId, input.reason);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => Thread, { description: 'Locks a thread: it takes no new posts and no edits (moderators).' })
  lockThread(@CurrentUser() user: AuthUser, @Args('input') input: ThreadModerationInput): Promise<Thread> {
    return this.moderation.lockThread(user, input.threadId, input.reason);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => Thread, { description: 'Unlocks a thread (moderators).' })
  unlockThread(@CurrentUser() user: AuthUser, @Args('input') input: ThreadModerationInput): Promise<Thread> {
    return this.moderation.unlockThread(user, input.threadId, input.reason);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => Thread, {
    description: 'Seconds each user waits between two posts in the thread; 0 turns it off (moderators).',
  })
  setSlowMode(@CurrentUser() user: AuthUser, @Args('input') input: SetSlowModeInput): Promise<Thread> {
    return this.moderation.setSlowMode(user, input.threadId, input.seconds, input.reason);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => Post, {
    description: "Hides a post from readers under a category; resolves the post's open flags (moderators).",
  })
  hidePost(@CurrentUser() user: AuthUser, @Args('input') input: HidePostInput): Promise<Post> {
    return this.moderation.hidePost(user, input.postId, input.category, input.reason);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => Post, {
    description: "Shows a hidden post again; dismisses the post's open flags (moderators).",
  })
  unhidePost(@CurrentUser() user: AuthUser, @Args('input') input: UnhidePostInput): Promise<Post> {
    return this.moderation.unhidePost(user, input.postId, input.reason);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => HubMute, {
    description:
      "Mutes a user in a hub's forum and the discussions in its scope until a time (coordinators of the hub, admins).",
  })
  muteUser(@CurrentUser() user: AuthUser, @Args('input') input: MuteUserInput): Promise<HubMute> {
    return this.moderation.muteUser(user, input.hubId, input.userId, input.until, input.reason);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => Boolean, {
    description: 'Lifts a mute; false when the user was not muted (coordinators of the hub, admins).',
  })
  unmuteUser(@CurrentUser() user: AuthUser, @Args('input') input: UnmuteUserInput): Promise<boolean> {
    return this.moderation.unmuteUser(user, input.hubId, input.userId, input.reason);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => PostFlag, {
    description: 'Upholds a flag: the post is hidden by the moderator and all its open flags resolved.',
  })
  resolveFlag(@CurrentUser() user: AuthUser, @Args('input') input: FlagDecisionInput): Promise<PostFlag> {
    return this.flags.resolveFlag(user, input.flagId, input.reason);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => PostFlag, {
    description: 'Dismisses one flag; a post the flags alone hid is shown again when no open flag is left.',
  })
  dismissFlag(@CurrentUser() user: AuthUser, @Args('input') input: FlagDecisionInput): Promise<PostFlag> {
    return this.flags.dismissFlag(user, input.flagId, input.reason);
  }

  @SignedIn()
  @Mutation(() => PostFlag, {
    description:
      "Flags a post you can read (not your own), once. Enough flags hide it until a moderator's review.",
  })
  flagPost(@CurrentUser() user: AuthUser, @Args('input') input: FlagPostInput): Promise<PostFlag> {
    return this.flags.flagPost(user, input.postId, input.reason, input.note);
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Query(() => PostFlagConnection, {
    description: "Open flags of posts in a hub's scope, oldest first (coordinators of the hub, admins).",
  })
  flagQueue(
    @CurrentUser() user: AuthUser,
    @Args() args: FlagQueueArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PostFlagConnection> {
    return this.flags.queue(user, args.hubId, {
      first: args.first,
      after: args.after,
      withTotalCount: isFieldRequested(info, 'totalCount'),
    });
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Query(() => ModerationActionConnection, {
    description: "A hub's moderation log, newest first (coordinators of the hub, admins).",
  })
  moderationLog(
    @CurrentUser() user: AuthUser,
    @Args() args: ModerationLogArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ModerationActionConnection> {
    return this.moderation.log(user, args.hubId ?? null, {
      first: args.first,
      after: args.after,
      withTotalCount: isFieldRequested(info, 'totalCount'),
    });
  }

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Query(() => [HubMute], {
    description: "The hub's running mutes, ending soonest first (coordinators of the hub, admins).",
  })
  hubMutes(
    @CurrentUser() user: AuthUser,
    @Args('hubId', { type: () => Int }) hubId: number,
  ): Promise<HubMute[]> {
    return this.moderation.hubMutes(user, hubId);
  }
}

@Resolver(() => PostFlag)
export class PostFlagResolver {
  constructor(
    private readonly postById: FlaggedPostLoader,
    private readonly userById: UserByIdLoader,
  ) {}

  @ResolveField(() => Post)
  async post(@Parent() flag: PostFlag, @Context() ctx: GraphqlContext): Promise<Post> {
    return (await ctx.loaders.get(this.postById).load(flag.postId))!;
  }

  @ResolveField(() => User, { description: 'Who flagged it.' })
  async flaggedBy(@Parent() flag: PostFlag, @Context() ctx: GraphqlContext): Promise<User> {
    return (await ctx.loaders.get(this.userById).load(flag.userId))!;
  }
}

@Resolver(() => ModerationAction)
export class ModerationActionResolver {
  constructor(private readonly userById: UserByIdLoader) {}

  @ResolveField(() => User, { nullable: true, description: 'Null when the platform acted (auto-hide).' })
  actor(@Parent() action: ModerationAction, @Context() ctx: GraphqlContext): Promise<User | null> | null {
    return action.actorUserId === null ? null : ctx.loaders.get(this.userById).load(action.actorUserId);
  }
}

@Resolver(() => HubMute)
export class HubMuteResolver {
  constructor(private readonly userById: UserByIdLoader) {}

  @ResolveField(() => User)
  async user(@Parent() mute: HubMute, @Context() ctx: GraphqlContext): Promise<User> {
    return (await ctx.loaders.get(this.userById).load(mute.userId))!;
  }
}

/** What moderators of a thread see of its posts beyond what readers see. */
@Resolver(() => Post)
export class PostModerationResolver {
  constructor(private readonly moderatorOf: ThreadModeratorLoader) {}

  @ResolveField(() => String, {
    nullable: true,
    description:
      'The sanitised HTML of a hidden post, for moderators of its thread to review; null for everyone else, for posts that are shown (read bodyHtml) and for deleted posts.',
  })
  async moderatorBodyHtml(
    @Parent() post: Post,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphqlContext,
  ): Promise<string | null> {
    if (!post.hiddenAt || post.deletedAt) return null;
    if (user.role !== Role.ADMIN && user.role !== Role.COORDINATOR) return null;
    return (await ctx.loaders.get(this.moderatorOf).load({ user, threadId: post.threadId }))
      ? post.bodyHtml
      : null;
  }
}

/** Every resolver of forum moderation, for the api module. */
export const MODERATION_RESOLVERS = [
  ModerationResolver,
  PostFlagResolver,
  ModerationActionResolver,
  HubMuteResolver,
  PostModerationResolver,
];
