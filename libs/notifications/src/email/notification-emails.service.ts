import { UserLocale } from '@jipp/auth';
import { AppConfig } from '@jipp/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { digestEmail, instantEmail, jakartaDay, type EmailItem } from './email-texts';
import { Mailer } from './mailer';

export interface InstantEmailResult {
  /** Rows this job claimed (the others were e-mailed or claimed by another worker). */
  claimed: number;
  sent: number;
  /** Claimed but not sent: no SMTP_URL. */
  skipped: number;
}

export interface DigestResult {
  /** The Asia/Jakarta day of the run. */
  day: string;
  /** Users who got (or, without SMTP_URL, would have got) their digest in this run. */
  users: number;
  notifications: number;
  sent: number;
}

interface Row extends EmailItem {
  id: string;
  email: string;
  locale: string;
}

interface Affected {
  affectedRows: number;
}

const localeOf = (locale: string): UserLocale => (locale === UserLocale.EN ? UserLocale.EN : UserLocale.ID);

/**
 * The e-mail channel. Delivery is AT MOST ONCE per notification: a row is claimed (its
 * `email_sent_at` set, guarded by `IS NULL`) before its e-mail goes out, so two workers never send
 * the same one and a retried job sends nothing twice. When the SMTP server refuses an e-mail the
 * claim is given back and the job fails (BullMQ retries it); a worker that dies between claim and
 * send loses that e-mail rather than risk doubling it.
 */
@Injectable()
export class NotificationEmailsService {
  private readonly logger = new Logger(NotificationEmailsService.name);
  private readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    config: AppConfig,
  ) {
    this.publicUrl = config.get('PUBLIC_URL');
  }

  /** Whether some of the event's notifications to these users wait for an instant e-mail. */
  async instantPending(outboxEventId: number, userIds: readonly number[]): Promise<boolean> {
    if (userIds.length === 0) return false;
    const rows = await this.dataSource.query<unknown[]>(
      "SELECT 1 FROM notification WHERE outbox_event_id = ? AND user_id IN (?) AND email_mode = 'INSTANT' AND email_sent_at IS NULL LIMIT 1",
      [outboxEventId, userIds],
    );
    return rows.length > 0;
  }

  /** Sends one e-mail per INSTANT notification of the event to these users not yet e-mailed. */
  async sendInstant(outboxEventId: number, userIds: readonly number[]): Promise<InstantEmailResult> {
    const result: InstantEmailResult = { claimed: 0, sent: 0, skipped: 0 };
    if (userIds.length === 0) return result;
    const rows = await this.dataSource.query<Row[]>(
      `SELECT n.id, n.title, n.body, n.link, u.email, u.locale
         FROM notification n JOIN \`user\` u ON u.id = n.user_id
        WHERE n.outbox_event_id = ? AND n.user_id IN (?) AND n.email_mode = 'INSTANT'
          AND n.email_sent_at IS NULL AND u.status = 'ACTIVE'
        ORDER BY n.id`,
      [outboxEventId, userIds],
    );
    const failures: string[] = [];
    for (const row of rows) {
      const claim = await this.dataSource.query<Affected>(
        'UPDATE notification SET email_sent_at = NOW(3) WHERE id = ? AND email_sent_at IS NULL',
        [row.id],
      );
      if (claim.affectedRows !== 1) continue; // another worker has it
      result.claimed += 1;
      try {
        const sent = await this.mailer.send(
          row.email,
          instantEmail(row, localeOf(row.locale), this.publicUrl),
        );
        if (sent) result.sent += 1;
        else result.skipped += 1;
      } catch (error) {
        await this.dataSource.query('UPDATE notification SET email_sent_at = NULL WHERE id = ?', [row.id]);
        failures.push(`notification ${row.id}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) throw new Error(`instant e-mails failed, retried later: ${failures.join('; ')}`);
    return result;
  }

  /**
   * The daily digest: each active user with DAILY notifications not yet e-mailed gets one e-mail
   * with all of them, at most once per Asia/Jakarta day. Per user, one transaction claims the day
   * (INSERT IGNORE on the unique (user, day) key of `notification_digest`) and marks the rows; the
   * e-mail goes out after the commit (at most once, as the instant ones).
   */
  async sendDigests(now = new Date()): Promise<DigestResult> {
    const day = jakartaDay(now);
    const result: DigestResult = { day, users: 0, notifications: 0, sent: 0 };
    const users = await this.dataSource.query<Array<{ user_id: number }>>(
      `SELECT DISTINCT n.user_id FROM notification n JOIN \`user\` u ON u.id = n.user_id
        WHERE n.email_mode = 'DAILY' AND n.email_sent_at IS NULL AND u.status = 'ACTIVE'`,
    );
    const failures: string[] = [];
    for (const { user_id } of users) {
      const userId = Number(user_id);
      const claimed = await this.claimDigest(userId, day);
      if (!claimed) continue;
      result.users += 1;
      result.notifications += claimed.items.length;
      try {
        const content = digestEmail(claimed.items, localeOf(claimed.locale), this.publicUrl);
        if (await this.mailer.send(claimed.email, content)) result.sent += 1;
      } catch (error) {
        await this.releaseDigest(
          userId,
          day,
          claimed.items.map((i) => i.id),
        );
        failures.push(`user ${userId}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) throw new Error(`digests failed, retried later: ${failures.join('; ')}`);
    return result;
  }

  /** Claims the user's digest of the day and its rows; null when already sent today or nothing waits. */
  private claimDigest(
    userId: number,
    day: string,
  ): Promise<{ email: string; locale: string; items: Row[] } | null> {
    return this.dataSource.transaction(async (m) => {
      const digest = await m.query<Affected>(
        'INSERT IGNORE INTO notification_digest (user_id, day, notification_count) VALUES (?, ?, 0)',
        [userId, day],
      );
      if (digest.affectedRows !== 1) return null; // this day's digest went out already
      const items = await m.query<Row[]>(
        `SELECT n.id, n.title, n.body, n.link, u.email, u.locale
           FROM notification n JOIN \`user\` u ON u.id = n.user_id
          WHERE n.user_id = ? AND n.email_mode = 'DAILY' AND n.email_sent_at IS NULL
          ORDER BY n.id FOR UPDATE`,
        [userId],
      );
      if (items.length === 0) {
        await m.query('DELETE FROM notification_digest WHERE user_id = ? AND day = ?', [userId, day]);
        return null;
      }
      await m.query('UPDATE notification SET email_sent_at = NOW(3) WHERE id IN (?)', [
        items.map((i) => i.id),
      ]);
      await m.query('UPDATE notification_digest SET notification_count = ? WHERE user_id = ? AND day = ?', [
        items.length,
        userId,
        day,
      ]);
      return { email: items[0]!.email, locale: items[0]!.locale, items };
    });
  }

  /** Gives back a digest the SMTP server refused, so the retried job sends it. */
  private async releaseDigest(userId: number, day: string, ids: string[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('UPDATE notification SET email_sent_at = NULL WHERE id IN (?)', [ids]);
      await m.query('DELETE FROM notification_digest WHERE user_id = ? AND day = ?', [userId, day]);
    });
    this.logger.warn(`digest of user ${userId} for ${day} refused by the SMTP server; released for a retry`);
  }
}
