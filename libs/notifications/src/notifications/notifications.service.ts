import { AppError, type AuthUser, type Connection, paginate } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Notification } from './notification.entity';

/** At most this many ids per markNotificationsRead call. */
export const MAX_MARK_READ_IDS = 500;

export interface MarkReadResult {
  /** Notifications that went from unread to read. */
  marked: number;
  /** The caller's unread count afterwards. */
  unreadCount: number;
}

/** The in-app list: a user sees, counts and marks only their own notifications. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, keyset-paged by id. */
  list(
    user: AuthUser,
    page: { first: number; after?: string; unreadOnly?: boolean; withTotalCount?: boolean },
  ): Promise<Connection<Notification>> {
    const query = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.userId = :userId AND n.inApp = 1', { userId: user.id });
    if (page.unreadOnly) query.andWhere('n.readAt IS NULL');
    return paginate(query, {
      first: page.first,
      after: page.after,
      withTotalCount: page.withTotalCount,
      orderBy: [{ column: 'n.id', direction: 'DESC', value: (n) => String(n.id) }],
    });
  }

  async unreadCount(user: AuthUser): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ unread: number | string }>>(
      'SELECT COUNT(*) AS unread FROM notification WHERE user_id = ? AND in_app = 1 AND read_at IS NULL',
      [user.id],
    );
    return Number(row?.unread ?? 0);
  }

  /** Marks the caller's own notifications among `ids` read; other users' ids change nothing. */
  async markRead(user: AuthUser, ids: readonly string[]): Promise<MarkReadResult> {
    if (ids.length > MAX_MARK_READ_IDS) {
      throw AppError.badInput(`Mark at most ${MAX_MARK_READ_IDS} notifications at once.`, [
        { field: 'ids', message: `at most ${MAX_MARK_READ_IDS}` },
      ]);
    }
    if (ids.some((id) => !/^[1-9]\d{0,18}$/.test(id))) {
      throw AppError.badInput('Notification ids are positive integers.', [
        { field: 'ids', message: 'are notification ids' },
      ]);
    }
    let marked = 0;
    if (ids.length > 0) {
      const result = await this.dataSource.query<{ affectedRows: number }>(
        'UPDATE notification SET read_at = ? WHERE user_id = ? AND in_app = 1 AND read_at IS NULL AND id IN (?)',
        [new Date(), user.id, [...new Set(ids)]],
      );
      marked = result.affectedRows;
    }
    return { marked, unreadCount: await this.unreadCount(user) };
  }

  async markAllRead(user: AuthUser): Promise<MarkReadResult> {
    const result = await this.dataSource.query<{ affectedRows: number }>(
      'UPDATE notification SET read_at = ? WHERE user_id = ? AND in_app = 1 AND read_at IS NULL',
      [new Date(), user.id],
    );
    return { marked: result.affectedRows, unreadCount: await this.unreadCount(user) };
  }
}
