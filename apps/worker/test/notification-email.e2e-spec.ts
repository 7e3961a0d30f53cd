// first: this file's own Redis prefix, and its worker relays the outbox
import { OWN_REDIS_PREFIX } from './own-redis-prefix';
import './relay-on';
import type { AddressInfo } from 'node:net';
import { createConnection } from 'mysql2/promise';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { User } from '@jipp/auth';
import {
  CoreConfigModule,
  DatabaseModule,
  JobName,
  LoggingModule,
  QueueName,
  RedisModule,
  type OutboxEvent,
} from '@jipp/core';
import {
  emailJobId,
  fanOutJobId,
  jakartaDay,
  NotificationEmailsService,
  type DigestResult,
  type InstantEmailResult,
} from '@jipp/notifications';
import { unique } from '@jipp/testing';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import {
  freshAgencies,
  freshUser,
  notificationsOf,
  until,
  writeOutbox,
} from '../../api/test/notification-fixtures';
import { NotificationsWorkerModule } from '../src/notifications/notifications-worker.module';
import { takeRelayLock } from './relay-lock';

interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

const PUBLIC_URL = 'https://jipp.example.go.id';

/** The worker's notification side, its configuration read once the SMTP listener's port is known. */
function notificationsWorker(): new () => unknown {
  @Module({
    imports: [
      CoreConfigModule.forRoot(),
      LoggingModule,
      DatabaseModule,
      RedisModule,
      NotificationsWorkerModule,
    ],
  })
  class NotificationsEmailWorker {}
  return NotificationsEmailWorker;
}

