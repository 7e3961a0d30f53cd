import { Network } from '@jipp/agencies';
import { User } from '@jipp/auth';
import {
  AppError,
  type AuthUser,
  Clock,
  type Connection,
  paginate,
  Role,
  runInTransaction,
  writeAudit,
} from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { ForumAccess } from '../access/forum-access';
import { mayModerate } from '../access/forum-rules';
import { FlagStatus, PostFlag } from '../flags/post-flag.entity';
import { ModerationReason, Post } from '../posts/post.entity';
import { PostsService } from '../posts/posts.service';
import { ForumPublisher } from '../realtime/forum-publisher';
import { Thread } from '../threads/thread.entity';
import { ThreadsService } from '../threads/threads.service';
import { HubMute } from './hub-mute.entity';
import { ModerationAction, ModerationActionKind, ModerationTarget } from './moderation-action.entity';
import {
  actingHubId,
  checkModerationReason,
  checkMuteUntil,
  checkSlowModeSeconds,
  moderationDecision,
  threadPatch,
  type ThreadModerationKind,
} from './moderation-rules';

/** One row of the moderation log, as a service writes it. */
export interface ModerationEntry {
  hubId: number | null;
  actorUserId: number | null;
  action: ModerationActionKind;
  targetType: ModerationTarget;
  targetId: number;
  threadId: number | null;
  reason: string;
  at: Date;
}

/** Where a moderator acts on a thread: the hub the action is logged under, and the thread's hubs. */
export interface ModerationContext {
  hubId: number | null;
  scopeHubIds: number[];
}

/** SQL (on aliases `thread`, `innovation`, `replication`) true when a thread is in hub `:hubId`'s scope. */
export const THREAD_IN_HUB_SCOPE_SQL = `(thread.hub_id = :hubId OR COALESCE(innovation.origin_agency_id, replication.adopter_agency_id) IN (SELECT nm.agency_id FROM network_member nm WHERE nm.network_id = :hubId))`;

/**
 * Moderation of threads, posts and hub mutes by the coordinators of the thread's hubs and national
 * admins. Each action checks the actor, changes the row, writes a `ModerationAction` and an audit
 * row in one transaction, then pushes the change to sockets. Repeating an action on a target that
 * already is that way (pin a pinned thread, unhide a shown post, unmute a user who is not muted)
 * writes nothing and answers the unchanged target.
 */
