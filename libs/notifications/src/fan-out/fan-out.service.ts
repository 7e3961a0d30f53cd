import { UserLocale } from '@jipp/auth';
import { AppConfig, JobName, QueueName, type JobPayloads, type OutboxEventMessage } from '@jipp/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { insertNotifications, type NewNotification } from '../notifications/insert-notifications';
import {
  NotificationChannel,
  NotificationMode,
  NotificationType,
  parseNotificationType,
} from '../notification-type';
import { deliveryOf } from '../preferences/notification-defaults';
import { NotificationPublisher, type NotificationPush } from '../realtime/notification-publisher';
import { AudienceResolver } from './audience-resolver';
import { EventContextLoader } from './event-context';
import { NotificationEmailsService } from '../email/notification-emails.service';
import { deliveryJobId, emailJobId } from './job-ids';
import { renderNotification, type EventContext, type NotificationText } from './notification-texts';
import { deliveryPlan, slicesOf } from './delivery-plan';
import { assignRecipients, audienceRules, type Recipient } from './recipient-rules';

export interface FanOutResult {
  recipients: number;
  /** Delivery jobs enqueued for the recipients after the first ones (0: the fan-out wrote them all). */
  chunks: number;
  /** Notifications the fan-out job wrote itself (the first recipients). */
  inserted: number;
}

export interface DeliveryResult {
  /** Notifications written now (a retried or duplicated job writes none twice). */
  inserted: number;
  /** Of those, pushed to the users' sockets. */
  pushed: number;
  /** Recipients who turned every channel off for the type. */
  silenced: number;
}

type DeliveryJob = JobPayloads[JobName.DELIVER_NOTIFICATIONS];
type EmailJob = JobPayloads[JobName.SEND_NOTIFICATION_EMAILS];

/** The notifications to write for some recipients, decided before any is written. */
interface Prepared {
  rows: NewNotification[];
  silenced: number;
}

/**
 * Turns an outbox event into notifications: resolves who hears about it, then writes one row per
 * recipient (multi-row INSERT IGNORE on the unique (event, user) key, so a retried job writes nothing
 * twice) with texts in their language and the channels their preferences ask for, and pushes the new
 * in-app ones. The fan-out job writes the first recipients itself, in growing batches, and leaves the
 * rest of a big audience to delivery jobs of NOTIFICATION_CHUNK_SIZE recipients with deterministic
 * ids, their recipients fixed in the job (see {@link deliveryPlan}).
 */
