/** Every BullMQ queue of the platform. */
export enum QueueName {
  /** Housekeeping: expired tokens and invitations. */
  MAINTENANCE = 'maintenance',
}

/** Every job name, per queue. */
export enum JobName {
  PURGE_EXPIRED_TOKENS = 'purge-expired-tokens',
}

/** The payload of each job. */
export interface JobPayloads {
  [JobName.PURGE_EXPIRED_TOKENS]: { olderThanDays: number };
}

/** Retries with exponential backoff; completed jobs are trimmed, failed ones kept for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;
