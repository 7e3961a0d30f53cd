import { Network } from '@jipp/agencies';
import {
  AppError,
  appendOutbox,
  type AuthUser,
  Clock,
  type Connection,
  paginate,
  runInTransaction,
  writeAudit,
} from '@jipp/core';
import { Innovation } from '@jipp/innovations';
import { Replication } from '@jipp/replications';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { ForumAccess } from '../access/forum-access';
import { ForumEventType } from '../forum-event-types';
import { renderSoon } from '../posts/post-markdown';
import { PostsService } from '../posts/posts.service';
import type { ThreadMessage } from '../realtime/forum-events';
import { ForumPublisher } from '../realtime/forum-publisher';
import { Thread, ThreadSubject } from './thread.entity';

/** Exactly one of these says where a thread lives. */
export interface ThreadPlace {
  hubId?: number | null;
  innovationId?: number | null;
  replicationId?: number | null;
}

/** The subject and columns of a place, or BAD_USER_INPUT unless exactly one is given. */
export function placeOf(
  place: ThreadPlace,
): Pick<Thread, 'subject' | 'hubId' | 'innovationId' | 'replicationId'> {
  const given = [place.hubId, place.innovationId, place.replicationId].filter((v) => v != null);
  if (given.length !== 1) {
    throw AppError.badInput('Name exactly one of hubId, innovationId and replicationId.', [
      { field: 'hubId', message: 'or innovationId or replicationId, exactly one' },
    ]);
  }
  return {
    subject:
      place.hubId != null
        ? ThreadSubject.HUB
        : place.innovationId != null
          ? ThreadSubject.INNOVATION
          : ThreadSubject.REPLICATION,
    hubId: place.hubId ?? null,
    innovationId: place.innovationId ?? null,
    replicationId: place.replicationId ?? null,
  };
}

@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ForumAccess,
    private readonly posts: PostsService,
    private readonly publisher: ForumPublisher,
    private readonly clock: Clock,
  ) {}

  get(viewer: AuthUser, id: number): Promise<Thread> {
    return this.access.readable(viewer, id);
  }

  findByIds(ids: readonly number[]): Promise<Thread[]> {
    return ids.length
      ? this.dataSource.getRepository(Thread).findBy({ id: In([...ids]) })
      : Promise.resolve([]);
  }

  /** The threads of one place, pinned first, then by latest activity. */
  async list(
    viewer: AuthUser,
    place: ThreadPlace,
    page: { first: number; after?: string; withTotalCount?: boolean },
  ): Promise<Connection<Thread>> {
    const where = placeOf(place);
    await this.requirePlace(viewer, where);
    const query = this.dataSource.getRepository(Thread).createQueryBuilder('thread');
    if (where.hubId !== null) query.where('thread.hubId = :hubId', { hubId: where.hubId });
    else if (where.innovationId !== null)
      query.where('thread.innovationId = :id', { id: where.innovationId });
    else query.where('thread.replicationId = :id', { id: where.replicationId });
    return paginate(query, {
      ...page,
      orderBy: [
        { column: 'thread.pinned', direction: 'DESC', value: (t) => (t.pinned ? 1 : 0) },
        {
          column: 'thread.lastActivityAt',
          direction: 'DESC',
          value: (t) => t.lastActivityAt.toISOString().replace('T', ' ').replace('Z', ''),
        },
        { column: 'thread.id', direction: 'DESC', value: (t) => t.id },
      ],
    });
  }

  /** A new thread and its first post, in one transaction. */
  async create(author: AuthUser, place: ThreadPlace, title: string, body: string): Promise<Thread> {
    const where = placeOf(place);
    await this.requirePlace(author, where);
    const now = this.clock.now();
    const rendered = renderSoon(body);
    const { thread, post, name } = await runInTransaction(this.dataSource, async (manager) => {
      // the first post is counted in as the thread is written
      const row = manager.getRepository(Thread).create({
        ...where,
        title,
        authorUserId: author.id,
        postCount: 1,
        lastPostAt: now,
        lastActivityAt: now,
      });
      // mutes apply to new threads too (slow mode and locks cannot, the thread is new)
      const { name } = await this.posts.checkMayPost(manager, author, row, now);
      await manager.getRepository(Thread).insert(row);
      await writeAudit(manager, {
        actorUserId: author.id,
        action: 'thread.create',
        entityType: 'thread',
        entityId: row.id,
        after: row,
      });
      await appendOutbox(manager, {
        type: ForumEventType.THREAD_CREATED,
        aggregateType: 'thread',
        aggregateId: row.id,
        actorUserId: author.id,
        payload: { threadId: row.id, ...where, title },
      });
      const first = await this.posts.insertPost(manager, author, row, body, now, {
        replyToPostId: null,
        replyToAuthorUserId: null,
        bodyHtml: await rendered,
      });
      return {
        thread: await manager.getRepository(Thread).findOneByOrFail({ id: row.id }),
        post: first,
        name,
      };
    });
    this.publisher.postCreated(this.posts.toMessage(post, name));
    return thread;
  }

  /** What sockets receive when a thread's moderation state changes. */
  message(thread: Thread): ThreadMessage {
    return {
      id: thread.id,
      pinned: thread.pinned,
      locked: thread.locked,
      slowModeSeconds: thread.slowModeSeconds,
      postCount: thread.postCount,
      lastPostAt: thread.lastPostAt?.toISOString() ?? null,
    };
  }

  /** The place must exist and the user must be allowed in its forum; NOT_FOUND otherwise. */
  private async requirePlace(
    user: AuthUser,
    where: Pick<Thread, 'subject' | 'hubId' | 'innovationId' | 'replicationId'>,
  ): Promise<void> {
    const exists =
      where.hubId !== null
        ? await this.dataSource.getRepository(Network).existsBy({ id: where.hubId })
        : where.innovationId !== null
          ? await this.dataSource.getRepository(Innovation).existsBy({ id: where.innovationId })
          : await this.dataSource.getRepository(Replication).existsBy({ id: where.replicationId! });
    const probe = Object.assign(new Thread(), where);
    if (!exists || !(await this.access.canRead(user, probe))) {
      throw AppError.notFound('Forum', where.hubId ?? where.innovationId ?? where.replicationId ?? undefined);
    }
  }
}