describe('notification e-mails: instant and the daily digest, through a real SMTP listener', () => {
  let releaseLock: (() => Promise<void>) | undefined;
  let smtp: SMTPServer;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let queue: Queue;
  let emails: NotificationEmailsService;
  const mails: Mail[] = [];
  const to = (u: User) => mails.filter((m) => m.to.includes(u.email.toLowerCase()));

  /** Waits until the job completed; its return value. */
  const completed = async <T>(jobId: string): Promise<T> =>
    until(
      async () => {
        const state = await queue.getJobState(jobId);
        if (state === 'failed')
          throw new Error(`job ${jobId} failed: ${(await queue.getJob(jobId))?.failedReason}`);
        return state === 'completed' ? { value: (await queue.getJob(jobId))!.returnvalue as T } : null;
      },
      20_000,
      `job ${jobId}`,
    ).then((r) => r.value);

  /** A post that mentions these users, as the forum writes it. */
  const mention = async (actor: User, users: User[]): Promise<OutboxEvent> => {
    const postId = 900_000_000 + Math.floor(Math.random() * 90_000_000);
    const event = await writeOutbox(dataSource, {
      type: 'forum.post_created',
      aggregateType: 'post',
      aggregateId: postId,
      actorUserId: actor.id,
      payload: { postId, threadId: 900_000_001, mentionedUserIds: users.map((u) => u.id) },
    });
    await completed(fanOutJobId(Number(event.id)));
    return event;
  };

  const setEmailMode = (u: User, mode: 'INSTANT' | 'DAILY' | 'OFF') =>
    dataSource.query(
      "INSERT INTO notification_preference (user_id, type, channel, mode) VALUES (?, 'FORUM_MENTION', 'EMAIL', ?)",
      [u.id, mode],
    );

  beforeAll(async () => {
    releaseLock = await takeRelayLock();
    // Other test files of the run leave their outbox events undispatched (the relay is off for them)
    // and their notifications unsent. They are no one's mail: settle them before this file's relay
    // and mailer start, so that they deliver this file's events only, at once.
    const db = await createConnection(process.env['DATABASE_URL']!.replace(/^mariadb:/, 'mysql:'));
    await db.query('UPDATE outbox_event SET dispatched_at = NOW(3) WHERE dispatched_at IS NULL');
    await db.query('UPDATE notification SET email_sent_at = NOW(3) WHERE email_sent_at IS NULL');
    await db.end();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            mails.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    process.env['SMTP_URL'] = `smtp://127.0.0.1:${port}`;
    process.env['PUBLIC_URL'] = PUBLIC_URL;
    worker = await NestFactory.createApplicationContext(notificationsWorker(), { logger: false });
    dataSource = worker.get<DataSource>(getDataSourceToken());
    queue = worker.get<Queue>(getQueueToken(QueueName.NOTIFICATIONS));
    emails = worker.get(NotificationEmailsService);
  }, 660_000);

  afterAll(async () => {
    await worker?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await releaseLock?.();
    const redis = new Redis(process.env['REDIS_URL']!);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${OWN_REDIS_PREFIX}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  });

  it('e-mails a mention at once, in the reader’s language with a link, once, and never when turned off', async () => {
    const [agency] = await freshAgencies(dataSource, 1);
    const actor = await freshUser(dataSource, agency!);
    const actorName = unique('Budi <b>& "Co"');
    await dataSource.query('UPDATE `user` SET name = ? WHERE id = ?', [actorName, actor.id]);
    const reader = await freshUser(dataSource, agency!);
    const english = await freshUser(dataSource, agency!);
    await dataSource.query("UPDATE `user` SET locale = 'EN' WHERE id = ?", [english.id]);
    const silent = await freshUser(dataSource, agency!);
    await setEmailMode(silent, 'OFF');

    const event = await mention(actor, [reader, english, silent]);
    const result = await completed<InstantEmailResult>(emailJobId(Number(event.id)));
    expect(result).toEqual({ claimed: 2, sent: 2, skipped: 0 });
    const rows = await notificationsOf(dataSource, event);
    const link = `${PUBLIC_URL}/threads/900000001#post-${event.aggregateId}`;

    expect(to(reader)).toHaveLength(1);
    const id = to(reader)[0]!;
    expect(id.subject).toBe('[JIPP] Anda disebut');
    expect(rows.get(reader.id)!.body).toBe(`${actorName} menyebut Anda di “diskusi”.`);
    expect(id.text).toContain(rows.get(reader.id)!.body);
    expect(id.text).toContain(`Buka: ${link}`);
    expect(id.html).toContain(`href="${link}"`);
    expect(id.html).not.toContain('<b>&');
    expect(id.html).toContain('Budi &lt;b&gt;&amp; &quot;Co&quot;');

    expect(to(english)).toHaveLength(1);
    const en = to(english)[0]!;
    expect(en.subject).toBe('[JIPP] You were mentioned');
    expect(en.text).toContain(`${actorName} mentioned you in “a discussion”.`);
    expect(en.text).toContain(`Open: ${link}`);

    expect(to(silent)).toHaveLength(0);
    expect(rows.get(silent.id)).toMatchObject({ emailMode: 'OFF', emailSentAt: null });
    expect(rows.get(reader.id)!.emailSentAt).toBeInstanceOf(Date);
    expect(rows.get(english.id)!.emailSentAt).toBeInstanceOf(Date);

    // run again (a retried or duplicated job): every row is claimed already, nothing goes out twice
    expect(await emails.sendInstant(Number(event.id), [reader.id, english.id, silent.id])).toEqual({
      claimed: 0,
      sent: 0,
      skipped: 0,
    });
    expect(to(reader)).toHaveLength(1);
    expect(to(english)).toHaveLength(1);
  });

  it('keeps DAILY notifications for the digest: one e-mail per user with all of them, once a day', async () => {
    const [agency] = await freshAgencies(dataSource, 1);
    const actor = await freshUser(dataSource, agency!);
    const first = await freshUser(dataSource, agency!);
    const second = await freshUser(dataSource, agency!);
    await dataSource.query("UPDATE `user` SET locale = 'EN' WHERE id = ?", [second.id]);
    await setEmailMode(first, 'DAILY');
    await setEmailMode(second, 'DAILY');

    const one = await mention(actor, [first, second]);
    const two = await mention(actor, [first]);
    // no instant e-mail, not even a job for one
    expect(await queue.getJob(emailJobId(Number(one.id)))).toBeUndefined();
    expect(await queue.getJob(emailJobId(Number(two.id)))).toBeUndefined();
    expect((await notificationsOf(dataSource, one)).get(first.id)).toMatchObject({
      emailMode: 'DAILY',
      emailSentAt: null,
    });
    expect(to(first)).toHaveLength(0);

    // the digest job, as the schedule enqueues it. It e-mails every user of the shared database with
    // DAILY rows waiting; other files' rows (thousands in the crash test) are test artefacts, settled
    // first while this file holds the relay lock, so the digest is about our users only
    await dataSource.query(
      'UPDATE notification SET email_sent_at = NOW(3) WHERE email_sent_at IS NULL AND user_id NOT IN (?)',
      [[actor.id, first.id, second.id]],
    );
    const jobId = unique('digest');
    await queue.add(JobName.SEND_DAILY_DIGEST, {}, { jobId });
    const digest = await completed<DigestResult>(jobId);
    expect(digest.day).toBe(jakartaDay(new Date()));
    expect(digest.users).toBeGreaterThanOrEqual(2);

    expect(to(first)).toHaveLength(1);
    const mail = to(first)[0]!;
    expect(mail.subject).toBe('[JIPP] Ringkasan harian: 2 notifikasi');
    for (const event of [one, two]) {
      const link = `${PUBLIC_URL}/threads/900000001#post-${event.aggregateId}`;
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`href="${link}"`);
    }
    expect(to(second)).toHaveLength(1);
    expect(to(second)[0]!.subject).toBe('[JIPP] Daily digest: 1 notification');
    const digests = await dataSource.query<Array<{ user_id: number; notification_count: number }>>(
      'SELECT user_id, notification_count FROM notification_digest WHERE user_id IN (?) ORDER BY user_id',
      [[first.id, second.id]],
    );
    expect(digests.map((d) => [Number(d.user_id), Number(d.notification_count)])).toEqual([
      [first.id, 2],
      [second.id, 1],
    ]);

    // the same day again, with something new waiting: nothing more today (it waits for tomorrow's)
    const three = await mention(actor, [first]);
    await emails.sendDigests();
    await Promise.all([emails.sendDigests(), emails.sendDigests()]);
    expect(to(first)).toHaveLength(1);
    expect(to(second)).toHaveLength(1);
    expect((await notificationsOf(dataSource, three)).get(first.id)!.emailSentAt).toBeNull();

    // tomorrow's digest takes it
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    await emails.sendDigests(tomorrow);
    expect(to(first)).toHaveLength(2);
    expect(to(first)[1]!.subject).toBe('[JIPP] Ringkasan harian: 1 notifikasi');
    expect(to(second)).toHaveLength(1);
  });
});
