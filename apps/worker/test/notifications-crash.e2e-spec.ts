// first: this file's own Redis prefix (its worker processes use it too)
import { OWN_REDIS_PREFIX } from './own-redis-prefix';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Agency } from '@jipp/agencies';
import type { User } from '@jipp/auth';
import { JobName, OutboxEvent, QueueName, Role } from '@jipp/core';
import { deliveryJobId, deliveryPlan, fanOutJobId, NotificationType } from '@jipp/notifications';
import { ReplicationEventType } from '@jipp/replications';
import { createInnovation, ROOT } from '@jipp/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createConnection, type Connection } from 'mysql2/promise';
import { startTestApi, type TestApi } from '../../api/test/api-harness';
import {
  expected,
  freshAgencies,
  freshHub,
  freshUser,
  lastOutbox,
  recipientsOf,
  sorted,
  until,
} from '../../api/test/notification-fixtures';
import { takeRelayLock } from './relay-lock';

const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');
const REQUEST = `mutation($input: RequestReplicationInput!) { requestReplication(input: $input) { id version } }`;
const STEP = `mutation($input: TransitionReplicationInput!) { transitionReplication(input: $input) { id version } }`;

/** A worker process (the built one, as deployed), its output kept for the failure message. */
class WorkerProcess {
  readonly child: ChildProcess;
  output = '';
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [WORKER_MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        REDIS_PREFIX: OWN_REDIS_PREFIX,
        OUTBOX_RELAY_ENABLED: 'true',
        OUTBOX_RELAY_IDLE_MS: '50',
        OUTBOX_RELAY_BATCH_SIZE: '1000',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exit = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    running.add(this);
    void this.exit.then(() => running.delete(this));
  }

  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    return this.exit;
  }
}
const running = new Set<WorkerProcess>();

