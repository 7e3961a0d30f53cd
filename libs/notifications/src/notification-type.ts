import { registerEnumType } from '@nestjs/graphql';

/** What a notification is about; preferences are set per type and channel. */
export enum NotificationType {
  /** Someone asks to replicate your agency's innovation (origin admins, the adopter's hub coordinators). */
  REPLICATION_REQUESTED = 'REPLICATION_REQUESTED',
  /** A replication you take part in or watch moved to another state. */
  REPLICATION_UPDATED = 'REPLICATION_UPDATED',
  /** A replication stalled (the adopter's admins, its hub coordinators). */
  REPLICATION_STALLED = 'REPLICATION_STALLED',
  /** A check-in after implementation fell due (the adopter's admins, its hub coordinators). */
  CHECKIN_DUE = 'CHECKIN_DUE',
  /** An agency you watch, or any agency for a hub that opted in, published an innovation. */
  INNOVATION_PUBLISHED = 'INNOVATION_PUBLISHED',
  /** Someone replied to your post. */
  FORUM_REPLY = 'FORUM_REPLY',
  /** Someone mentioned you in a post. */
  FORUM_MENTION = 'FORUM_MENTION',
  /** A new post in a thread you watch. */
  THREAD_POST = 'THREAD_POST',
  /** A post in your hub was flagged (coordinators). */
  POST_FLAGGED = 'POST_FLAGGED',
  /** A post in your hub was hidden by its flags, pending review (coordinators). */
  POST_AUTO_HIDDEN = 'POST_AUTO_HIDDEN',
}

export enum NotificationChannel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
}

/** How a channel delivers a type: at once, in the daily digest (e-mail only), or not at all. */
export enum NotificationMode {
  INSTANT = 'INSTANT',
  DAILY = 'DAILY',
  OFF = 'OFF',
}

registerEnumType(NotificationType, { name: 'NotificationType' });
registerEnumType(NotificationChannel, { name: 'NotificationChannel' });
registerEnumType(NotificationMode, {
  name: 'NotificationMode',
  description: 'INSTANT, DAILY (e-mail only: the daily digest) or OFF.',
});

const TYPES = new Set<string>(Object.values(NotificationType));

/** A notification type read back from a job payload or the database, or null when unknown. */
export function parseNotificationType(value: unknown): NotificationType | null {
  return typeof value === 'string' && TYPES.has(value) ? (value as NotificationType) : null;
}
