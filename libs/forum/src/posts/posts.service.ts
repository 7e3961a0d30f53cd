import { User } from '@jipp/auth';
import {
  AppConfig,
  AppError,
  appendOutbox,
  type AuthUser,
  Clock,
  type Connection,
  ErrorCode,
  paginate,
  readRawAndEntities,
  Role,
  runInTransaction,
  writeAudit,
} from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ForumAccess, hubReadFlagsSql } from '../access/forum-access';
import type { PostMessage } from '../realtime/forum-events';
import { ForumPublisher } from '../realtime/forum-publisher';
import { Thread, ThreadSubject } from '../threads/thread.entity';
import { ForumEventType } from '../forum-event-types';
import { mentionedUserIds, renderPostBody, renderSoon } from './post-markdown';
import { PostMention } from './post-mention.entity';
import { Post } from './post.entity';

export enum PostOrder {
  OLDEST_FIRST = 'OLDEST_FIRST',
  NEWEST_FIRST = 'NEWEST_FIRST',
}

/** At most this many users are mentioned (and notified) per post. */
export const MAX_MENTIONS = 20;

/** What posting needs to know of the poster, read with the thread (`countPost`) or on its own (`posterFacts`). */
interface PosterFacts {
  name: string;
  mutedUntil: Date | null;
  /** The hub read flags as SQL answers them (1 or 0), when they were asked for. */
  hubRead: { member: unknown; coordinator: unknown } | null;
}

