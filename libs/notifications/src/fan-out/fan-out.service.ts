import { UserLocale } from '@jipp/auth';
import {
  AppConfig,
  insertIgnore,
  JobName,
  QueueName,
  type JobPayloads,
  type OutboxEventMessage,
} from '@jipp/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { Notification } from '../notifications/notification.entity';
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
import { assignRecipients, audienceRules, chunksOf, type Recipient } from './recipient-rules';

export interface FanOutResult {
  recipients: number;
  /** Delivery jobs enqueued for a big audience; 0 when delivered inline. */
  chunks: number;
  /** Notifications written inline (a small audience). */
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

/**
 * Turns an outbox event into notifications: resolves who hears about it, then writes one row per
 * recipient (multi-row INSERT IGNORE on the unique (event, user) key, so a retried job writes nothing
 * twice) with texts in their language and the channels their preferences ask for, and pushes the new
 * in-app ones. Audiences bigger than NOTIFICATION_CHUNK_SIZE are split into delivery jobs with
 * deterministic ids, their recipients fixed in the job.
 */
@Injectable()
export class FanOutService {
  private readonly chunkSize: number;

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
  }

  /** Who hears about the event, each once with their type, ordered by user id. */
  async recipientsOf(event: OutboxEventMessage): Promise<Recipient[]> {
    const resolved: Array<{ type: NotificationType; userIds: number[] }> = [];
    for (const rule of audienceRules(event)) {
      const userIds: number[] = [];
      for (const source of rule.sources) userIds.push(...(await this.audiences.userIds(source)));
      resolved.push({ type: rule.type, userIds });
    }
    return assignRecipients(resolved, event.actorUserId);
  }

  async fanOut(event: OutboxEventMessage): Promise<FanOutResult> {
    const recipients = await this.recipientsOf(event);
    if (recipients.length <= this.chunkSize) {
      const { inserted } = await this.deliver(event, recipients);
      await this.enqueueEmails(event.id, recipients, emailJobId(event.id));
      return { recipients: recipients.length, chunks: 0, inserted };
    }
    const chunks = chunksOf(recipients, this.chunkSize);
    await this.queue.addBulk(
      chunks.map((chunk, n) => ({
        name: JobName.DELIVER_NOTIFICATIONS,
        data: { event, chunk: n, recipients: chunk },
        opts: { jobId: deliveryJobId(event.id, n) },
      })),
    );
    return { recipients: recipients.length, chunks: chunks.length, inserted: 0 };
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

  /** Writes the notifications of one chunk of recipients and pushes the new in-app ones. */
  async deliver(event: OutboxEventMessage, recipients: readonly Recipient[]): Promise<DeliveryResult> {
    if (recipients.length === 0) return { inserted: 0, pushed: 0, silenced: 0 };
    const userIds = recipients.map((r) => r.userId);
    const [locales, chosen, existing, ctx] = await Promise.all([
      this.localesOf(userIds),
      this.preferencesOf(userIds),
      this.alreadyNotified(event.id, userIds),
      this.contexts.load(event),
    ]);
    const texts = new Map<string, NotificationText>();
    const textOf = (type: NotificationType, locale: UserLocale, context: EventContext) => {
      const key = `${type}:${locale}`;
      let text = texts.get(key);
      if (!text) texts.set(key, (text = renderNotification(type, context, locale)));
      return text;
    };

    const rows: Array<Partial<Notification>> = [];
    let silenced = 0;
    for (const { userId, type } of recipients) {
      const locale = locales.get(userId);
      if (locale === undefined || existing.has(userId)) continue; // gone meanwhile, or already told
      const delivery = deliveryOf(type, chosen.get(`${userId}:${type}`) ?? {});
      if (!delivery) {
        silenced += 1;
        continue;
      }
      rows.push({
        outboxEventId: String(event.id),
        userId,
        type,
        actorUserId: event.actorUserId,
        ...textOf(type, locale, ctx),
        inApp: delivery.inApp,
        emailMode: delivery.email,
        emailSentAt: null,
        readAt: null,
      });
    }
    if (rows.length === 0) return { inserted: 0, pushed: 0, silenced };
    const inserted = await insertIgnore(this.dataSource.manager, Notification, rows);

    const fresh = rows.filter((r) => r.inApp).map((r) => r.userId!);
    if (fresh.length === 0) return { inserted, pushed: 0, silenced };
    const written = await this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.outboxEventId = :eventId AND n.userId IN (:...userIds)', {
        eventId: event.id,
        userIds: fresh,
      })
      .getMany();
    const pushes: NotificationPush[] = written.map((n) => ({
      userId: n.userId,
      notification: {
        id: String(n.id),
        type: n.type,
        title: n.title,
        body: n.body,
        link: n.link,
        actorUserId: n.actorUserId,
        createdAt: n.createdAt.toISOString(),
      },
    }));
    const pushed = (await this.publisher.publish(pushes)) ? pushes.length : 0;
    return { inserted, pushed, silenced };
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
