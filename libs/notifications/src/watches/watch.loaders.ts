import type { LoaderFactory } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { SubjectWatchesService, type WatchedSubject } from './subject-watches.service';

export interface SubjectWatchKey {
  subject: WatchedSubject;
  userId: number;
  id: number;
}

/** Whether the viewer watches each replication, thread or agency: one statement per kind and user. */
@Injectable()
export class ViewerSubjectWatchLoader implements LoaderFactory<SubjectWatchKey, boolean> {
  constructor(private readonly watches: SubjectWatchesService) {}

  create(): DataLoader<SubjectWatchKey, boolean, string> {
    return new DataLoader(
      async (keys) => {
        const groups = new Map<string, SubjectWatchKey[]>();
        for (const key of keys) {
          const group = `${key.subject}:${key.userId}`;
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const watched = new Map<string, Set<number>>();
        for (const [group, members] of groups) {
          const { subject, userId } = members[0]!;
          watched.set(
            group,
            await this.watches.watchedAmong(
              subject,
              userId,
              members.map((k) => k.id),
            ),
          );
        }
        return keys.map((key) => watched.get(`${key.subject}:${key.userId}`)?.has(key.id) ?? false);
      },
      { cacheKeyFn: (key) => `${key.subject}:${key.userId}:${key.id}` },
    );
  }
}
