/**
 * The baseline of the notifications benchmark: the plain way to turn an outbox event into
 * notifications with BullMQ, one job per recipient and a single-row INSERT each. A process of its
 * own, run instead of the platform's worker (never beside it), with plain bullmq, mysql2 and ioredis:
 *
 * - the outbox relay as the platform's (`libs/notifications/src/outbox/outbox-relay.ts`): in a READ
 *   COMMITTED transaction, claims the oldest undispatched rows `FOR UPDATE SKIP LOCKED` (a batch of
 *   OUTBOX_RELAY_BATCH_SIZE), enqueues a fan-out job per row with the job id `outbox-<id>`, marks them
 *   dispatched; sleeps OUTBOX_RELAY_IDLE_MS when nothing waits, unless a message on the outbox wake
 *   channel (`<REDIS_PREFIX>:outbox:wake`, which the api publishes on after committing an outbox row:
 *   `OutboxWakeSignal`) ends the pause or came during the pass;
 * - the fan-out job (`innovation.published` only: the event the benchmark makes) loads the texts'
 *   context once, selects the origin agency's active watchers, their locale and their preferences
 *   for the type in one query, renders the two texts once and enqueues one job per recipient
 *   (`addBulk`), in user id order;
 * - each recipient's job inserts its one row (`INSERT IGNORE` on the unique (event, user) key, as the
 *   platform, so a retried job writes nothing twice) and publishes its one push on the channel the
 *   api relays to sockets, in the platform's message format.
 *
 * The worker's options are the platform's (`apps/worker/src/notifications/fan-out.processor.ts`), and
 * so are the jobs' (attempts, backoff, trimming: `DEFAULT_JOB_OPTIONS` of `libs/core`).
 *
 *   DATABASE_URL=mariadb://... REDIS_URL=redis://... REDIS_PREFIX=jipp-bench BASELINE_QUEUE=notifications-baseline \
 *     node dist/bench/notifications/baseline-worker.js
 */