/** A TCP proxy in front of Redis that the test can take down and bring back on the same port. */
class RedisProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Refuses new connections and cuts the open ones: to its clients, Redis is gone. */
  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe('notifications survive crashes: nothing lost, nothing twice', () => {
  let releaseLock: (() => Promise<void>) | undefined;
  let api: TestApi;
  let queue: Queue;
  let O: Agency, A: Agency, crowd: Agency, crowd2: Agency;
  let oAdmin: User, aMember: User, coordinator: User;
  let oToken: string, aToken: string;

  const gql = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const res = await api.gql<T>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  /** A fresh published innovation of O, and A's request to replicate it. */
  const requestOne = async (): Promise<{ id: number; version: number }> => {
    const innovation = await createInnovation(api.dataSource, { agency: O.shortName! });
    const { requestReplication } = await gql<{ requestReplication: { id: number; version: number } }>(
      REQUEST,
      { input: { innovationId: innovation.id, note: 'Kami ingin mereplikasi inovasi ini di daerah kami.' } },
      aToken,
    );
    return requestReplication;
  };

  const count = async (event: OutboxEvent): Promise<{ rows: number; users: number }> => {
    const [row] = await api.dataSource.query<Array<{ rows: number; users: number }>>(
      'SELECT COUNT(*) AS `rows`, COUNT(DISTINCT user_id) AS users FROM notification WHERE outbox_event_id = ?',
      [event.id],
    );
    return { rows: Number(row!.rows), users: Number(row!.users) };
  };

  const dispatched = async (event: OutboxEvent): Promise<boolean> =>
    (await api.dataSource.getRepository(OutboxEvent).findOneByOrFail({ id: event.id })).dispatchedAt !== null;

  beforeAll(async () => {
    releaseLock = await takeRelayLock();
    api = await startTestApi();
    queue = new Queue(QueueName.NOTIFICATIONS, {
      connection: { url: process.env['REDIS_URL']! },
      prefix: `${OWN_REDIS_PREFIX}:bull`,
    });
    [O, A, crowd, crowd2] = await freshAgencies(api.dataSource, 4);
    const hub = await freshHub(api.dataSource, [A.id]);
    oAdmin = await freshUser(api.dataSource, O, Role.AGENCY_ADMIN);
    aMember = await freshUser(api.dataSource, A);
    coordinator = await freshUser(api.dataSource, O, Role.COORDINATOR, [hub]);
    oToken = await api.login(oAdmin.email);
    aToken = await api.login(aMember.email);
  }, 660_000);

  afterAll(async () => {
    await Promise.all([...running].map((worker) => worker.kill('SIGKILL')));
    await queue?.close();
    // this file's thousands of notifications are no one's mail: settle them before another file's
    // daily digest (which covers every user of the shared database) would e-mail them all
    if (api && O && A && crowd && crowd2) {
      await api.dataSource.query(
        `UPDATE notification n JOIN user u ON u.id = n.user_id
            SET n.email_sent_at = NOW(3)
          WHERE n.email_sent_at IS NULL AND u.agency_id IN (?)`,
        [[O.id, A.id, crowd.id, crowd2.id]],
      );
    }
    await api?.close();
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

  /**
   * A replication's approval with 5,000 recipients: the adopter's one member and 4,999 new users of
   * the `watchers` agency who watch the replication. Returns the event and those users' ids.
   */
  const approvalToFiveThousand = async (
    watchers: Agency,
  ): Promise<{ event: OutboxEvent; crowdIds: number[] }> => {
    const replication = await requestOne();
    const stamp = Date.now();
    await api.dataSource.query('INSERT INTO `user` (agency_id, email, name, role, status) VALUES ?', [
      Array.from({ length: 4999 }, (_, i) => [
        watchers.id,
        `crash-${stamp}-${i}@uji.go.id`,
        `Warga ${i}`,
        'MEMBER',
        'ACTIVE',
      ]),
    ]);
    await api.dataSource.query(
      'INSERT INTO replication_watch (replication_id, user_id) SELECT ?, id FROM `user` WHERE agency_id = ?',
      [replication.id, watchers.id],
    );
    const crowdIds = (
      await api.dataSource.query<Array<{ id: number }>>(
        'SELECT id FROM `user` WHERE agency_id = ? ORDER BY id',
        [watchers.id],
      )
    ).map((r) => Number(r.id));
    await gql(
      STEP,
      { input: { id: replication.id, version: replication.version, action: 'APPROVE' } },
      oToken,
    );
    const event = await lastOutbox(
      api.dataSource,
      ReplicationEventType.TRANSITIONED,
      'replication',
      replication.id,
    );
    return { event, crowdIds };
  };

  /**
   * A slow database for one statement: another transaction holds the (event, user) key of one
   * recipient, so the INSERT that holds that user waits while others go on. `release` ends the
   * statement the killed worker left waiting (the server ends it as it would a vanished client's)
   * and rolls the blocking transaction back.
   */
  const blockKey = async (event: OutboxEvent, userId: number): Promise<{ release: () => Promise<void> }> => {
    const blocker: Connection = await createConnection(
      process.env['DATABASE_URL']!.replace(/^mariadb:/, 'mysql:'),
    );
    await blocker.query('BEGIN');
    await blocker.query(
      `INSERT INTO notification (outbox_event_id, user_id, type, title, body, link, in_app, email_mode)
       VALUES (?, ?, 'REPLICATION_UPDATED', 'x', 'x', '/', 1, 'OFF')`,
      [event.id, userId],
    );
    return {
      release: async () => {
        try {
          const [orphans] = await blocker.query(
            `SELECT id FROM information_schema.PROCESSLIST
              WHERE id <> CONNECTION_ID() AND db = DATABASE() AND info LIKE 'INSERT%IGNORE INTO %notification%'`,
          );
          for (const { id } of orphans as Array<{ id: number }>) await blocker.query(`KILL ${Number(id)}`);
        } finally {
          await blocker.query('ROLLBACK');
          await blocker.end();
        }
      },
    };
  };

  /** Every push on the channel the api relays to sockets, as (user, notification id). */
  const listenToPushes = async (): Promise<{
    pushes: Array<[number, string]>;
    close: () => Promise<void>;
  }> => {
    const subscriber = new Redis(process.env['REDIS_URL']!);
    const pushes: Array<[number, string]> = [];
    subscriber.on('message', (_channel: string, text: string) => {
      for (const push of JSON.parse(text) as Array<{ userId: number; notification: { id: string } }>)
        pushes.push([push.userId, push.notification.id]);
    });
    await subscriber.subscribe(`${OWN_REDIS_PREFIX}:notifications:new`);
    return { pushes, close: async () => void (await subscriber.quit()) };
  };

  /** The event's 5,000 rows, exactly its recipients, once each. */
  const expectFiveThousand = async (event: OutboxEvent, crowdIds: number[]): Promise<void> => {
    expect(await count(event)).toEqual({ rows: 5000, users: 5000 });
    expect(await recipientsOf(api.dataSource, event)).toEqual(
      sorted([
        ...expected(NotificationType.REPLICATION_UPDATED, aMember),
        ...crowdIds.map((id): [number, string] => [id, NotificationType.REPLICATION_UPDATED]),
      ]),
    );
  };

  it('delivers exactly 5,000 notifications when the worker is SIGKILLed in the middle of the fan-out', async () => {
    const { event, crowdIds } = await approvalToFiveThousand(crowd);
    // the recipients in user id order: the adopter's member, then the crowd. The fan-out job writes
    // the first 1,200 itself, delivery jobs of 500 the rest: the blocked user's job is the one that waits
    const blockedAt = 1 + 2600;
    const plan = deliveryPlan(5000, 500);
    let chunkEnd = plan.batches.reduce((sum, n) => sum + n, 0);
    expect(blockedAt).toBeGreaterThanOrEqual(chunkEnd);
    const blockedChunk = plan.jobs.find((size) => (chunkEnd += size) > blockedAt)!;
    const othersWritten = 5000 - blockedChunk;
    const block = await blockKey(event, crowdIds[blockedAt - 1]!);

    let worker = new WorkerProcess();
    try {
      // everything but one delivery job's chunk is written; that one waits on the blocked key
      await until(
        async () => (await count(event)).rows >= othersWritten,
        60_000,
        `all but the blocked chunk written\n${worker.output}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await worker.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      expect((await count(event)).rows).toBe(othersWritten);
    } finally {
      await block.release();
    }
    expect((await count(event)).rows).toBe(othersWritten);

    // restarted: the interrupted chunk comes back (its lock expired) and fills in what is missing
    worker = new WorkerProcess();
    await until(
      async () => (await count(event)).rows >= 5000,
      60_000,
      `5,000 notifications\n${worker.output}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expectFiveThousand(event, crowdIds);
    // SIGTERM: the worker finishes what it runs and leaves
    const stopped = await worker.kill('SIGTERM');
    expect(stopped.code === 0 || stopped.signal === 'SIGTERM').toBe(true);
  }, 180_000);

  it('delivers exactly 5,000 notifications, none pushed twice, when the worker dies while the fan-out job writes the first ones', async () => {
    const { event, crowdIds } = await approvalToFiveThousand(crowd2);
    // the blocked user sits in the fan-out job's third batch: it wrote the first two, then waits, and
    // has enqueued no delivery job yet
    const { batches } = deliveryPlan(5000, 500);
    const blockedAt = batches[0]! + batches[1]! + 1;
    const block = await blockKey(event, crowdIds[blockedAt - 1]!);
    const pushes = await listenToPushes();
    try {
      let worker = new WorkerProcess();
      try {
        await until(
          async () => (await count(event)).rows >= batches[0]! + batches[1]!,
          60_000,
          `the first two batches written\n${worker.output}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await worker.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
        expect((await count(event)).rows).toBe(batches[0]! + batches[1]!);
        expect(await queue.getJob(deliveryJobId(Number(event.id), 0))).toBeUndefined();
      } finally {
        await block.release();
      }

      // restarted: the fan-out job comes back (its lock expired), writes what is missing and
      // enqueues the delivery jobs of the rest
      worker = new WorkerProcess();
      await until(
        async () => (await count(event)).rows >= 5000,
        60_000,
        `5,000 notifications\n${worker.output}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      await expectFiveThousand(event, crowdIds);
      await worker.kill('SIGTERM');

      // every push is of the user's one row, and nobody was pushed to twice (the first batches'
      // pushes went out before the kill; the retry pushed only what it wrote itself)
      const rows = await api.dataSource.query<Array<{ id: number; user_id: number }>>(
        'SELECT id, user_id FROM notification WHERE outbox_event_id = ?',
        [event.id],
      );
      const rowOf = new Map(rows.map((r) => [Number(r.user_id), String(r.id)]));
      const pushedUsers = pushes.pushes.filter(([userId]) => rowOf.has(userId));
      expect(pushedUsers.every(([userId, id]) => rowOf.get(userId) === id)).toBe(true);
      expect(new Set(pushedUsers.map(([userId]) => userId)).size).toBe(pushedUsers.length);
      // the pushes of the first two batches, and of all written after the restart
      expect(pushedUsers.length).toBeGreaterThanOrEqual(5000 - batches[2]!);
    } finally {
      await pushes.close();
    }
  }, 180_000);

  it('delivers an event once when the relay dies between the enqueue and marking it dispatched', async () => {
    const replication = await requestOne();
    const event = await lastOutbox(
      api.dataSource,
      ReplicationEventType.REQUESTED,
      'replication',
      replication.id,
    );

    const crashing = new WorkerProcess({ OUTBOX_RELAY_CRASH_AFTER_ENQUEUE: String(event.id) });
    expect(await crashing.exit).toEqual({ code: null, signal: 'SIGKILL' });
    // enqueued, not marked: the transaction that claimed it died with the process
    expect(await dispatched(event)).toBe(false);
    expect(await queue.getJob(fanOutJobId(Number(event.id)))).toMatchObject({ name: JobName.FAN_OUT_EVENT });

    // the next worker relays it again (the same job id: BullMQ keeps the one job) and marks it
    const worker = new WorkerProcess();
    await until(() => dispatched(event), 30_000, `the event dispatched\n${worker.output}`);
    await until(async () => (await count(event)).rows >= 2, 30_000, `its notifications\n${worker.output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await recipientsOf(api.dataSource, event)).toEqual(
      sorted(expected(NotificationType.REPLICATION_REQUESTED, oAdmin, coordinator)),
    );
    const counts = await queue.getJobCounts('completed', 'failed');
    expect(counts['failed']).toBe(0);
    await worker.kill('SIGTERM');
  }, 120_000);

  it('keeps the events while Redis is down and delivers every one once it is back', async () => {
    const redisUrl = new URL(process.env['REDIS_URL']!);
    const proxy = new RedisProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    await proxy.up();
    const throughProxy = new URL(redisUrl);
    throughProxy.host = `127.0.0.1:${proxy.port}`;
    const worker = new WorkerProcess({ REDIS_URL: throughProxy.toString() });
    try {
      // the worker runs: a first request is delivered through the proxy
      const warm = await requestOne();
      const warmEvent = await lastOutbox(
        api.dataSource,
        ReplicationEventType.REQUESTED,
        'replication',
        warm.id,
      );
      await until(
        async () => (await count(warmEvent)).rows >= 2,
        30_000,
        `the warm-up event\n${worker.output}`,
      );

      await proxy.down();
      // changes go on (the api does not need the worker's Redis): a request, an approval, a step
      const r = await requestOne();
      const requested = await lastOutbox(api.dataSource, ReplicationEventType.REQUESTED, 'replication', r.id);
      const approved = await gql<{ transitionReplication: { id: number; version: number } }>(
        STEP,
        { input: { id: r.id, version: r.version, action: 'APPROVE' } },
        oToken,
      );
      const approvedEvent = await lastOutbox(
        api.dataSource,
        ReplicationEventType.TRANSITIONED,
        'replication',
        r.id,
      );
      await gql(
        STEP,
        { input: { id: r.id, version: approved.transitionReplication.version, action: 'START_OBSERVING' } },
        aToken,
      );
      const observing = await lastOutbox(
        api.dataSource,
        ReplicationEventType.TRANSITIONED,
        'replication',
        r.id,
      );
      const events = [requested, approvedEvent, observing];
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // the rows wait, and the relay says why
      for (const event of events) expect(await dispatched(event)).toBe(false);
      expect(worker.output).toMatch(/outbox relay failed/);

      await proxy.up();
      for (const event of events)
        await until(() => dispatched(event), 30_000, `event ${event.id}\n${worker.output}`);
      await until(async () => (await count(observing)).rows >= 1, 30_000, 'the last notifications');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await recipientsOf(api.dataSource, requested)).toEqual(
        sorted(expected(NotificationType.REPLICATION_REQUESTED, oAdmin, coordinator)),
      );
      expect(await recipientsOf(api.dataSource, approvedEvent)).toEqual(
        sorted(expected(NotificationType.REPLICATION_UPDATED, aMember)),
      );
      expect(await recipientsOf(api.dataSource, observing)).toEqual(
        sorted(expected(NotificationType.REPLICATION_UPDATED, oAdmin)),
      );
      const stopped = await worker.kill('SIGTERM');
      expect(stopped.code === 0 || stopped.signal === 'SIGTERM').toBe(true);
    } finally {
      await proxy.down().catch(() => undefined);
    }
  }, 120_000);
});
