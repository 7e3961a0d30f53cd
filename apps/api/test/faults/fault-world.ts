import argon2 from 'argon2';
import { QueueName } from '@jipp/core';
import { ForumEventType } from '@jipp/forum';
import { TEST_PASSWORD, unique } from '@jipp/testing';
import { Queue } from 'bullmq';
import { createConnection } from 'mysql2/promise';
import { startBuiltApi, startBuiltWorker, type ApiProcess, type AppProcess } from '../built-app-processes';
import {
  migrateAndSeed,
  startOwnMariadb,
  startOwnRedis,
  type OwnMariadb,
  type OwnServer,
} from './own-services';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`;
const WATCH_THREAD = `mutation($id: Int!) { watchThread(id: $id) { id } }`;

/** A signed-in user of the world. */
export interface WorldUser {
  id: number;
  email: string;
  token: string;
}

/** What one post written by the load became, read from the database after the run. */
export interface PostTrace {
  postId: number;
  body: string;
  outboxEvents: number;
  auditRows: number;
  dispatched: number;
  /** Notifications of the thread's watcher about this post (goal: exactly 1). */
  notifications: number;
  /** Notifications of every watcher about this post (goal: exactly `watcherCount`). */
  allNotifications: number;
}

/**
 * The platform as a deployment runs it, on servers of the test's own: a private MariaDB and Redis,
 * the built api(s) and worker(s) against them, a hub thread that a watcher follows, and members who
 * post in it. Every post to the thread is one outbox event whose fan-out notifies the watcher: a
 * post committed without its event, or an event that never becomes exactly one notification, is a
 * lost or duplicated item.
 */
export interface FaultWorld {
  redis: OwnServer;
  mariadb: OwnMariadb;
  /** The environment of every app process of the world. */
  env: Record<string, string>;
  apis: ApiProcess[];
  workers: AppProcess[];
  posters: WorldUser[];
  watcher: WorldUser;
  /** A user the load signs in as (login needs Redis: its failure limits live there). */
  signer: { email: string; password: string };
  threadId: number;
  hubId: number;
  /** Users who watch the thread: the watcher and the extra ones. */
  watcherCount: number;
  /** One statement on a fresh connection (the server may have been restarted since the last one). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  startApi(name: string): Promise<ApiProcess>;
  startWorker(name: string): Promise<AppProcess>;
  /** True once the notifications queue lists a worker of this name. */
  workerListed(name: string): Promise<boolean>;
  /** The notifications queue (waiting, active, ...) as BullMQ counts it. */
  queueCounts(): Promise<Record<string, number>>;
  /** Every post of the load (bodies starting with `prefix`) with its outbox, audit and notification rows. */
  tracePosts(prefix: string): Promise<PostTrace[]>;
  dispose(): Promise<void>;
}

export interface FaultWorldOptions {
  apis?: number;
  workers?: number;
  posters?: number;
  /** Users besides the watcher who watch the thread, so each post's fan-out has work to do. */
  extraWatchers?: number;
  env?: Record<string, string>;
}

export async function startFaultWorld(name: string, options: FaultWorldOptions = {}): Promise<FaultWorld> {
  const redis = await startOwnRedis(`${name} Redis`);
  let mariadb: OwnMariadb | undefined;
  const apis: ApiProcess[] = [];
  const workers: AppProcess[] = [];
  let queue: Queue | undefined;
  const dispose = async () => {
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    await queue?.close().catch(() => undefined);
    await Promise.all([redis.dispose(), mariadb?.dispose()]);
  };
  try {
    mariadb = await startOwnMariadb(`${name} MariaDB`);
    await migrateAndSeed(mariadb.databaseUrl, redis.url);
    const own = mariadb;
    const env: Record<string, string> = {
      DATABASE_URL: own.databaseUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'jipp-fault',
      DATABASE_POOL_SIZE: '6',
      ANALYTICS_DATABASE_POOL_SIZE: '2',
      OUTBOX_RELAY_ENABLED: 'true',
      OUTBOX_RELAY_IDLE_MS: '100',
      LOG_LEVEL: 'warn',
      // the load comes from one address and a few users: the limits stay on (their Redis and
      // in-process counters are part of what a fault meets) but out of the way
      ...Object.fromEntries(
        ['READS', 'MUTATIONS', 'LOGINS', 'POSTS'].flatMap((what) =>
          ['USER', 'IP'].map((per) => [`RATE_LIMIT_${what}_PER_${per}`, '1000000']),
        ),
      ),
      ...options.env,
    };
    queue = new Queue(QueueName.NOTIFICATIONS, {
      connection: { url: redis.url, maxRetriesPerRequest: null },
      prefix: `${env['REDIS_PREFIX']}:bull`,
    });
    queue.on('error', () => undefined); // the test restarts this Redis on purpose
    const notifications = queue;

    const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
      const connection = await createConnection({ uri: own.url, database: 'jipp_fault' });
      try {
        const [rows] = await connection.query(sql, params);
        return rows as T[];
      } finally {
        await connection.end();
      }
    };
    const workerListed = async (workerName: string) =>
      (await notifications.getWorkers()).some((w) => String(w['rawname']).endsWith(`:w:${workerName}`));
    const startApi = async (apiName: string) => {
      const api = await startBuiltApi(apiName, env);
      apis.push(api);
      return api;
    };
    const startWorker = async (workerName: string) => {
      const worker = await startBuiltWorker(workerName, { ...env, WORKER_NAME: workerName }, () =>
        workerListed(workerName),
      );
      workers.push(worker);
      return worker;
    };

    await Promise.all([
      ...Array.from({ length: options.apis ?? 1 }, (_, n) => startApi(`${name} api ${n + 1}`)),
      ...Array.from({ length: options.workers ?? 1 }, (_, n) => startWorker(`${name}-worker-${n + 1}`)),
    ]);
    const api = apis[0]!;
    const gql = async <T>(document: string, variables: object, token?: string): Promise<T> => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: document, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown };
      if (!body.data) throw new Error(`${document}: ${JSON.stringify(body.errors)}`);
      return body.data;
    };

    const passwordHash = await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id });
    const user = async (agency: string): Promise<WorldUser> => {
      const email = `${unique('gangguan')}@uji.go.id`;
      const [row] = await query<{ id: number }>('SELECT id FROM agency WHERE short_name = ?', [agency]);
      const inserted = (await query(
        "INSERT INTO `user` (agency_id, email, name, password_hash, role, status) VALUES (?, ?, ?, ?, 'MEMBER', 'ACTIVE')",
        [row!.id, email, unique('Pengguna'), passwordHash],
      )) as unknown as { insertId: number };
      const { login } = await gql<{ login: { accessToken: string } }>(LOGIN, {
        input: { email, password: TEST_PASSWORD },
      });
      return { id: Number(inserted.insertId), email, token: login.accessToken };
    };
    const posters = await Promise.all(
      Array.from({ length: options.posters ?? 3 }, () => user('Pemkab Banyuwangi')),
    );
    const watcher = await user('Pemkot Surabaya');
    const signer = await user('Pemkot Surabaya');
    const [hub] = await query<{ id: number }>('SELECT id FROM network WHERE slug = ?', ['jipp-jawa-timur']);
    const { createThread } = await gql<{ createThread: { id: number } }>(
      CREATE_THREAD,
      { input: { hubId: hub!.id, title: `Uji gangguan ${unique()}`, body: 'Pembuka uji gangguan.' } },
      posters[0]!.token,
    );
    await gql(WATCH_THREAD, { id: createThread.id }, watcher.token);
    const extraWatchers = options.extraWatchers ?? 0;
    if (extraWatchers > 0) {
      // members of the hub's local governments, written at once, all watching the thread
      const agencies = await query<{ id: number }>(
        "SELECT id FROM agency WHERE type IN ('PEMKAB', 'PEMKOT') AND province_code = '35' ORDER BY id",
      );
      const marker = unique('pengamat');
      await query('INSERT INTO `user` (agency_id, email, name, password_hash, role, status) VALUES ?', [
        Array.from({ length: extraWatchers }, (_, n) => [
          agencies[n % agencies.length]!.id,
          `${marker}-${n}@uji.go.id`,
          `Pengamat ${n}`,
          null,
          'MEMBER',
          'ACTIVE',
        ]),
      ]);
      await query(
        'INSERT INTO thread_watch (thread_id, user_id) SELECT ?, id FROM `user` WHERE email LIKE ?',
        [createThread.id, `${marker}-%`],
      );
    }

    const tracePosts = async (prefix: string): Promise<PostTrace[]> => {
      const rows = await query<Record<string, unknown>>(
        `SELECT p.id, p.body,
            (SELECT COUNT(*) FROM outbox_event o
              WHERE o.type = ? AND o.aggregate_type = 'post' AND o.aggregate_id = p.id) AS outbox_events,
            (SELECT COUNT(*) FROM outbox_event o
              WHERE o.type = ? AND o.aggregate_type = 'post' AND o.aggregate_id = p.id
                AND o.dispatched_at IS NOT NULL) AS dispatched,
            (SELECT COUNT(*) FROM audit_log a
              WHERE a.action = 'post.create' AND a.entity_type = 'post' AND a.entity_id = p.id) AS audit_rows,
            (SELECT COUNT(*) FROM notification n JOIN outbox_event o ON o.id = n.outbox_event_id
              WHERE o.type = ? AND o.aggregate_type = 'post' AND o.aggregate_id = p.id
                AND n.user_id = ?) AS notifications,
            (SELECT COUNT(*) FROM notification n JOIN outbox_event o ON o.id = n.outbox_event_id
              WHERE o.type = ? AND o.aggregate_type = 'post' AND o.aggregate_id = p.id) AS all_notifications
           FROM post p
          WHERE p.thread_id = ? AND p.body LIKE ?
          ORDER BY p.id`,
        [
          ForumEventType.POST_CREATED,
          ForumEventType.POST_CREATED,
          ForumEventType.POST_CREATED,
          watcher.id,
          ForumEventType.POST_CREATED,
          createThread.id,
          `${prefix}%`,
        ],
      );
      return rows.map((r) => ({
        postId: Number(r['id']),
        body: String(r['body']),
        outboxEvents: Number(r['outbox_events']),
        auditRows: Number(r['audit_rows']),
        dispatched: Number(r['dispatched']),
        notifications: Number(r['notifications']),
        allNotifications: Number(r['all_notifications']),
      }));
    };

    return {
      redis,
      mariadb: own,
      env,
      apis,
      workers,
      posters,
      watcher,
      signer: { email: signer.email, password: TEST_PASSWORD },
      threadId: createThread.id,
      hubId: hub!.id,
      watcherCount: 1 + extraWatchers,
      query,
      startApi,
      startWorker,
      workerListed,
      queueCounts: () => notifications.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed'),
      tracePosts,
      dispose,
    };
  } catch (error) {
    const outputs = [...apis, ...workers].map((p) => `--- ${p.name}\n${p.output()}`).join('\n');
    await dispose();
    throw new Error(`${name}: the world did not start: ${String(error)}\n${outputs}`, { cause: error });
  }
}
