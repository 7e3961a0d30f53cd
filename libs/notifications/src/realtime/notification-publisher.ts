import { AppConfig, REDIS_CLIENT } from '@jipp/core';
import type { NotificationMessage } from '@jipp/forum';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/** One user's new notification, as it travels from a worker to every api node. */
export interface NotificationPush {
  userId: number;
  notification: NotificationMessage;
}

/** The Redis pub/sub channel of new notifications, under the deployment's prefix. */
export function notificationChannel(config: AppConfig): string {
  return config.redisKey('notifications', 'new');
}

/** A published message read back; null when it is not one (nothing is trusted blindly). */
export function parseNotificationPushes(text: string): NotificationPush[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  return parsed.filter(
    (item): item is NotificationPush =>
      typeof item === 'object' &&
      item !== null &&
      Number.isSafeInteger((item as NotificationPush).userId) &&
      typeof (item as NotificationPush).notification?.id === 'string',
  );
}

/**
 * Publishes new in-app notifications through Redis; every api node relays them to the sockets of
 * their users it holds. Best effort, after the rows are written: a failed push is logged and the
 * notification waits in the user's list (the `notifications` query) all the same.
 */
@Injectable()
export class NotificationPublisher {
  private readonly logger = new Logger(NotificationPublisher.name);
  private readonly channel: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.channel = notificationChannel(config);
  }

  async publish(pushes: NotificationPush[]): Promise<boolean> {
    if (pushes.length === 0) return true;
    try {
      await this.redis.publish(this.channel, JSON.stringify(pushes));
      return true;
    } catch (error) {
      this.logger.warn(`could not push ${pushes.length} notifications: ${(error as Error).message}`);
      return false;
    }
  }
}
