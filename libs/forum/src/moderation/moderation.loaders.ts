import type { AuthUser, LoaderFactory } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Post } from '../posts/post.entity';
import { PostsService } from '../posts/posts.service';
import { ModerationService } from './moderation.service';

export interface ThreadModeratorKey {
  user: AuthUser;
  threadId: number;
}

/** Whether the user moderates a thread, batched per request (one query for a page of posts). */
@Injectable()
export class ThreadModeratorLoader implements LoaderFactory<ThreadModeratorKey, boolean> {
  constructor(private readonly moderation: ModerationService) {}

  create(): DataLoader<ThreadModeratorKey, boolean, string> {
    return new DataLoader<ThreadModeratorKey, boolean, string>(
      async (keys) => {
        // a request has one user; grouping keeps the loader right even if it had more
        const byUser = new Map<number, { user: AuthUser; threadIds: number[] }>();
        for (const { user, threadId } of keys) {
          const entry = byUser.get(user.id) ?? { user, threadIds: [] };
          entry.threadIds.push(threadId);
          byUser.set(user.id, entry);
        }
        const moderated = new Map<number, Set<number>>();
        for (const [userId, { user, threadIds }] of byUser) {
          moderated.set(userId, await this.moderation.moderatedThreadIds(user, [...new Set(threadIds)]));
        }
        return keys.map(({ user, threadId }) => moderated.get(user.id)?.has(threadId) ?? false);
      },
      { cacheKeyFn: (key) => `${key.user.id}:${key.threadId}` },
    );
  }
}

/** Posts by id (the posts of flags), batched per request. */
@Injectable()
export class FlaggedPostLoader implements LoaderFactory<number, Post | null> {
  constructor(private readonly posts: PostsService) {}

  create(): DataLoader<number, Post | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.posts.findByIds(ids)).map((p) => [p.id, p]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}