@Injectable()
export class FanOutService {
  private readonly chunkSize: number;
  /** MariaDB answers an INSERT with the rows it wrote (RETURNING); MySQL needs them read back. */
  private readonly returning: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue<DeliveryJob | EmailJob>,
    private readonly audiences: AudienceResolver,
    private readonly contexts: EventContextLoader,
    private readonly publisher: NotificationPublisher,
    private readonly emails: NotificationEmailsService,
    config: AppConfig,
  ) {
    this.chunkSize = config.get('NOTIFICATION_CHUNK_SIZE');
    this.returning = dataSource.options.type === 'mariadb';
  }

  /** Who hears about the event, each once with their type, ordered by user id. */
  async recipientsOf(event: OutboxEventMessage): Promise<Recipient[]> {
    // every source at once: they are independent, and the first notifications wait on the slowest
    const resolved = await Promise.all(
      audienceRules(event).map(async (rule) => ({
        type: rule.type,
        userIds: (await Promise.all(rule.sources.map((source) => this.audiences.userIds(source)))).flat(),
      })),
    );
    return assignRecipients(resolved, event.actorUserId);
  }

  /**
   * Writes the first recipients' notifications in growing batches, then enqueues the delivery jobs
   * of the rest. A retry (the worker died) plans the same, writes only what is missing and adds no
   * job twice (the same ids). The texts' context is loaded while the audience is resolved.
   */
  async fanOut(event: OutboxEventMessage): Promise<FanOutResult> {
    // an event no rule speaks of (analytics' only): no context to load
    if (audienceRules(event).length === 0) return { recipients: 0, chunks: 0, inserted: 0 };
    const [recipients, context] = await Promise.all([this.recipientsOf(event), this.contexts.load(event)]);
    const plan = deliveryPlan(recipients.length, this.chunkSize);
    const first = recipients.slice(
      0,
      plan.batches.reduce((sum, n) => sum + n, 0),
    );
    // the first recipients are looked up in one go; only the writes come in batches
    const { rows } = await this.prepare(event, first, context);
    let inserted = 0;
    for (const batch of slicesOf(rows, plan.batches)) {
      if (batch.length) inserted += (await this.write(event, batch)).inserted;
    }
    if (plan.jobs.length) {
      await this.queue.addBulk(
        slicesOf(recipients, plan.jobs, first.length).map((chunk, n) => ({
          name: JobName.DELIVER_NOTIFICATIONS,
          data: { event, chunk: n, recipients: chunk },
          opts: { jobId: deliveryJobId(event.id, n) },
        })),
      );
    }
    await this.enqueueEmails(event.id, first, emailJobId(event.id));
    return { recipients: recipients.length, chunks: plan.jobs.length, inserted };
  }

  /** A delivery job's recipients, read back from its payload. */
  async deliverChunk(job: DeliveryJob): Promise<DeliveryResult> {
    const recipients = job.recipients.flatMap((r) => {
      const type = parseNotificationType(r.type);
      return type && Number.isSafeInteger(r.userId) ? [{ userId: r.userId, type }] : [];
    });
    const result = await this.deliver(job.event, recipients);
    await this.enqueueEmails(job.event.id, recipients, emailJobId(job.event.id, job.chunk));
    return result;
  }

  /**
   * After a delivery: the instant e-mails of its notifications, in a job of their own (a slow SMTP
   * server never holds up the in-app side). Looked up rather than taken from this run's inserts, so a
   * retry after a crash between insert and enqueue still enqueues them; the fixed job id keeps it one.
   */
  private async enqueueEmails(
    eventId: number,
    recipients: readonly Recipient[],
    jobId: string,
  ): Promise<void> {
    const userIds = recipients.map((r) => r.userId);
    if (!(await this.emails.instantPending(eventId, userIds))) return;
    await this.queue.add(JobName.SEND_NOTIFICATION_EMAILS, { outboxEventId: eventId, userIds }, { jobId });
  }

  /** Writes the notifications of some recipients in one statement and pushes the new in-app ones. */
  async deliver(event: OutboxEventMessage, recipients: readonly Recipient[]): Promise<DeliveryResult> {
    const { rows, silenced } = await this.prepare(event, recipients, await this.contexts.load(event));
    const { inserted, pushed } = await this.write(event, rows);
    return { inserted, pushed, silenced };
  }

  /**
   * The notifications the recipients are to get: each active one not told yet, with the texts of
   * their language and the channels their preferences leave on (none: silenced).
   */
  private async prepare(
    event: OutboxEventMessage,
    recipients: readonly Recipient[],
    context: EventContext,
  ): Promise<Prepared> {
    if (recipients.length === 0) return { rows: [], silenced: 0 };
    const userIds = recipients.map((r) => r.userId);
    const [locales, chosen, existing] = await Promise.all([
      this.localesOf(userIds),
      this.preferencesOf(userIds),
      this.alreadyNotified(event.id, userIds),
    ]);
    const texts = new Map<string, NotificationText>();
    const textOf = (type: NotificationType, locale: UserLocale) => {
      const key = `${type}:${locale}`;
      let text = texts.get(key);
      if (!text) texts.set(key, (text = renderNotification(type, context, locale)));
      return text;
    };

    const rows: NewNotification[] = [];
    let silenced = 0;
    for (const { userId, type } of recipients) {
      const locale = locales.get(userId);
      if (locale === undefined || existing.has(userId)) continue; // gone meanwhile, or already told
      const delivery = deliveryOf(type, chosen.get(`${userId}:${type}`) ?? {});
      if (!delivery) {
        silenced += 1;
        continue;
      }
      rows.push({ userId, type, ...textOf(type, locale), inApp: delivery.inApp, emailMode: delivery.email });
    }
    return { rows, silenced };
  }

  /** Writes the rows (those that exist already are skipped) and pushes the new in-app ones. */
  private async write(
    event: OutboxEventMessage,
    rows: readonly NewNotification[],
  ): Promise<{ inserted: number; pushed: number }> {
    const written = await insertNotifications(this.dataSource, event, rows, this.returning);
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    const pushes: NotificationPush[] = [];
    for (const { id, userId, createdAt } of written) {
      const row = byUser.get(userId);
      if (!row?.inApp) continue;
      pushes.push({
        userId,
        notification: {
          id,
          type: row.type,
          title: row.title,
          body: row.body,
          link: row.link,
          actorUserId: event.actorUserId,
          createdAt: createdAt.toISOString(),
        },
      });
    }
    const pushed = (await this.publisher.publish(pushes)) ? pushes.length : 0;
    return { inserted: written.length, pushed };
  }

  /** The locale of each active recipient (inactive ones are left out). */
  private async localesOf(userIds: number[]): Promise<Map<number, UserLocale>> {
    const rows = await this.dataSource.query<Array<{ id: number; locale: UserLocale }>>(
      "SELECT id, locale FROM `user` WHERE id IN (?) AND status = 'ACTIVE'",
      [userIds],
    );
    return new Map(
      rows.map((r) => [Number(r.id), r.locale === UserLocale.EN ? UserLocale.EN : UserLocale.ID]),
    );
  }

  /** The modes the recipients chose, by `userId:type`. */
  private async preferencesOf(
    userIds: number[],
  ): Promise<Map<string, Partial<Record<NotificationChannel, NotificationMode>>>> {
    const rows = await this.dataSource.query<
      Array<{ user_id: number; type: NotificationType; channel: NotificationChannel; mode: NotificationMode }>
    >('SELECT user_id, type, channel, mode FROM notification_preference WHERE user_id IN (?)', [userIds]);
    const chosen = new Map<string, Partial<Record<NotificationChannel, NotificationMode>>>();
    for (const r of rows) {
      const key = `${Number(r.user_id)}:${r.type}`;
      chosen.set(key, { ...chosen.get(key), [r.channel]: r.mode });
    }
    return chosen;
  }

  /** Recipients who already have this event's notification (a retry, a duplicated job). */
  private async alreadyNotified(eventId: number, userIds: number[]): Promise<Set<number>> {
    const rows = await this.dataSource.query<Array<{ user_id: number }>>(
      'SELECT user_id FROM notification WHERE outbox_event_id = ? AND user_id IN (?)',
      [eventId, userIds],
    );
    return new Set(rows.map((r) => Number(r.user_id)));
  }
}
