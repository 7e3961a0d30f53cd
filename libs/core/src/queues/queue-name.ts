/** Every BullMQ queue of the platform. */
export enum QueueName {
  /** Housekeeping: expired tokens and invitations. */
  MAINTENANCE = 'maintenance',
  /** The catalogue's counters: innovation views flushed from Redis. */
  CATALOGUE = 'catalogue',
}

/** Every job name, per queue. */
export enum JobName {
  PURGE_EXPIRED_TOKENS = 'purge-expired-tokens',
  FLUSH_INNOVATION_VIEWS = 'flush-innovation-views',
}

/** The payload of each job. */
export interface JobPayloads {
  [JobName.PURGE_EXPIRED_TOKENS]: { olderThanDays: number };
  [JobName.FLUSH_INNOVATION_VIEWS]: Record<string, never>;
}

/** Retries with exponential backoff; completed jobs are trimmed, failed ones kept for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;
