import { User, UserLocale } from '@jipp/auth';
import type { AuthUser } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotificationChannel, NotificationMode, NotificationType } from '../notification-type';
import { checkMode, defaultMode } from './notification-defaults';
import { NotificationPreference } from './notification-preference.entity';

/** One type on one channel, as the user has it now. */
export interface PreferenceSetting {
  type: NotificationType;
  channel: NotificationChannel;
  mode: NotificationMode;
  /** True while the user never chose: the default applies. */
  isDefault: boolean;
}

/** A user's own notification settings: a mode per type and channel, and their language. */
@Injectable()
export class NotificationPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every type on every channel, the user's choice or the default. */
  async list(user: AuthUser): Promise<PreferenceSetting[]> {
    const chosen = await this.dataSource.getRepository(NotificationPreference).findBy({ userId: user.id });
    const byKey = new Map(chosen.map((p) => [`${p.type}:${p.channel}`, p.mode]));
    return Object.values(NotificationType).flatMap((type) =>
      Object.values(NotificationChannel).map((channel) => {
        const mode = byKey.get(`${type}:${channel}`);
        return { type, channel, mode: mode ?? defaultMode(type, channel), isDefault: mode === undefined };
      }),
    );
  }

  async set(
    user: AuthUser,
    type: NotificationType,
    channel: NotificationChannel,
    mode: NotificationMode,
  ): Promise<PreferenceSetting> {
    checkMode(channel, mode);
    await this.dataSource.query(
      `INSERT INTO notification_preference (user_id, type, channel, mode) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE mode = VALUES(mode)`,
      [user.id, type, channel, mode],
    );
    return { type, channel, mode, isDefault: false };
  }

  /** The language of the user's notifications (and e-mails) from now on. */
  async setLocale(user: AuthUser, locale: UserLocale): Promise<User> {
    await this.dataSource.getRepository(User).update({ id: user.id }, { locale });
    return this.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
  }
}
