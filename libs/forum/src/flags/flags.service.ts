import {
  AppConfig,
  AppError,
  appendOutbox,
  type AuthUser,
  Clock,
  type Connection,
  conflictOnDuplicate,
  paginate,
  runInTransaction,
  writeAudit,
} from '@jipp/core';
import { Innovation } from '@jipp/innovations';
import { Replication } from '@jipp/replications';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ForumAccess } from '../access/forum-access';
import { ForumEventType } from '../forum-event-types';
import { ModerationActionKind, ModerationTarget } from '../moderation/moderation-action.entity';
import { actingHubId, checkModerationReason } from '../moderation/moderation-rules';
import { ModerationService, THREAD_IN_HUB_SCOPE_SQL } from '../moderation/moderation.service';
import { ModerationReason, Post } from '../posts/post.entity';
import { PostsService } from '../posts/posts.service';
import { ForumPublisher } from '../realtime/forum-publisher';
import { Thread } from '../threads/thread.entity';
import { autoHideReason, flagRefusal, MAX_FLAG_NOTE, unhidesAfterDismiss } from './flag-rules';
import { FlagStatus, PostFlag } from './post-flag.entity';

/**
 * Readers' flags and their review. Flags of one post serialise on the post row, so the count that
 * hides a post automatically is exact and the auto-hide happens once.
 *
 * - `flagPost`: one flag per reader and post (a second is CONFLICT); not on one's own post, a deleted
 *   post or one a moderator already hid. When the open flags reach FORUM_FLAG_HIDE_THRESHOLD, the
 *   post is hidden pending review (no moderator behind it, the most common flag reason).
 * - `resolveFlag`: the report is upheld. The post is hidden by the moderator (if the flags hid it, the
 *   moderator now stands behind it) and every open flag of it is resolved.
 * - `dismissFlag`: this report is unfounded; only this flag is dismissed. When the flags alone hid
 *   the post and no open flag is left, the post is shown again.
 */
