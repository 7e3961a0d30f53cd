import { Args, Context, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Agency, Network } from '@jipp/agencies';
import {
  CurrentUser,
  OptionalUser,
  Role,
  Roles,
  SignedIn,
  type AuthUser,
  type GraphqlContext,
} from '@jipp/core';
import { Thread } from '@jipp/forum';
import {
  HubPublishAlerts,
  HubPublishAlertsLoader,
  HubPublishAlertsService,
  SubjectWatchesService,
  ViewerSubjectWatchLoader,
  WatchedSubject,
} from '@jipp/notifications';
import { Replication } from '@jipp/replications';

/** Whether the viewer watches a subject (null when not signed in). */
function viewerWatches(
  ctx: GraphqlContext,
  loader: ViewerSubjectWatchLoader,
  viewer: AuthUser | undefined,
  subject: WatchedSubject,
  id: number,
): Promise<boolean> | null {
  return viewer ? ctx.loaders.get(loader).load({ subject, userId: viewer.id, id }) : null;
}

/** Watching replications: who may read one (any signed-in user) may watch it. */
@Resolver(() => Replication)
export class ReplicationWatchResolver {
  constructor(
    private readonly watches: SubjectWatchesService,
    private readonly viewerWatch: ViewerSubjectWatchLoader,
  ) {}

  @SignedIn()
  @Mutation(() => Replication, { description: 'Follow a replication: you hear about each of its steps.' })
  watchReplication(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
  ): Promise<Replication> {
    return this.watches.watchReplication(user, id);
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Stop following a replication.' })
  async unwatchReplication(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
  ): Promise<boolean> {
    await this.watches.unwatch(WatchedSubject.REPLICATION, user, id);
    return true;
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description: 'Whether you watch it (null when not signed in).',
  })
  viewerIsWatching(
    @Parent() replication: Replication,
    @OptionalUser() viewer: AuthUser | undefined,
    @Context() ctx: GraphqlContext,
  ): Promise<boolean> | null {
    return viewerWatches(ctx, this.viewerWatch, viewer, WatchedSubject.REPLICATION, replication.id);
  }
}

/** Watching forum threads: the thread's readers may watch it; others get NOT_FOUND. */
@Resolver(() => Thread)
export class ThreadWatchResolver {
  constructor(
    private readonly watches: SubjectWatchesService,
    private readonly viewerWatch: ViewerSubjectWatchLoader,
  ) {}

  @SignedIn()
  @Mutation(() => Thread, { description: 'Follow a thread: you hear about each new post in it.' })
  watchThread(@CurrentUser() user: AuthUser, @Args('id', { type: () => Int }) id: number): Promise<Thread> {
    return this.watches.watchThread(user, id);
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Stop following a thread.' })
  async unwatchThread(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
  ): Promise<boolean> {
    await this.watches.unwatch(WatchedSubject.THREAD, user, id);
    return true;
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description: 'Whether you watch it (null when not signed in).',
  })
  viewerIsWatching(
    @Parent() thread: Thread,
    @OptionalUser() viewer: AuthUser | undefined,
    @Context() ctx: GraphqlContext,
  ): Promise<boolean> | null {
    return viewerWatches(ctx, this.viewerWatch, viewer, WatchedSubject.THREAD, thread.id);
  }
}

/** Watching agencies (public, so any signed-in user may watch one): you hear of what they publish. */
@Resolver(() => Agency)
export class AgencyWatchResolver {
  constructor(
    private readonly watches: SubjectWatchesService,
    private readonly viewerWatch: ViewerSubjectWatchLoader,
  ) {}

  @SignedIn()
  @Mutation(() => Agency, { description: 'Follow an agency: you hear about each innovation it publishes.' })
  watchAgency(@CurrentUser() user: AuthUser, @Args('id', { type: () => Int }) id: number): Promise<Agency> {
    return this.watches.watchAgency(user, id);
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Stop following an agency.' })
  async unwatchAgency(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
  ): Promise<boolean> {
    await this.watches.unwatch(WatchedSubject.AGENCY, user, id);
    return true;
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description: 'Whether you watch it (null when not signed in).',
  })
  viewerIsWatching(
    @Parent() agency: Agency,
    @OptionalUser() viewer: AuthUser | undefined,
    @Context() ctx: GraphqlContext,
  ): Promise<boolean> | null {
    return viewerWatches(ctx, this.viewerWatch, viewer, WatchedSubject.AGENCY, agency.id);
  }
}

/** A hub's publish alerts: which new innovations its members hear about. */
@Resolver(() => Network)
export class HubPublishAlertsResolver {
  constructor(
    private readonly alerts: HubPublishAlertsService,
    private readonly alertsOfHub: HubPublishAlertsLoader,
  ) {}

  @Roles(Role.COORDINATOR, Role.ADMIN)
  @Mutation(() => Network, {
    description:
      "Which newly published innovations the hub's members hear about (its coordinators or a national admin).",
  })
  setHubPublishAlerts(
    @CurrentUser() user: AuthUser,
    @Args('hubId', { type: () => Int }) hubId: number,
    @Args('alerts', { type: () => HubPublishAlerts }) alerts: HubPublishAlerts,
  ): Promise<Network> {
    return this.alerts.set(user, hubId, alerts);
  }

  @ResolveField(() => HubPublishAlerts, {
    description: 'Which newly published innovations the members of this hub are told about.',
  })
  publishAlerts(@Parent() hub: Network, @Context() ctx: GraphqlContext): Promise<HubPublishAlerts> {
    return ctx.loaders.get(this.alertsOfHub).load(hub.id);
  }
}