import { Queue, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';
import { createPool, type Pool, type ResultSetHeader } from 'mysql2/promise';

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is missing`);
  return value;
};

const PREFIX = env('REDIS_PREFIX');
const QUEUE = env('BASELINE_QUEUE', 'notifications-baseline');
const RELAY_BATCH = Number(env('OUTBOX_RELAY_BATCH_SIZE', '200'));
const RELAY_IDLE_MS = Number(env('OUTBOX_RELAY_IDLE_MS', '150'));
/** The platform's channel of new notifications (`notificationChannel` of libs/notifications). */
const CHANNEL = `${PREFIX}:notifications:new`;
/** The platform's channel that wakes the relays (`outboxWakeChannel` of libs/notifications). */
const WAKE_CHANNEL = `${PREFIX}:outbox:wake`;
const INNOVATION_PUBLISHED = 'INNOVATION_PUBLISHED';

/** `DEFAULT_JOB_OPTIONS` of libs/core/src/queues/queue-name.ts. */
const JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

/** An outbox event as the platform's relay hands it to its jobs (`OutboxEventMessage`). */
interface OutboxEvent {
  id: number;
  type: string;
  aggregateType: string;
  aggregateId: string;
  actorUserId: number | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

interface Delivery {
  outboxEventId: number;
  userId: number;
  type: string;
  actorUserId: number | null;
  title: string;
  body: string;
  link: string;
  inApp: boolean;
  emailMode: string;
}

type FanOutJob = Job<{ event: OutboxEvent }>;
type DeliveryJob = Job<Delivery>;

interface Text {
  title: string;
  body: string;
  link: string;
}

/** The platform's INNOVATION_PUBLISHED texts (`renderNotification`), in both languages. */
function texts(
  origin: string | undefined,
  title: string | undefined,
  slug: string | undefined,
): Record<'id' | 'en', Text> {
  const link = slug ? `/innovations/${slug}` : '/innovations';
  return {
    id: {
      title: 'Inovasi baru terbit',
      body: `${origin ?? 'Sebuah instansi'} menerbitkan “${title ?? 'inovasi'}”.`,
      link,
    },
    en: {
      title: 'New innovation published',
      body: `${origin ?? 'An agency'} published “${title ?? 'an innovation'}”.`,
      link,
    },
  };
}

function databasePool(): Pool {
  // mysql2 reads the URL's host, user and database whatever its scheme says
  const url = new URL(env('DATABASE_URL'));
  url.protocol = 'mysql:';
  return createPool({
    uri: url.toString(),
    connectionLimit: Number(env('DATABASE_POOL_SIZE', '20')),
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    enableKeepAlive: true,
  });
}

class BaselineWorker {
  private readonly pool = databasePool();
  private readonly connection = { url: env('REDIS_URL'), maxRetriesPerRequest: null };
  private readonly queue = new Queue(QUEUE, {
    connection: this.connection,
    prefix: `${PREFIX}:bull`,
    defaultJobOptions: JOB_OPTIONS,
  });
  private readonly publisher = new Redis(env('REDIS_URL'), {
    connectionName: 'jipp-bench-baseline-publisher',
  });
  private readonly wakes = new Redis(env('REDIS_URL'), { connectionName: 'jipp-bench-baseline-wakes' });
  private readonly worker: Worker;
  private running = true;
  private relayLoop?: Promise<void>;
  /** A wake came since the running relay pass began. */
  private woken = false;
  private endPause?: () => void;

  constructor() {
    this.worker = new Worker(QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: `${PREFIX}:bull`,
      concurrency: 4,
      lockDuration: 5_000,
      stalledInterval: 2_000,
      maxStalledCount: 5,
    });
    this.worker.on('failed', (job, error) => console.error(`job ${job?.id} failed: ${error.message}`));
  }

  async start(): Promise<void> {
    this.wakes.on('message', () => {
      this.woken = true;
      this.endPause?.();
    });
    await this.wakes.subscribe(WAKE_CHANNEL);
    this.relayLoop = this.relay();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.endPause?.();
    await this.relayLoop;
    await this.worker.close();
    await this.queue.close();
    await this.pool.end();
    await this.publisher.quit();
    await this.wakes.quit();
  }

  private process(job: FanOutJob | DeliveryJob): Promise<unknown> {
    if (job.name === 'fan-out-event') return this.fanOut((job as FanOutJob).data.event);
    if (job.name === 'deliver-notification') return this.deliver((job as DeliveryJob).data);
    throw new Error(`unknown job ${job.name}`);
  }

  private async relay(): Promise<void> {
    while (this.running) {
      let relayed = 0;
      this.woken = false;
      try {
        relayed = await this.relayBatch();
      } catch (error) {
        console.error(`relay failed: ${(error as Error).message}`);
      }
      if (relayed < RELAY_BATCH && !this.woken && this.running) await this.pause(RELAY_IDLE_MS);
    }
  }

  /** The idle pause, which a wake or stop() ends early. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        this.endPause = undefined;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.endPause = end;
    });
  }

  private async relayBatch(): Promise<number> {
    const connection = await this.pool.getConnection();
    try {
      await connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await connection.query('START TRANSACTION');
      const [result] = await connection.query(
        `SELECT id, type, aggregate_type, aggregate_id, actor_user_id, payload, created_at
           FROM outbox_event
          WHERE dispatched_at IS NULL
          ORDER BY id
          LIMIT ?
            FOR UPDATE SKIP LOCKED`,
        [RELAY_BATCH],
      );
      const rows = result as Array<{
        id: number | string;
        type: string;
        aggregate_type: string;
        aggregate_id: string;
        actor_user_id: number | null;
        payload: string | Record<string, unknown>;
        created_at: Date;
      }>;
      if (rows.length === 0) {
        await connection.query('COMMIT');
        return 0;
      }
      const events: OutboxEvent[] = rows.map((row) => ({
        id: Number(row.id),
        type: row.type,
        aggregateType: row.aggregate_type,
        aggregateId: String(row.aggregate_id),
        actorUserId: row.actor_user_id === null ? null : Number(row.actor_user_id),
        payload:
          typeof row.payload === 'string'
            ? (JSON.parse(row.payload) as Record<string, unknown>)
            : row.payload,
        createdAt: new Date(row.created_at).toISOString(),
      }));
      await this.queue.addBulk(
        events.map((event) => ({
          name: 'fan-out-event',
          data: { event },
          opts: { jobId: `outbox-${event.id}` },
        })),
      );
      await connection.query('UPDATE outbox_event SET dispatched_at = ? WHERE id IN (?)', [
        new Date(),
        events.map((e) => e.id),
      ]);
      await connection.query('COMMIT');
      return events.length;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  /** One job per recipient, in user id order. */
  private async fanOut(event: OutboxEvent): Promise<{ recipients: number }> {
    if (event.type !== 'innovation.published') return { recipients: 0 };
    const innovationId = Number(event.payload['innovationId']);
    const originAgencyId = Number(event.payload['originAgencyId']);
    const [contexts] = await this.pool.query(
      `SELECT i.title, i.slug, COALESCE(o.short_name, o.name) AS origin
         FROM innovation i JOIN agency o ON o.id = i.origin_agency_id
        WHERE i.id = ?`,
      [innovationId],
    );
    const context = (contexts as Array<{ title: string; slug: string; origin: string }>)[0];
    const text = texts(
      context?.origin,
      context?.title ?? (event.payload['title'] as string | undefined),
      context?.slug ?? (event.payload['slug'] as string | undefined),
    );
    const [result] = await this.pool.query(
      `SELECT u.id, u.locale,
              MAX(CASE WHEN p.channel = 'IN_APP' THEN p.mode END) AS in_app,
              MAX(CASE WHEN p.channel = 'EMAIL' THEN p.mode END) AS email
         FROM agency_watch w
         JOIN \`user\` u ON u.id = w.user_id AND u.status = 'ACTIVE'
         LEFT JOIN notification_preference p ON p.user_id = u.id AND p.type = ?
        WHERE w.agency_id = ? AND u.id <> ?
        GROUP BY u.id, u.locale
        ORDER BY u.id`,
      [INNOVATION_PUBLISHED, originAgencyId, event.actorUserId ?? 0],
    );
    const recipients = result as Array<{
      id: number;
      locale: string;
      in_app: string | null;
      email: string | null;
    }>;
    const jobs = recipients.flatMap((r) => {
      // the platform's defaults for the type: in-app on, e-mail in the daily digest
      const inApp = (r.in_app ?? 'INSTANT') !== 'OFF';
      const emailMode = r.email ?? 'DAILY';
      if (!inApp && emailMode === 'OFF') return [];
      const data: Delivery = {
        outboxEventId: event.id,
        userId: Number(r.id),
        type: INNOVATION_PUBLISHED,
        actorUserId: event.actorUserId,
        ...(r.locale === 'en' ? text.en : text.id),
        inApp,
        emailMode,
      };
      return [
        { name: 'deliver-notification', data, opts: { jobId: `outbox-${event.id}-user-${data.userId}` } },
      ];
    });
    await this.queue.addBulk(jobs);
    return { recipients: jobs.length };
  }

  /** One row, one push. */
  private async deliver(d: Delivery): Promise<{ inserted: number }> {
    const createdAt = new Date();
    const [result] = await this.pool.query<ResultSetHeader>(
      `INSERT IGNORE INTO notification
         (outbox_event_id, user_id, type, actor_user_id, title, body, link, in_app, email_mode, email_sent_at, read_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)`,
      [
        d.outboxEventId,
        d.userId,
        d.type,
        d.actorUserId,
        d.title,
        d.body,
        d.link,
        d.inApp ? 1 : 0,
        d.emailMode,
        createdAt,
      ],
    );
    if (result.affectedRows === 1 && d.inApp) {
      const push = {
        userId: d.userId,
        notification: {
          id: String(result.insertId),
          type: d.type,
          title: d.title,
          body: d.body,
          link: d.link,
          actorUserId: d.actorUserId,
          createdAt: createdAt.toISOString(),
        },
      };
      await this.publisher.publish(CHANNEL, JSON.stringify([push]));
    }
    return { inserted: result.affectedRows };
  }
}

const baseline = new BaselineWorker();
baseline.start().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
console.log(`baseline worker on queue ${QUEUE} (prefix ${PREFIX})`);
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  baseline.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
