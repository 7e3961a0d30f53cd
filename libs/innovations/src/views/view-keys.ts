import type { AppConfig } from '@jipp/core';

/** The Redis keys of view counting, under the deployment's prefix. */
export interface ViewKeys {
  /** Hash `<day>:<innovationId>` → views not yet written to the database. */
  pending: string;
  /** The batch being written: the pending hash renamed, plus a `batch` field with its id. */
  flushing: string;
  /** Set of visitors already counted for one innovation on one day. */
  seen(day: string, innovationId: number): string;
}

export function viewKeys(config: AppConfig): ViewKeys {
  return {
    pending: config.redisKey('views', 'pending'),
    flushing: config.redisKey('views', 'flushing'),
    seen: (day, innovationId) => config.redisKey('views', 'seen', day, innovationId),
  };
}
