import { AppError } from '@jipp/core';
import { NotificationChannel, NotificationMode, NotificationType } from '../notification-type';

/**
 * Types addressed to a person about something waiting on them: a request, a mention, a reply, a
 * stall. Their e-mails go out at once by default; every other type waits for the daily digest.
 */
export const DIRECT_TYPES: ReadonlySet<NotificationType> = new Set([
  NotificationType.REPLICATION_REQUESTED,
  NotificationType.FORUM_MENTION,
  NotificationType.FORUM_REPLY,
  NotificationType.REPLICATION_STALLED,
]);

/** The modes each channel offers: in-app is on or off; e-mail is instant, daily or off. */
export const CHANNEL_MODES: Readonly<Record<NotificationChannel, readonly NotificationMode[]>> = {
  [NotificationChannel.IN_APP]: [NotificationMode.INSTANT, NotificationMode.OFF],
  [NotificationChannel.EMAIL]: [NotificationMode.INSTANT, NotificationMode.DAILY, NotificationMode.OFF],
};

/** The mode of a type on a channel when the user never chose one. */
export function defaultMode(type: NotificationType, channel: NotificationChannel): NotificationMode {
  if (channel === NotificationChannel.IN_APP) return NotificationMode.INSTANT;
  return DIRECT_TYPES.has(type) ? NotificationMode.INSTANT : NotificationMode.DAILY;
}

/** BAD_USER_INPUT when the channel does not offer the mode (a daily in-app digest, say). */
export function checkMode(channel: NotificationChannel, mode: NotificationMode): void {
  if (!CHANNEL_MODES[channel].includes(mode)) {
    throw AppError.badInput(
      `${channel} notifications are ${CHANNEL_MODES[channel].join(', ')}; not ${mode}.`,
      [{ field: 'mode', message: `must be one of ${CHANNEL_MODES[channel].join(', ')}` }],
    );
  }
}

/** How one notification reaches its recipient. */
export interface Delivery {
  /** Shown in the app (and pushed); false: the in-app list never shows it. */
  inApp: boolean;
  email: NotificationMode;
}

/**
 * What a recipient gets of a type, from the modes they chose (per channel; missing ones default).
 * Null when every channel is off: no notification at all.
 */
export function deliveryOf(
  type: NotificationType,
  chosen: Partial<Record<NotificationChannel, NotificationMode>>,
): Delivery | null {
  const inApp =
    (chosen[NotificationChannel.IN_APP] ?? defaultMode(type, NotificationChannel.IN_APP)) !==
    NotificationMode.OFF;
  const email = chosen[NotificationChannel.EMAIL] ?? defaultMode(type, NotificationChannel.EMAIL);
  return inApp || email !== NotificationMode.OFF ? { inApp, email } : null;
}