/** Posts: written in Markdown, stored with their sanitised HTML, pushed to readers after commit. */
@Injectable()
export class PostsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ForumAccess,
    private readonly publisher: ForumPublisher,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async list(
    viewer: AuthUser,
    threadId: number,
    order: PostOrder,
    page: { first: number; after?: string; withTotalCount?: boolean },
  ): Promise<Connection<Post>> {
    // every page shows its authors: joined here (to-one, so a row per post) rather than loaded after
    const query = this.dataSource
      .getRepository(Post)
      .createQueryBuilder('post')
      .leftJoinAndMapOne('post.author', User, 'author', 'author.id = post.authorUserId')
      .leftJoinAndSelect('author.agency', 'authorAgency')
      .where('post.threadId = :threadId', { threadId });
    // the page is read while the access check runs (two round trips at once, not one after the
    // other); the check still decides first: a thread the viewer may not read is NOT_FOUND, whatever
    // the page's own outcome, and its page is dropped unseen
    const posts = paginate(query, {
      ...page,
      orderBy: [
        {
          column: 'post.id',
          direction: order === PostOrder.NEWEST_FIRST ? 'DESC' : 'ASC',
          value: (p) => p.id,
        },
      ],
    });
    posts.catch(() => undefined); // its failure is reported below, unless the check's comes first
    await this.access.readable(viewer, threadId);
    return posts;
  }

  findByIds(ids: readonly number[]): Promise<Post[]> {
    return ids.length
      ? this.dataSource.getRepository(Post).findBy({ id: In([...ids]) })
      : Promise.resolve([]);
  }

  async create(
    author: AuthUser,
    threadId: number,
    body: string,
    replyToPostId?: number | null,
  ): Promise<Post> {
    const now = this.clock.now();
    // a body that mentions no one renders while the database opens the transaction
    const rendered = renderSoon(body);
    const { post, authorName } = await runInTransaction(this.dataSource, async (manager) => {
      const { thread, poster } = await this.countPost(manager, author, threadId, now);
      const readable = poster.hubRead
        ? this.access.hubThreadReadable(author, poster.hubRead.member, poster.hubRead.coordinator)
        : await this.access.canRead(author, thread, manager);
      if (!readable) throw AppError.notFound('Thread', threadId);
      await this.assertMayPost(manager, author, thread, poster, now);
      let replyToAuthorUserId: number | null = null;
      if (replyToPostId != null) {
        const parent = await manager.getRepository(Post).findOneBy({ id: replyToPostId });
        if (!parent || parent.threadId !== threadId) {
          throw AppError.badInput('You can only reply to a post of the same thread.', [
            { field: 'input.replyToPostId', message: 'is not a post of this thread' },
          ]);
        }
        replyToAuthorUserId = parent.authorUserId;
      }
      return {
        post: await this.insertPost(manager, author, thread, body, now, {
          replyToPostId: replyToPostId ?? null,
          replyToAuthorUserId,
          bodyHtml: await rendered,
        }),
        authorName: poster.name,
      };
    });
    this.publisher.postCreated(this.toMessage(post, authorName));
    return post;
  }

  /**
   * Counts a new post into its thread and reads what posting there depends on. The counters' UPDATE
   * comes first: it takes the thread's row lock, which orders the posts of a thread (slow mode and
   * the counters hold under races), and a post refused afterwards rolls it back with the rest. Then
   * one statement reads the thread as locked with, for a hub thread, the poster's facts: their name,
   * a running mute in the hub, and whether they may read its forum. Other threads ask for the hubs
   * of their subject first.
   */
  private async countPost(
    manager: EntityManager,
    author: AuthUser,
    threadId: number,
    now: Date,
  ): Promise<{ thread: Thread; poster: PosterFacts }> {
    const counted: { affectedRows?: number } = await manager.query(
      'UPDATE thread SET post_count = post_count + 1, last_post_at = ?, last_activity_at = ? WHERE id = ?',
      [now, now, threadId],
    );
    if (!counted.affectedRows) throw AppError.notFound('Thread', threadId);
    const askHubRead = author.role !== Role.ADMIN;
    const query = manager
      .getRepository(Thread)
      .createQueryBuilder('thread')
      .addSelect('(SELECT u.name FROM `user` u WHERE u.id = :userId)', 'poster_name')
      .addSelect(
        `(SELECT MAX(mute.muted_until) FROM hub_mute mute
           WHERE mute.user_id = :userId AND mute.hub_id = thread.hub_id AND mute.muted_until > :now)`,
        'poster_muted_until',
      )
      .where('thread.id = :threadId', { threadId, userId: author.id, now });
    if (askHubRead) {
      query
        .addSelect(hubReadFlagsSql.member('thread.hub_id', ':agencyId'), 'hub_member')
        .addSelect(hubReadFlagsSql.coordinator('thread.hub_id', ':userId'), 'hub_coordinator')
        .setParameter('agencyId', author.agencyId);
    }
    const {
      entities: [thread],
      raw: [row],
    } = (await readRawAndEntities(query)) as { entities: Thread[]; raw: Array<Record<string, unknown>> };
    if (!thread || !row) throw AppError.notFound('Thread', threadId);
    if (thread.subject !== ThreadSubject.HUB) {
      const scope = await this.access.scopeOf(thread, manager);
      return { thread, poster: await this.posterFacts(manager, author, scope.hubIds, now) };
    }
    return {
      thread,
      poster: {
        name: typeof row['poster_name'] === 'string' ? row['poster_name'] : '',
        mutedUntil: row['poster_muted_until'] instanceof Date ? row['poster_muted_until'] : null,
        hubRead: askHubRead ? { member: row['hub_member'], coordinator: row['hub_coordinator'] } : null,
      },
    };
  }

  /**
   * Writes a post into a thread whose row this transaction has locked and counted the post in:
   * mentions, audit and the outbox event. Used for a reply and for a new thread's first post.
   * `written.bodyHtml` is the body already rendered, for a body that mentions no one.
   */
  async insertPost(
    manager: EntityManager,
    author: AuthUser,
    thread: Thread,
    body: string,
    now: Date,
    written: { replyToPostId: number | null; replyToAuthorUserId: number | null; bodyHtml?: string },
  ): Promise<Post> {
    const { replyToPostId, replyToAuthorUserId, bodyHtml } = written;
    const mentioned = await this.mentionable(manager, thread, mentionedUserIds(body), author.id);
    // every column given, so the inserted row is the post (no read-back): only its id comes back
    const row = manager.getRepository(Post).create({
      threadId: thread.id,
      authorUserId: author.id,
      body,
      bodyHtml: bodyHtml !== undefined && mentioned.size === 0 ? bodyHtml : renderPostBody(body, mentioned),
      replyToPostId,
      editedAt: null,
      deletedAt: null,
      hiddenAt: null,
      hiddenReason: null,
      hiddenByUserId: null,
      flagCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Post)
      .values(row)
      .updateEntity(false)
      .execute();
    row.id = Number((inserted.raw as { insertId: number | string }).insertId);
    if (mentioned.size) {
      await manager
        .getRepository(PostMention)
        .insert([...mentioned.keys()].map((userId) => ({ postId: row.id, userId })));
    }
    await writeAudit(manager, {
      actorUserId: author.id,
      action: 'post.create',
      entityType: 'post',
      entityId: row.id,
      after: { id: row.id, threadId: thread.id, replyToPostId },
    });
    await appendOutbox(manager, {
      type: ForumEventType.POST_CREATED,
      aggregateType: 'post',
      aggregateId: row.id,
      actorUserId: author.id,
      payload: {
        postId: row.id,
        threadId: thread.id,
        subject: thread.subject,
        hubId: thread.hubId,
        innovationId: thread.innovationId,
        replicationId: thread.replicationId,
        replyToPostId,
        replyToAuthorUserId,
        mentionedUserIds: [...mentioned.keys()],
      },
    });
    return row;
  }

  /** The author edits within the edit window; the post keeps an "edited" mark. */
  async edit(editor: AuthUser, postId: number, body: string): Promise<Post> {
    const now = this.clock.now();
    const windowMs = this.config.get('FORUM_EDIT_WINDOW_MINUTES') * 60_000;
    const post = await runInTransaction(this.dataSource, async (manager) => {
      const before = await this.lockVisible(manager, editor, postId);
      if (before.authorUserId !== editor.id) throw AppError.forbidden('Only the author edits a post.');
      if (before.deletedAt || before.hiddenAt)
        throw AppError.forbidden('A deleted or hidden post cannot be edited.');
      const thread = await manager.getRepository(Thread).findOneByOrFail({ id: before.threadId });
      if (thread.locked) throw AppError.forbidden('The thread is locked: its posts can no longer change.');
      const until = new Date(before.createdAt.getTime() + windowMs);
      if (now > until) {
        throw AppError.forbidden(
          `Posts can be edited for ${windowMs / 60_000} minutes; this one until ${until.toISOString()}.`,
        );
      }
      const mentioned = await this.mentionable(manager, thread, mentionedUserIds(body), editor.id);
      await manager
        .getRepository(Post)
        .update({ id: postId }, { body, bodyHtml: renderPostBody(body, mentioned), editedAt: now });
      await writeAudit(manager, {
        actorUserId: editor.id,
        action: 'post.edit',
        entityType: 'post',
        entityId: postId,
        before: { body: before.body },
        after: { body },
      });
      return manager.getRepository(Post).findOneByOrFail({ id: postId });
    });
    this.publisher.postUpdated(await this.message(post));
    return post;
  }

  /** Soft delete, by the author or a moderator of the thread. */
  async delete(actor: AuthUser, postId: number): Promise<Post> {
    const now = this.clock.now();
    const post = await runInTransaction(this.dataSource, async (manager) => {
      const before = await this.lockVisible(manager, actor, postId);
      if (before.deletedAt) return before;
      const thread = await manager.getRepository(Thread).findOneByOrFail({ id: before.threadId });
      if (before.authorUserId !== actor.id && !(await this.access.canModerate(actor, thread, manager))) {
        throw AppError.forbidden('Only the author or a moderator deletes a post.');
      }
      await manager.getRepository(Post).update({ id: postId }, { deletedAt: now });
      await manager.query('UPDATE thread SET post_count = GREATEST(post_count, 1) - 1 WHERE id = ?', [
        thread.id,
      ]);
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'post.delete',
        entityType: 'post',
        entityId: postId,
        before: { id: postId, body: before.body },
      });
      return manager.getRepository(Post).findOneByOrFail({ id: postId });
    });
    this.publisher.postUpdated(await this.message(post));
    return post;
  }

  /** What sockets receive for a post (no body once deleted or hidden). */
  async message(post: Post): Promise<PostMessage> {
    const author = await this.dataSource.getRepository(User).findOneBy({ id: post.authorUserId });
    return this.toMessage(post, author?.name ?? '');
  }

  /** The socket message of a post whose author's name is already known. */
  toMessage(post: Post, authorName: string): PostMessage {
    const gone = post.deletedAt !== null || post.hiddenAt !== null;
    return {
      id: post.id,
      threadId: post.threadId,
      authorUserId: post.authorUserId,
      authorName,
      bodyHtml: gone ? null : post.bodyHtml,
      replyToPostId: post.replyToPostId,
      createdAt: post.createdAt.toISOString(),
      editedAt: post.editedAt?.toISOString() ?? null,
      deleted: post.deletedAt !== null,
      hidden: post.hiddenAt !== null,
      hiddenReason: post.hiddenReason,
    };
  }

  /**
   * Locked thread, mute and slow mode, with errors that say until when. Returns the author's name
   * (for the socket message), read in the same statement as the mute.
   */
  async checkMayPost(
    manager: EntityManager,
    author: AuthUser,
    thread: Thread,
    now: Date,
  ): Promise<{ name: string }> {
    const scope = await this.access.scopeOf(thread, manager);
    const poster = await this.posterFacts(manager, author, scope.hubIds, now);
    await this.assertMayPost(manager, author, thread, poster, now);
    return { name: poster.name };
  }

  /** Refuses a post into a locked thread, by a muted user, or sooner than the thread's slow mode allows. */
  private async assertMayPost(
    manager: EntityManager,
    author: AuthUser,
    thread: Thread,
    { mutedUntil }: PosterFacts,
    now: Date,
  ): Promise<void> {
    if (thread.locked) throw AppError.forbidden(`Thread ${thread.id} is locked: it takes no new posts.`);
    if (mutedUntil) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `You are muted in this forum until ${mutedUntil.toISOString()}.`,
        {
          mutedUntil: mutedUntil.toISOString(),
        },
      );
    }
    if (thread.slowModeSeconds > 0) {
      const last = await manager
        .getRepository(Post)
        .createQueryBuilder('post')
        .where('post.threadId = :threadId AND post.authorUserId = :userId', {
          threadId: thread.id,
          userId: author.id,
        })
        .orderBy('post.createdAt', 'DESC')
        .getOne();
      const nextAt = last ? last.createdAt.getTime() + thread.slowModeSeconds * 1000 : 0;
      if (nextAt > now.getTime()) {
        const wait = Math.ceil((nextAt - now.getTime()) / 1000);
        throw AppError.rateLimited(
          `Slow mode: one post every ${thread.slowModeSeconds} s in this thread; post again after ${new Date(nextAt).toISOString()}.`,
          wait,
        );
      }
    }
  }

  /**
   * One statement: the user's name and, when the thread has hubs, the latest end of a mute of the
   * user in one of them that is still running at `now` (null if none).
   */
  private async posterFacts(
    manager: EntityManager,
    user: AuthUser,
    hubIds: number[],
    now: Date,
  ): Promise<PosterFacts> {
    const mute = hubIds.length
      ? `(SELECT MAX(mute.muted_until) FROM hub_mute mute
           WHERE mute.user_id = u.id AND mute.hub_id IN (${hubIds.map(() => '?').join(', ')}) AND mute.muted_until > ?)`
      : 'NULL';
    const rows: Array<{ name: string; muted_until: Date | null }> = await manager.query(
      `SELECT u.name, ${mute} AS muted_until FROM \`user\` u WHERE u.id = ?`,
      [...(hubIds.length ? [...hubIds, now] : []), user.id],
    );
    return { name: rows[0]?.name ?? '', mutedUntil: rows[0]?.muted_until ?? null, hubRead: null };
  }

  private async lockVisible(manager: EntityManager, user: AuthUser, postId: number): Promise<Post> {
    const post = await manager
      .getRepository(Post)
      .findOne({ where: { id: postId }, lock: { mode: 'pessimistic_write' } });
    if (!post) throw AppError.notFound('Post', postId);
    await this.access.readable(user, post.threadId, manager);
    return post;
  }

  /** Mentioned users who exist and may read the thread (others are not told), with their names. */
  private async mentionable(
    manager: EntityManager,
    thread: Thread,
    ids: number[],
    authorId: number,
  ): Promise<Map<number, string>> {
    const candidates = ids.filter((id) => id !== authorId).slice(0, MAX_MENTIONS);
    if (candidates.length === 0) return new Map();
    const users = await manager.getRepository(User).findBy({ id: In(candidates) });
    const names = new Map<number, string>();
    for (const user of users) {
      if (
        await this.access.canRead({ id: user.id, agencyId: user.agencyId, role: user.role }, thread, manager)
      ) {
        names.set(user.id, user.name);
      }
    }
    return names;
  }
}
