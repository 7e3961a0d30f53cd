import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { QueueName } from '@jipp/core';
import { InnovationEvent } from '@jipp/innovations';
import { isolatedDatabase, TEST_PASSWORD, unique, type IsolatedDatabase } from '@jipp/testing';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { createConnection, type Connection } from 'mysql2/promise';
import { gqlDataAt } from './graphql-at';
import { startBuiltApi, startBuiltWorker, type ApiProcess, type AppProcess } from './built-app-processes';
import {
  collect,
  connected,
  disconnection,
  forumSocket,
  joinThread,
  sleep,
  until,
  type ForumClient,
} from './forum-socket-client';
import { until as eventually } from './notification-fixtures';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`;
const CREATE_POST = `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`;
const CREATE_INNOVATION = `mutation($input: CreateInnovationInput!) { createInnovation(input: $input) { innovation { id version } } }`;
const PUBLISH = `mutation($id: Int!, $version: Int!) { publishInnovation(id: $id, version: $version) { id status } }`;
const ME = `query { me { id } }`;

/** Watchers of the publishing agency: with chunks of 20, an audience split into many delivery jobs. */
const WATCHERS = 400;
const CHUNK_SIZE = 20;
const WORKER_NAMES = ['scale-worker-a', 'scale-worker-b'];

/**
 * Two api processes and two worker processes, the built apps as a deployment runs them, on one
 * database and one Redis: what docker/docker-compose.yml puts behind nginx, without nginx. The
 * processes get a database of this file's own and a Redis prefix of their own, so their outbox
 * relays and queues see only this file's work.
 */
describe('scale-out: two api and two worker processes on one MariaDB and one Redis', () => {
  let database: IsolatedDatabase;
  let db: Connection;
  let redisPrefix: string;
  let queue: Queue;
  let apiA: ApiProcess;
  let apiB: ApiProcess;
  const processes: AppProcess[] = [];
  const sockets: ForumClient[] = [];
  let member: { id: number; token: string }; // Pemkab Banyuwangi: posts in the hub
  let reader: { id: number; token: string }; // Pemkot Surabaya: reads the hub
  let agencyAdmin: { id: number; token: string }; // Pemkab Banyuwangi: publishes its innovations
  let hubId: number;

  const gqlOn = <T>(api: ApiProcess, query: string, variables: object = {}, token?: string): Promise<T> =>
    gqlDataAt<T>(api.url, query, variables, token, api.name);

  const socketTo = (api: ApiProcess, token: string): ForumClient => {
    const socket = forumSocket(api.url, token);
    sockets.push(socket);
    return socket;
  };

  const idOf = async (sql: string, params: unknown[]): Promise<number> => {
    const [rows] = await db.query(sql, params);
    const id = (rows as Array<{ id: number }>)[0]?.id;
    if (id === undefined) throw new Error(`nothing found: ${sql} ${JSON.stringify(params)}`);
    return Number(id);
  };

  /** A new active user with the test password, signed in through api A. */
  const signedInUser = async (agency: string, role: string, passwordHash: string) => {
    const email = `${unique('skala')}@uji.go.id`;
    const agencyId = await idOf('SELECT id FROM agency WHERE short_name = ?', [agency]);
    const [result] = await db.query(
      "INSERT INTO `user` (agency_id, email, name, password_hash, role, status) VALUES (?, ?, ?, ?, ?, 'ACTIVE')",
      [agencyId, email, unique('Pengguna'), passwordHash, role],
    );
    const { login } = await gqlOn<{ login: { accessToken: string } }>(apiA, LOGIN, {
      input: { email, password: TEST_PASSWORD },
    });
    return { id: (result as { insertId: number }).insertId, token: login.accessToken };
  };

  /** True once the notifications queue lists a worker of this name (its Redis connection name). */
  const workerListed = async (name: string): Promise<boolean> =>
    (await queue.getWorkers()).some((w) => String(w['rawname']).endsWith(`:w:${name}`));

  beforeAll(async () => {
    database = await isolatedDatabase('scale_out');
    db = await createConnection(database.url.replace(/^mariadb:/, 'mysql:'));
    // the run's prefix plus a random part: the global teardown's `<prefix>:*` sweep does not reach
    // it, this file's afterAll does (REDIS_PREFIX allows 40 characters)
    redisPrefix = `${process.env['REDIS_PREFIX']}-so${randomBytes(3).toString('hex')}`;
    queue = new Queue(QueueName.NOTIFICATIONS, {
      connection: { url: process.env['REDIS_URL']!, maxRetriesPerRequest: null },
      prefix: `${redisPrefix}:bull`,
    });
    const env = {
      DATABASE_URL: database.url,
      REDIS_PREFIX: redisPrefix,
      // four processes beside the other test files' connections
      DATABASE_POOL_SIZE: '4',
      ANALYTICS_DATABASE_POOL_SIZE: '2',
      OUTBOX_RELAY_ENABLED: 'true',
      OUTBOX_RELAY_IDLE_MS: '50',
      NOTIFICATION_CHUNK_SIZE: String(CHUNK_SIZE),
      LOG_LEVEL: 'warn',
    };
    // every start is awaited (none left running unseen when another fails); afterAll stops them
    const starts = await Promise.allSettled([
      startBuiltApi('api A', env),
      startBuiltApi('api B', env),
      ...WORKER_NAMES.map((name) =>
        startBuiltWorker(name, { ...env, WORKER_NAME: name }, () => workerListed(name)),
      ),
    ]);
    for (const start of starts) if (start.status === 'fulfilled') processes.push(start.value);
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    [apiA, apiB] = processes as [ApiProcess, ApiProcess];

    const passwordHash = await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id });
    member = await signedInUser('Pemkab Banyuwangi', 'MEMBER', passwordHash);
    reader = await signedInUser('Pemkot Surabaya', 'MEMBER', passwordHash);
    agencyAdmin = await signedInUser('Pemkab Banyuwangi', 'AGENCY_ADMIN', passwordHash);
    hubId = await idOf('SELECT id FROM network WHERE slug = ?', ['jipp-jawa-timur']);
  }, 180_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(processes.map((p) => p.stop()));
    await queue?.close();
    await db?.end();
    await database?.drop();
    if (redisPrefix) {
      const redis = new Redis(process.env['REDIS_URL']!);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
    }
  }, 60_000);

  it('runs four separate processes', () => {
    const pids = new Set([process.pid, ...processes.map((p) => p.pid)]);
    expect(pids.size).toBe(5);
    expect(new URL(apiA.url).port).not.toBe(new URL(apiB.url).port);
  });

  it('delivers a post created through GraphQL on api A to a socket connected to api B', async () => {
    const { createThread } = await gqlOn<{ createThread: { id: number } }>(
      apiA,
      CREATE_THREAD,
      { input: { hubId, title: `Skala keluar ${unique()}`, body: 'Pembuka.' } },
      member.token,
    );
    const onB = await connected(socketTo(apiB, reader.token));
    expect(await joinThread(onB, createThread.id)).toEqual({ ok: true });
    const received = collect(onB, 'post:created');

    const { createPost } = await gqlOn<{ createPost: { id: number } }>(
      apiA,
      CREATE_POST,
      { input: { threadId: createThread.id, body: 'Dikirim lewat api A.' } },
      member.token,
    );
    await until(() => received.length === 1, 'the post from api A on the socket of api B');
    await sleep(200);
    expect(received).toEqual([
      expect.objectContaining({ id: createPost.id, threadId: createThread.id, authorUserId: member.id }),
    ]);
  });

  it('splits a big fan-out across both workers and tells every watcher exactly once', async () => {
    // the watchers: new members of the local governments, all watching Pemkab Banyuwangi
    const originAgencyId = await idOf('SELECT id FROM agency WHERE short_name = ?', ['Pemkab Banyuwangi']);
    const [agencyRows] = await db.query(
      "SELECT id FROM agency WHERE type IN ('PEMKAB', 'PEMKOT') AND id <> ? ORDER BY id LIMIT 50",
      [originAgencyId],
    );
    const agencyIds = (agencyRows as Array<{ id: number }>).map((a) => a.id);
    const marker = unique('pengamat');
    await db.query('INSERT INTO `user` (agency_id, email, name, password_hash, role, status) VALUES ?', [
      Array.from({ length: WATCHERS }, (_, n) => [
        agencyIds[n % agencyIds.length],
        `${marker}-${n}@uji.go.id`,
        `Pengamat ${n}`,
        null,
        'MEMBER',
        'ACTIVE',
      ]),
    ]);
    await db.query(
      'INSERT INTO agency_watch (agency_id, user_id) SELECT ?, id FROM `user` WHERE email LIKE ?',
      [originAgencyId, `${marker}-%`],
    );
    const [watcherRows] = await db.query('SELECT id FROM `user` WHERE email LIKE ? ORDER BY id', [
      `${marker}-%`,
    ]);
    const watcherIds = (watcherRows as Array<{ id: number }>).map((w) => Number(w.id));
    expect(watcherIds).toHaveLength(WATCHERS);

    // a draft written and published by the agency's admin, through api A
    const categoryId = await idOf(
      'SELECT id FROM innovation_category WHERE competition_year = 2018 AND code = ?',
      ['ADMINDUK'],
    );
    const { createInnovation } = await gqlOn<{
      createInnovation: { innovation: { id: number; version: number } };
    }>(
      apiA,
      CREATE_INNOVATION,
      {
        input: {
          title: `Akta Kelahiran Keliling ${unique('x')}`,
          summary: 'Petugas mendatangi desa untuk menerbitkan akta kelahiran di tempat.',
          problem: 'Warga desa terpencil harus menempuh perjalanan jauh untuk akta kelahiran.',
          approach: 'Mobil layanan keliling terjadwal dengan perangkat cetak.',
          novelty: 'Akta selesai dalam satu kunjungan.',
          impact: 'Cakupan akta kelahiran anak naik dari 60% menjadi 92%.',
          categoryId,
          digital: true,
          stage: 'IMPLEMENTED',
          sdgGoals: [16],
          launchYear: 2019,
        },
      },
      agencyAdmin.token,
    );
    const { id: innovationId, version } = createInnovation.innovation;
    await gqlOn(apiA, PUBLISH, { id: innovationId, version }, agencyAdmin.token);
    const eventId = await idOf(
      "SELECT id FROM outbox_event WHERE type = ? AND aggregate_type = 'innovation' AND aggregate_id = ?",
      [InnovationEvent.PUBLISHED, innovationId],
    );

    // every watcher's row written, and nothing of the event left to run
    const rowsOfEvent = async () => {
      const [rows] = await db.query(
        'SELECT user_id FROM notification WHERE outbox_event_id = ? ORDER BY user_id',
        [eventId],
      );
      return (rows as Array<{ user_id: number }>).map((r) => Number(r.user_id));
    };
    await eventually(
      async () => (await rowsOfEvent()).length >= WATCHERS,
      30_000,
      'a notification per watcher',
    );
    await eventually(
      async () => {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
        return Object.values(counts).every((n) => n === 0);
      },
      15_000,
      'the notifications queue to drain',
    );
    await sleep(300);
    // exactly one row per watcher: none missing, none twice, nobody else
    expect(await rowsOfEvent()).toEqual(watcherIds);

    // the event's jobs (its fan-out and the delivery jobs it made): both workers took some
    const refersToEvent = (job: Job): boolean => {
      const data = job.data as { event?: { id?: unknown }; outboxEventId?: unknown } | undefined;
      return Number(data?.event?.id ?? data?.outboxEventId) === eventId;
    };
    const [completed, failed] = await Promise.all([
      queue.getJobs(['completed'], 0, -1),
      queue.getJobs(['failed'], 0, -1),
    ]);
    expect(failed.filter(refersToEvent).map((job) => job.failedReason)).toEqual([]);
    // how many jobs, and which recipients each holds, is the fan-out's business
    const takenBy = new Set(completed.filter(refersToEvent).map((job) => String(job.processedBy)));
    expect([...takenBy].sort()).toEqual(WORKER_NAMES);
  });

  it('keeps serving GraphQL and the sockets of api B when api A is killed', async () => {
    const { createThread } = await gqlOn<{ createThread: { id: number } }>(
      apiB,
      CREATE_THREAD,
      { input: { hubId, title: `Setelah node mati ${unique()}`, body: 'Pembuka.' } },
      member.token,
    );
    const onA = await connected(socketTo(apiA, reader.token));
    const onB = await connected(socketTo(apiB, reader.token));
    for (const socket of [onA, onB]) expect(await joinThread(socket, createThread.id)).toEqual({ ok: true });
    const received = collect(onB, 'post:created');
    let bDropped = false;
    onB.on('disconnect', () => (bDropped = true));

    const aDropped = disconnection(onA);
    await apiA.kill();
    // the kernel closes a killed process's connections: the client sees its transport end
    expect(['transport close', 'transport error']).toContain(await aDropped);
    await expect(fetch(`${apiA.url}/health/live`)).rejects.toThrow();

    expect(await gqlOn<{ me: { id: number } }>(apiB, ME, {}, reader.token)).toEqual({
      me: { id: reader.id },
    });
    const { createPost } = await gqlOn<{ createPost: { id: number } }>(
      apiB,
      CREATE_POST,
      { input: { threadId: createThread.id, body: 'Api A sudah mati, api B tetap jalan.' } },
      member.token,
    );
    await until(() => received.length === 1, 'the post on the socket of api B');
    expect(received[0]).toMatchObject({ id: createPost.id, threadId: createThread.id });
    expect(bDropped).toBe(false);
    expect(onB.connected).toBe(true);
    // a new client, as a load balancer would now send every one, is served by api B
    const fresh = await connected(socketTo(apiB, member.token));
    expect(await joinThread(fresh, createThread.id)).toEqual({ ok: true });
  });
});
