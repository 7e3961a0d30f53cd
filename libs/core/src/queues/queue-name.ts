/** Every BullMQ queue of the platform. */
export enum QueueName {
  /** Housekeeping: expired tokens and invitations. */
  MAINTENANCE = 'maintenance',
  /** The catalogue's counters: innovation views flushed from Redis. */
  CATALOGUE = 'catalogue',
  /** Replications over time: escalation of idle ones, check-ins after implementation. */
  REPLICATIONS = 'replications',
}

/** Every job name, per queue. */
export enum JobName {
  PURGE_EXPIRED_TOKENS = 'purge-expired-tokens',
  FLUSH_INNOVATION_VIEWS = 'flush-innovation-views',
  ESCALATE_STALLED_REPLICATIONS = 'escalate-stalled-replications',
  RAISE_REPLICATION_CHECKINS = 'raise-replication-checkins',
}

/** The payload of each job. */
export interface JobPayloads {
  [JobName.PURGE_EXPIRED_TOKENS]: { olderThanDays: number };
  [JobName.FLUSH_INNOVATION_VIEWS]: Record<string, never>;
  [JobName.ESCALATE_STALLED_REPLICATIONS]: Record<string, never>;
  [JobName.RAISE_REPLICATION_CHECKINS]: Record<string, never>;
}

/** Retries with exponential backoff; completed jobs are trimmed, failed ones kept for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;