@Injectable()
export class ModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ForumAccess,
    private readonly threads: ThreadsService,
    private readonly posts: PostsService,
    private readonly publisher: ForumPublisher,
    private readonly clock: Clock,
  ) {}

  pinThread(actor: AuthUser, threadId: number, reason: string): Promise<Thread> {
    return this.changeThread(actor, threadId, ModerationActionKind.PIN, reason);
  }

  unpinThread(actor: AuthUser, threadId: number, reason: string): Promise<Thread> {
    return this.changeThread(actor, threadId, ModerationActionKind.UNPIN, reason);
  }

  lockThread(actor: AuthUser, threadId: number, reason: string): Promise<Thread> {
    return this.changeThread(actor, threadId, ModerationActionKind.LOCK, reason);
  }

  unlockThread(actor: AuthUser, threadId: number, reason: string): Promise<Thread> {
    return this.changeThread(actor, threadId, ModerationActionKind.UNLOCK, reason);
  }

  /** Seconds a user waits between two posts in the thread (0 turns slow mode off). */
  setSlowMode(actor: AuthUser, threadId: number, seconds: number, reason: string): Promise<Thread> {
    checkSlowModeSeconds(seconds);
    return this.changeThread(actor, threadId, ModerationActionKind.SET_SLOW_MODE, reason, seconds);
  }

  /**
   * Hides a post from readers under a reason category; every open flag of it is resolved (the
   * reports were right). A post the flags hid becomes hidden by this moderator.
   */
  async hidePost(actor: AuthUser, postId: number, category: ModerationReason, reason: string): Promise<Post> {
    const why = checkModerationReason(reason);
    const now = this.clock.now();
    const { post, changed } = await runInTransaction(this.dataSource, async (manager) => {
      const { post: before, context } = await this.lockPostForModeration(manager, actor, postId);
      const changed = await this.hideInTransaction(manager, actor, before, context, category, why, now);
      return { post: await manager.getRepository(Post).findOneByOrFail({ id: postId }), changed };
    });
    if (changed) {
      this.publisher.postHidden({ threadId: post.threadId, postId, hiddenReason: post.hiddenReason! });
    }
    return post;
  }

  /** Shows a hidden post again; its open flags are dismissed (a moderator reviewed it). */
  async unhidePost(actor: AuthUser, postId: number, reason: string): Promise<Post> {
    const why = checkModerationReason(reason);
    const now = this.clock.now();
    const { post, changed } = await runInTransaction(this.dataSource, async (manager) => {
      const { post: before, context } = await this.lockPostForModeration(manager, actor, postId);
      const changed = await this.unhideInTransaction(manager, actor, before, context, why, now);
      return { post: await manager.getRepository(Post).findOneByOrFail({ id: postId }), changed };
    });
    if (changed) this.publisher.postUpdated(await this.posts.message(post));
    return post;
  }

  /**
   * Mutes a user in a hub's forum (and the discussions in its scope) until a time, at most a year
   * ahead. Muting again replaces the end and the reason. National admins and oneself cannot be muted.
   */
  async muteUser(
    actor: AuthUser,
    hubId: number,
    userId: number,
    until: Date,
    reason: string,
  ): Promise<HubMute> {
    const why = checkModerationReason(reason);
    const now = this.clock.now();
    checkMuteUntil(until, now);
    return runInTransaction(this.dataSource, async (manager) => {
      await this.requireHubModerator(actor, hubId, manager);
      const target = await manager.getRepository(User).findOneBy({ id: userId });
      if (!target) throw AppError.notFound('User', userId);
      if (target.id === actor.id) throw AppError.forbidden('You cannot mute yourself.');
      if (target.role === Role.ADMIN) throw AppError.forbidden('National admins cannot be muted.');
      const repo = manager.getRepository(HubMute);
      const before = await repo.findOne({ where: { hubId, userId }, lock: { mode: 'pessimistic_write' } });
      if (before && before.mutedUntil.getTime() === until.getTime() && before.mutedUntil > now) return before;
      if (before) {
        await repo.update(
          { hubId, userId },
          { mutedUntil: until, reason: why, createdByUserId: actor.id, createdAt: now },
        );
      } else {
        await repo.insert({
          hubId,
          userId,
          mutedUntil: until,
          reason: why,
          createdByUserId: actor.id,
          createdAt: now,
        });
      }
      await this.record(manager, {
        hubId,
        actorUserId: actor.id,
        action: ModerationActionKind.MUTE_USER,
        targetType: ModerationTarget.USER,
        targetId: userId,
        threadId: null,
        reason: why,
        at: now,
      });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'hub_mute.mute',
        entityType: 'hub_mute',
        entityId: `${hubId}:${userId}`,
        before: before ? { mutedUntil: before.mutedUntil, reason: before.reason } : null,
        after: { hubId, userId, mutedUntil: until, reason: why },
      });
      return repo.findOneByOrFail({ hubId, userId });
    });
  }

  /** Lifts a mute before its end; false (and nothing written) when the user was not muted. */
  async unmuteUser(actor: AuthUser, hubId: number, userId: number, reason: string): Promise<boolean> {
    const why = checkModerationReason(reason);
    const now = this.clock.now();
    return runInTransaction(this.dataSource, async (manager) => {
      await this.requireHubModerator(actor, hubId, manager);
      const repo = manager.getRepository(HubMute);
      const before = await repo.findOne({ where: { hubId, userId }, lock: { mode: 'pessimistic_write' } });
      if (!before) return false;
      await repo.delete({ hubId, userId });
      // an expired mute is only swept away: nothing was lifted, nothing to log
      if (before.mutedUntil <= now) return false;
      await this.record(manager, {
        hubId,
        actorUserId: actor.id,
        action: ModerationActionKind.UNMUTE_USER,
        targetType: ModerationTarget.USER,
        targetId: userId,
        threadId: null,
        reason: why,
        at: now,
      });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'hub_mute.unmute',
        entityType: 'hub_mute',
        entityId: `${hubId}:${userId}`,
        before: { mutedUntil: before.mutedUntil, reason: before.reason },
        after: { reason: why },
      });
      return true;
    });
  }

  /** The hub's mutes still running, ending soonest first. */
  async hubMutes(viewer: AuthUser, hubId: number): Promise<HubMute[]> {
    await this.requireHubModerator(viewer, hubId);
    return this.dataSource.getRepository(HubMute).find({
      where: { hubId, mutedUntil: MoreThan(this.clock.now()) },
      order: { mutedUntil: 'ASC', userId: 'ASC' },
    });
  }

  /**
   * The moderation log of a hub, newest first: its coordinators and national admins. Without a hub,
   * the whole log (national admins only).
   */
  async log(
    viewer: AuthUser,
    hubId: number | null,
    page: { first: number; after?: string; withTotalCount?: boolean },
  ): Promise<Connection<ModerationAction>> {
    const query = this.dataSource.getRepository(ModerationAction).createQueryBuilder('action');
    if (hubId === null) {
      if (viewer.role !== Role.ADMIN) {
        throw AppError.forbidden('Name a hub you coordinate: only national admins read the whole log.');
      }
    } else {
      await this.requireHubModerator(viewer, hubId);
      query.where('action.hubId = :hubId', { hubId });
    }
    return paginate(query, {
      ...page,
      orderBy: [{ column: 'action.id', direction: 'DESC', value: (a) => a.id }],
    });
  }

  /** Of these threads, the ones the user moderates (one query for a page of posts). */
  async moderatedThreadIds(user: AuthUser, threadIds: readonly number[]): Promise<Set<number>> {
    if (threadIds.length === 0) return new Set();
    if (user.role === Role.ADMIN) return new Set(threadIds);
    if (user.role !== Role.COORDINATOR) return new Set();
    const rows: Array<{ id: number }> = await this.dataSource.query(
      `SELECT thread.id FROM thread
         LEFT JOIN innovation ON thread.subject = 'INNOVATION' AND innovation.id = thread.innovation_id
         LEFT JOIN replication ON thread.subject = 'REPLICATION' AND replication.id = thread.replication_id
       WHERE thread.id IN (${threadIds.map(() => '?').join(', ')})
         AND (thread.hub_id IN (SELECT nc.network_id FROM network_coordinator nc WHERE nc.user_id = ?)
           OR EXISTS (SELECT 1 FROM network_member nm
                        JOIN network_coordinator nc ON nc.network_id = nm.network_id AND nc.user_id = ?
                      WHERE nm.agency_id = COALESCE(innovation.origin_agency_id, replication.adopter_agency_id)))`,
      [...threadIds, user.id, user.id],
    );
    return new Set(rows.map((r) => Number(r.id)));
  }

  /**
   * The actor's moderation context for a thread: ALLOW for moderators; FORBIDDEN for others who
   * see the thread and for coordinators of other hubs; NOT_FOUND for the rest.
   */
  async authorize(manager: EntityManager, actor: AuthUser, thread: Thread): Promise<ModerationContext> {
    const scope = await this.access.scopeOf(thread, manager);
    const coordinated = await this.coordinatedHubIds(manager, actor, scope.hubIds);
    const coordinatesScope = coordinated.length > 0;
    const canRead =
      mayModerate(actor, coordinatesScope) || (await this.access.canRead(actor, thread, manager));
    const decision = moderationDecision(actor, { coordinatesScope, canRead });
    if (decision === 'NOT_FOUND') throw AppError.notFound('Thread', thread.id);
    if (decision === 'FORBIDDEN') {
      throw AppError.forbidden(
        `Only coordinators of the hubs this thread belongs to and national admins moderate thread ${thread.id}.`,
      );
    }
    return { hubId: actingHubId(actor, scope.hubIds, coordinated), scopeHubIds: scope.hubIds };
  }

  /** NOT_FOUND for an unknown hub; FORBIDDEN unless the user coordinates it or is a national admin. */
  async requireHubModerator(
    user: AuthUser,
    hubId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (!(await manager.getRepository(Network).existsBy({ id: hubId })))
      throw AppError.notFound('Hub', hubId);
    if (user.role === Role.ADMIN) return;
    if ((await this.coordinatedHubIds(manager, user, [hubId])).length === 0) {
      throw AppError.forbidden(`Only coordinators of hub ${hubId} and national admins moderate it.`);
    }
  }

  /** Locks a post row and checks the actor moderates its thread. */
  async lockPostForModeration(
    manager: EntityManager,
    actor: AuthUser,
    postId: number,
  ): Promise<{ post: Post; thread: Thread; context: ModerationContext }> {
    const post = await manager
      .getRepository(Post)
      .findOne({ where: { id: postId }, lock: { mode: 'pessimistic_write' } });
    if (!post) throw AppError.notFound('Post', postId);
    const thread = await manager.getRepository(Thread).findOneByOrFail({ id: post.threadId });
    return { post, thread, context: await this.authorize(manager, actor, thread) };
  }

  /**
   * Hides a locked post by a moderator and resolves its open flags; false when it already is hidden
   * by a moderator under this category. A deleted post cannot be hidden (CONFLICT).
   */
  async hideInTransaction(
    manager: EntityManager,
    actor: AuthUser,
    post: Post,
    context: ModerationContext,
    category: ModerationReason,
    reason: string,
    now: Date,
  ): Promise<boolean> {
    if (post.deletedAt) throw AppError.conflict(`Post ${post.id} was deleted: there is nothing to hide.`);
    if (post.hiddenAt && post.hiddenByUserId !== null && post.hiddenReason === category) return false;
    const after = {
      hiddenAt: post.hiddenAt ?? now,
      hiddenReason: category,
      hiddenByUserId: actor.id,
      flagCount: 0,
    };
    await manager.getRepository(Post).update({ id: post.id }, after);
    await this.settleOpenFlags(manager, post.id, FlagStatus.RESOLVED, actor, now);
    await this.record(manager, {
      hubId: context.hubId,
      actorUserId: actor.id,
      action: ModerationActionKind.HIDE_POST,
      targetType: ModerationTarget.POST,
      targetId: post.id,
      threadId: post.threadId,
      reason,
      at: now,
    });
    await writeAudit(manager, {
      actorUserId: actor.id,
      action: 'post.hide',
      entityType: 'post',
      entityId: post.id,
      before: {
        hiddenAt: post.hiddenAt,
        hiddenReason: post.hiddenReason,
        hiddenByUserId: post.hiddenByUserId,
      },
      after: { ...after, reason },
    });
    return true;
  }

  /** Shows a locked post again and dismisses its open flags; false when it was not hidden. */
  async unhideInTransaction(
    manager: EntityManager,
    actor: AuthUser,
    post: Post,
    context: ModerationContext,
    reason: string,
    now: Date,
  ): Promise<boolean> {
    if (!post.hiddenAt) return false;
    await manager
      .getRepository(Post)
      .update({ id: post.id }, { hiddenAt: null, hiddenReason: null, hiddenByUserId: null, flagCount: 0 });
    await this.settleOpenFlags(manager, post.id, FlagStatus.DISMISSED, actor, now);
    await this.record(manager, {
      hubId: context.hubId,
      actorUserId: actor.id,
      action: ModerationActionKind.UNHIDE_POST,
      targetType: ModerationTarget.POST,
      targetId: post.id,
      threadId: post.threadId,
      reason,
      at: now,
    });
    await writeAudit(manager, {
      actorUserId: actor.id,
      action: 'post.unhide',
      entityType: 'post',
      entityId: post.id,
      before: {
        hiddenAt: post.hiddenAt,
        hiddenReason: post.hiddenReason,
        hiddenByUserId: post.hiddenByUserId,
      },
      after: { hiddenAt: null, reason },
    });
    return true;
  }

  /** Writes one row of the moderation log inside the caller's transaction. */
  async record(manager: EntityManager, entry: ModerationEntry): Promise<void> {
    const { at, ...fields } = entry;
    await manager.getRepository(ModerationAction).insert({ ...fields, createdAt: at });
  }

  private async changeThread(
    actor: AuthUser,
    threadId: number,
    kind: ThreadModerationKind,
    reason: string,
    slowModeSeconds?: number,
  ): Promise<Thread> {
    const why = checkModerationReason(reason);
    const now = this.clock.now();
    const { thread, changed } = await runInTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(Thread);
      const before = await repo.findOne({ where: { id: threadId }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw AppError.notFound('Thread', threadId);
      const context = await this.authorize(manager, actor, before);
      const patch = threadPatch(kind, before, slowModeSeconds);
      if (!patch) return { thread: before, changed: false };
      await repo.update({ id: threadId }, patch);
      await this.record(manager, {
        hubId: context.hubId,
        actorUserId: actor.id,
        action: kind,
        targetType: ModerationTarget.THREAD,
        targetId: threadId,
        threadId,
        reason: why,
        at: now,
      });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: `thread.${kind.toLowerCase()}`,
        entityType: 'thread',
        entityId: threadId,
        before: { pinned: before.pinned, locked: before.locked, slowModeSeconds: before.slowModeSeconds },
        after: { ...patch, reason: why },
      });
      return { thread: await repo.findOneByOrFail({ id: threadId }), changed: true };
    });
    if (changed) this.publisher.threadUpdated(this.threads.message(thread));
    return thread;
  }

  private async settleOpenFlags(
    manager: EntityManager,
    postId: number,
    status: FlagStatus.RESOLVED | FlagStatus.DISMISSED,
    actor: AuthUser,
    now: Date,
  ): Promise<void> {
    await manager
      .getRepository(PostFlag)
      .update({ postId, status: FlagStatus.OPEN }, { status, resolvedAt: now, resolvedByUserId: actor.id });
  }

  private async coordinatedHubIds(
    manager: EntityManager,
    user: AuthUser,
    hubIds: readonly number[],
  ): Promise<number[]> {
    if (user.role !== Role.COORDINATOR || hubIds.length === 0) return [];
    const rows: Array<{ network_id: number }> = await manager.query(
      `SELECT network_id FROM network_coordinator WHERE user_id = ? AND network_id IN (${hubIds.map(() => '?').join(', ')}) ORDER BY network_id`,
      [user.id, ...hubIds],
    );
    return rows.map((r) => Number(r.network_id));
  }
}
