import type { OutboxEventMessage } from '../outbox/outbox-message';

/** Every BullMQ queue of the platform. */
export enum QueueName {
  /** Housekeeping: expired tokens and invitations. */
  MAINTENANCE = 'maintenance',
  /** The catalogue's counters: innovation views flushed from Redis. */
  CATALOGUE = 'catalogue',
  /** Replications over time: escalation of idle ones, check-ins after implementation. */
  REPLICATIONS = 'replications',
  /** Outbox events turned into notifications: one fan-out job per event, delivery jobs per recipient chunk. */
  NOTIFICATIONS = 'notifications',
  /** Outbox events applied to the analytics rollups, one job per event. */
  ANALYTICS = 'analytics',
}

/** Every job name, per queue. */
export enum JobName {
  PURGE_EXPIRED_TOKENS = 'purge-expired-tokens',
  FLUSH_INNOVATION_VIEWS = 'flush-innovation-views',
  ESCALATE_STALLED_REPLICATIONS = 'escalate-stalled-replications',
  RAISE_REPLICATION_CHECKINS = 'raise-replication-checkins',
  FAN_OUT_EVENT = 'fan-out-event',
  DELIVER_NOTIFICATIONS = 'deliver-notifications',
  SEND_NOTIFICATION_EMAILS = 'send-notification-emails',
  SEND_DAILY_DIGEST = 'send-daily-digest',
  APPLY_ANALYTICS_EVENT = 'apply-analytics-event',
}

/** The payload of each job. */
export interface JobPayloads {
  [JobName.PURGE_EXPIRED_TOKENS]: { olderThanDays: number };
  [JobName.FLUSH_INNOVATION_VIEWS]: Record<string, never>;
  [JobName.ESCALATE_STALLED_REPLICATIONS]: Record<string, never>;
  [JobName.RAISE_REPLICATION_CHECKINS]: Record<string, never>;
  /** Job id `outbox-<event id>`: one per outbox event, however often the relay enqueues it. */
  [JobName.FAN_OUT_EVENT]: { event: OutboxEventMessage };
  /** Job id `outbox-<event id>-chunk-<n>`: one chunk of a big audience, its recipients fixed at fan-out. */
  [JobName.DELIVER_NOTIFICATIONS]: {
    event: OutboxEventMessage;
    chunk: number;
    /** The recipients and the notification type each gets (a NotificationType of @jipp/notifications). */
    recipients: Array<{ userId: number; type: string }>;
  };
  /**
   * Job id `outbox-<event id>-email` (or `outbox-<event id>-chunk-<n>-email`): the instant e-mails of
   * the event's notifications to these users, enqueued after they were written.
   */
  [JobName.SEND_NOTIFICATION_EMAILS]: { outboxEventId: number; userIds: number[] };
  /** Repeatable (DIGEST_HOUR, Asia/Jakarta): each user's daily digest, at most one per day. */
  [JobName.SEND_DAILY_DIGEST]: Record<string, never>;
  /** Job id `outbox-<event id>` in the analytics queue: the event applied to the rollups. */
  [JobName.APPLY_ANALYTICS_EVENT]: { event: OutboxEventMessage };
}

/** Retries with exponential backoff; completed jobs are trimmed, failed ones kept for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;
