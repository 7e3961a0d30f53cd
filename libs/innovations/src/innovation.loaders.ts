import type { LoaderFactory } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AwardsService } from './awards/awards.service';
import type { InnovationAward } from './awards/innovation-award.entity';
import type { Innovation } from './innovations/innovation.entity';
import { InnovationsService } from './innovations/innovations.service';
import { WatchesService } from './watches/watches.service';

/** Awards of innovations, batched per request. */
@Injectable()
export class AwardsByInnovationLoader implements LoaderFactory<number, InnovationAward[]> {
  constructor(private readonly awards: AwardsService) {}

  create(): DataLoader<number, InnovationAward[]> {
    return new DataLoader(async (ids) => {
      const byInnovation = await this.awards.byInnovationIds(ids);
      return ids.map((id) => byInnovation.get(id) ?? []);
    });
  }
}

/**
 * Innovations by id (with category and origin agency), batched per request. Returns them whatever
 * their status: callers check visibility.
 */
@Injectable()
export class InnovationByIdLoader implements LoaderFactory<number, Innovation | null> {
  constructor(private readonly innovations: InnovationsService) {}

  create(): DataLoader<number, Innovation | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.innovations.findByIds(ids)).map((i) => [i.id, i]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

export interface WatchKey {
  userId: number;
  innovationId: number;
}

/** Whether the viewer watches each innovation, batched per request (one statement per user). */
@Injectable()
export class ViewerWatchesLoader implements LoaderFactory<WatchKey, boolean> {
  constructor(private readonly watches: WatchesService) {}

  create(): DataLoader<WatchKey, boolean, string> {
    return new DataLoader(
      async (keys) => {
        const byUser = new Map<number, number[]>();
        for (const key of keys) byUser.set(key.userId, [...(byUser.get(key.userId) ?? []), key.innovationId]);
        const watched = new Map<number, Set<number>>();
        for (const [userId, ids] of byUser) watched.set(userId, await this.watches.watchedAmong(userId, ids));
        return keys.map((key) => watched.get(key.userId)?.has(key.innovationId) ?? false);
      },
      { cacheKeyFn: (key) => `${key.userId}:${key.innovationId}` },
    );
  }
}