@Injectable()
export class FlagsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ForumAccess,
    private readonly moderation: ModerationService,
    private readonly posts: PostsService,
    private readonly publisher: ForumPublisher,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async flagPost(
    reader: AuthUser,
    postId: number,
    reason: ModerationReason,
    note?: string | null,
  ): Promise<PostFlag> {
    const text = note?.trim() || null;
    if (text !== null && text.length > MAX_FLAG_NOTE) {
      throw AppError.badInput(`A note is at most ${MAX_FLAG_NOTE} characters.`, [
        { field: 'input.note', message: `must be at most ${MAX_FLAG_NOTE} characters` },
      ]);
    }
    const threshold = this.config.get('FORUM_FLAG_HIDE_THRESHOLD');
    const now = this.clock.now();
    const { flag, hidden, threadId } = await runInTransaction(this.dataSource, async (manager) => {
      // every flag of a post waits here for the ones before it
      const post = await manager
        .getRepository(Post)
        .findOne({ where: { id: postId }, lock: { mode: 'pessimistic_write' } });
      if (!post) throw AppError.notFound('Post', postId);
      const thread = await this.access.readable(reader, post.threadId, manager);
      const flags = manager.getRepository(PostFlag);
      const refusal = flagRefusal({
        isAuthor: post.authorUserId === reader.id,
        deleted: post.deletedAt !== null,
        hiddenByModerator: post.hiddenAt !== null && post.hiddenByUserId !== null,
        alreadyFlagged: await flags.existsBy({ postId, userId: reader.id }),
      });
      if (refusal) throw refusal;
      const row = flags.create({ postId, userId: reader.id, reason, note: text, createdAt: now });
      await conflictOnDuplicate(() => flags.insert(row), 'You have already flagged this post.');
      const open = await this.recount(manager, postId);
      const scope = await this.access.scopeOf(thread, manager);
      await writeAudit(manager, {
        actorUserId: reader.id,
        action: 'post_flag.create',
        entityType: 'post_flag',
        entityId: row.id,
        after: { postId, reason, note: text },
      });
      await appendOutbox(manager, {
        type: ForumEventType.FLAG_RAISED,
        aggregateType: 'post',
        aggregateId: postId,
        actorUserId: reader.id,
        payload: {
          flagId: row.id,
          postId,
          threadId: thread.id,
          hubIds: scope.hubIds,
          reason,
          openFlagCount: open.length,
        },
      });
      const hideAs = autoHideReason({ openFlagReasons: open, threshold, hidden: post.hiddenAt !== null });
      if (hideAs) await this.autoHide(manager, post, thread, scope.hubIds, hideAs, open.length, now);
      return { flag: await flags.findOneByOrFail({ id: row.id }), hidden: hideAs, threadId: thread.id };
    });
    if (hidden) this.publisher.postHidden({ threadId, postId, hiddenReason: hidden });
    return flag;
  }

  /** Open flags of posts in a hub's scope, oldest first: its coordinators and national admins. */
  async queue(
    viewer: AuthUser,
    hubId: number,
    page: { first: number; after?: string; withTotalCount?: boolean },
  ): Promise<Connection<PostFlag>> {
    await this.moderation.requireHubModerator(viewer, hubId);
    const query = this.dataSource
      .getRepository(PostFlag)
      .createQueryBuilder('flag')
      .innerJoin(Post, 'post', 'post.id = flag.postId')
      .innerJoin(Thread, 'thread', 'thread.id = post.threadId')
      .leftJoin(Innovation, 'innovation', 'innovation.id = thread.innovationId')
      .leftJoin(Replication, 'replication', 'replication.id = thread.replicationId')
      .where('flag.status = :open', { open: FlagStatus.OPEN })
      // a deleted post needs no review
      .andWhere('post.deletedAt IS NULL')
      .andWhere(THREAD_IN_HUB_SCOPE_SQL, { hubId });
    return paginate(query, {
      ...page,
      orderBy: [
        {
          column: 'flag.createdAt',
          direction: 'ASC',
          value: (f) => f.createdAt.toISOString().replace('T', ' ').replace('Z', ''),
        },
        { column: 'flag.id', direction: 'ASC', value: (f) => f.id },
      ],
    });
  }

  /** Upholds a flag: the post is hidden by the moderator and every open flag of it is resolved. */
  async resolveFlag(actor: AuthUser, flagId: number, reason: string): Promise<PostFlag> {
    const why = checkModerationReason(reason);
    const now = this.clock.now();
    const { flag, hidden, threadId } = await runInTransaction(this.dataSource, async (manager) => {
      const { flag: before, post, context } = await this.lockFlagForModeration(manager, actor, flagId);
      if (before.status === FlagStatus.RESOLVED)
        return { flag: before, hidden: null, threadId: post.threadId };
      if (before.status === FlagStatus.DISMISSED) {
        throw AppError.conflict(`Flag ${flagId} was already dismissed.`, { status: before.status });
      }
      let hidden: ModerationReason | null = null;
      if (!post.deletedAt) {
        const category = post.hiddenAt ? (post.hiddenReason ?? before.reason) : before.reason;
        if (await this.moderation.hideInTransaction(manager, actor, post, context, category, why, now)) {
          hidden = category;
        }
      }
      await this.settle(manager, before, FlagStatus.RESOLVED, actor, why, context.hubId, post.threadId, now);
      const flag = await manager.getRepository(PostFlag).findOneByOrFail({ id: flagId });
      return { flag, hidden, threadId: post.threadId };
    });
    if (hidden) this.publisher.postHidden({ threadId, postId: flag.postId, hiddenReason: hidden });
    return flag;
  }

  /** Dismisses one flag; a post the flags alone hid is shown again once no open flag is left. */
  async dismissFlag(actor: AuthUser, flagId: number, reason: string): Promise<PostFlag> {
    const why = checkModerationReason(reason);
    const now = this.clock.now();
    const { flag, shown } = await runInTransaction(this.dataSource, async (manager) => {
      const { flag: before, post, context } = await this.lockFlagForModeration(manager, actor, flagId);
      if (before.status === FlagStatus.DISMISSED) return { flag: before, shown: null };
      if (before.status === FlagStatus.RESOLVED) {
        throw AppError.conflict(`Flag ${flagId} was already resolved.`, { status: before.status });
      }
      const left = await this.settle(
        manager,
        before,
        FlagStatus.DISMISSED,
        actor,
        why,
        context.hubId,
        post.threadId,
        now,
      );
      const shown =
        unhidesAfterDismiss(post, left) &&
        (await this.moderation.unhideInTransaction(manager, actor, post, context, why, now));
      const flag = await manager.getRepository(PostFlag).findOneByOrFail({ id: flagId });
      return {
        flag,
        shown: shown ? await manager.getRepository(Post).findOneByOrFail({ id: post.id }) : null,
      };
    });
    if (shown) this.publisher.postUpdated(await this.posts.message(shown));
    return flag;
  }

  /** The flags' post, locked, and the actor's moderation context for its thread. */
  private async lockFlagForModeration(manager: EntityManager, actor: AuthUser, flagId: number) {
    const found = await manager.getRepository(PostFlag).findOneBy({ id: flagId });
    if (!found) throw AppError.notFound('Flag', flagId);
    // lock the post first, as flagging does, then read the flag as it is now
    const { post, context } = await this.moderation.lockPostForModeration(manager, actor, found.postId);
    const flag = await manager.getRepository(PostFlag).findOneByOrFail({ id: flagId });
    return { flag, post, context };
  }

  private async settle(
    manager: EntityManager,
    flag: PostFlag,
    status: FlagStatus.RESOLVED | FlagStatus.DISMISSED,
    actor: AuthUser,
    reason: string,
    hubId: number | null,
    threadId: number,
    now: Date,
  ): Promise<number> {
    // a hide just before may have resolved it with the post's other flags
    await manager
      .getRepository(PostFlag)
      .update(
        { id: flag.id, status: FlagStatus.OPEN },
        { status, resolvedAt: now, resolvedByUserId: actor.id },
      );
    const open = await this.recount(manager, flag.postId);
    await this.moderation.record(manager, {
      hubId,
      actorUserId: actor.id,
      action:
        status === FlagStatus.RESOLVED
          ? ModerationActionKind.RESOLVE_FLAG
          : ModerationActionKind.DISMISS_FLAG,
      targetType: ModerationTarget.FLAG,
      targetId: flag.id,
      threadId,
      reason,
      at: now,
    });
    await writeAudit(manager, {
      actorUserId: actor.id,
      action: status === FlagStatus.RESOLVED ? 'post_flag.resolve' : 'post_flag.dismiss',
      entityType: 'post_flag',
      entityId: flag.id,
      before: { status: flag.status },
      after: { status, reason },
    });
    return open.length;
  }

  /** The reasons of the post's open flags, oldest first, after writing their count on the post. */
  private async recount(manager: EntityManager, postId: number): Promise<ModerationReason[]> {
    const open = await manager.getRepository(PostFlag).find({
      select: { id: true, reason: true },
      where: { postId, status: FlagStatus.OPEN },
      order: { id: 'ASC' },
    });
    await manager.getRepository(Post).update({ id: postId }, { flagCount: open.length });
    return open.map((f) => f.reason);
  }

  private async autoHide(
    manager: EntityManager,
    post: Post,
    thread: Thread,
    hubIds: number[],
    hiddenReason: ModerationReason,
    flagCount: number,
    now: Date,
  ): Promise<void> {
    await manager
      .getRepository(Post)
      .update({ id: post.id }, { hiddenAt: now, hiddenReason, hiddenByUserId: null });
    const reason = `Hidden automatically: ${flagCount} readers flagged it. Pending a moderator's review.`;
    await this.moderation.record(manager, {
      hubId: actingHubId(null, hubIds, []),
      actorUserId: null,
      action: ModerationActionKind.AUTO_HIDE,
      targetType: ModerationTarget.POST,
      targetId: post.id,
      threadId: thread.id,
      reason,
      at: now,
    });
    await writeAudit(manager, {
      actorUserId: null,
      action: 'post.auto_hide',
      entityType: 'post',
      entityId: post.id,
      before: { hiddenAt: null },
      after: { hiddenAt: now, hiddenReason, flagCount },
    });
    await appendOutbox(manager, {
      type: ForumEventType.POST_AUTO_HIDDEN,
      aggregateType: 'post',
      aggregateId: post.id,
      actorUserId: null,
      payload: {
        postId: post.id,
        threadId: thread.id,
        authorUserId: post.authorUserId,
        hubIds,
        hiddenReason,
        openFlagCount: flagCount,
      },
    });
  }
}
