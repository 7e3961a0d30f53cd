/**
 * The forum benchmark: 1,000 sockets of one reader follow a hub thread on one api process (A) while
 * another user posts in it at a fixed rate; each post reaches every socket as `post:created`. The
 * baseline (B) is a raw socket.io server with the same Redis streams adapter and options that
 * broadcasts the same message (captured from the api) on an HTTP request, so both sides take one
 * request per post. The sockets and the posts live in a load process of their own (`load-worker.ts`);
 * latencies run from the post request's send to each socket's receipt, on that process's clock.
 *
 * Each round starts each side afresh (its RSS before and after the sockets connect says what a
 * socket costs; a reused process would hand the sockets memory freed by the last round), primes it
 * with one socket and one post, connects the sockets, posts for the warm-up, then measures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { firstDifference } from '../lib/checks';
import { prepareDatabase } from '../lib/database';
import { BENCH_DIST, benchRedisPrefix, jwtSecret, redisUrl } from '../lib/environment';
import { log } from '../lib/log';
import type { MemoryReading } from '../lib/memory-probe';
import { cpuSeconds, probeMemory, rssBytes } from '../lib/proc';
import { startServer, type RunningServer, type ServerSpec } from '../lib/processes';
import { median } from '../lib/stats';
import type { Benchmark, BenchmarkResult, Figure, Settings } from '../lib/types';
import { BENCH_PASSWORD, type ForumDatasetSummary, forumDataset, HUB_SLUG, USERS } from './dataset';
import { SocketLoad } from './load';
import {
  CONNECT_CONCURRENCY,
  type Handshake,
  MARKER_DIGITS,
  MARKER_PREFIX,
  type Measured,
  type PostMessage,
  type PostTarget,
} from './protocol';

/** The goals: deliveries/s and p99 against the raw server, and memory per socket. */
const DELIVERY_RATE_GOAL = 0.9;
const P99_GOAL = 1.2;
const RSS_PER_SOCKET_GOAL_KB = 20;
/** Redis prefixes (and so socket.io streams) of the two sides: never shared. */
const apiPrefix = (): string => benchRedisPrefix('forum');
const rawPrefix = (): string => benchRedisPrefix('forum-raw');
/** After the last post answered, how long deliveries may still come before the rest count as lost. */
const DRAIN_MS = 10_000;
/** A pause before reading the RSS, so the server is done with what just happened. */
const SETTLE_MS = 1000;

type Side = 'api' | 'raw';

interface Session {
  readerToken: string;
  posterToken: string;
  threadId: number;
}

interface SideRound {
  side: Side;
  connectSeconds: number;
  rssBeforeBytes: number;
  rssConnectedBytes: number;
  rssAfterBytes: number;
  rssPerSocketKB: number;
  /** Live V8 heap (after a full collection) per socket: the RSS also counts heap the young generation grew by. */
  heapPerSocketKB: number;
  heapBefore: MemoryReading;
  heapConnected: MemoryReading;
  /** Server CPU (user + system) per post while measuring, in ms. */
  cpuMsPerPost: number;
  handshake: Handshake;
  warmup?: Omit<Measured, 'sample'>;
  measured: Omit<Measured, 'sample'>;
}

interface Round {
  order: string;
  loadAverage: number;
  api: SideRound;
  raw: SideRound;
  deliveryRateRatio: number;
  p50Ratio: number;
  p99Ratio: number;
  rssPerSocketRatio: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Both servers carry the memory probe: a full collection before each memory reading. */
function serverSpecs(databaseUrl: string, memoryDir: string): Record<Side, ServerSpec> {
  const probe = [join(BENCH_DIST, 'lib', 'memory-probe.js')];
  return {
    api: {
      name: 'api',
      script: 'dist/apps/api/src/main.js',
      readyPath: '/health/ready',
      preload: probe,
      env: {
        BENCH_MEMORY_LOG: join(memoryDir, 'api.jsonl'),
        DATABASE_URL: databaseUrl,
        NODE_ENV: 'production',
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: apiPrefix(),
        JWT_SECRET: jwtSecret(),
        LOG_LEVEL: 'warn',
        DATABASE_LOG_QUERIES: 'false',
        GRAPHQL_SANDBOX: 'false',
        // one login serves every round: the sockets are dropped when their token expires
        ACCESS_TOKEN_TTL_SECONDS: '7200',
      },
    },
    raw: {
      name: 'raw',
      script: join(BENCH_DIST, 'forum', 'raw-server.js'),
      readyPath: '/health',
      preload: probe,
      env: {
        BENCH_MEMORY_LOG: join(memoryDir, 'raw.jsonl'),
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: rawPrefix(),
      },
    },
  };
}

async function graphql<T>(url: string, query: string, variables: unknown, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors)
    throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Signs both users in once (their tokens serve every round) and starts the thread. */
async function openSession(api: RunningServer, dataset: ForumDatasetSummary): Promise<Session> {
  const login = async (email: string): Promise<string> =>
    (
      await graphql<{ login: { accessToken: string } }>(
        api.url,
        'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }',
        { input: { email, password: BENCH_PASSWORD } },
      )
    ).login.accessToken;
  const readerToken = await login(USERS.reader.email);
  const posterToken = await login(USERS.poster.email);
  const { createThread } = await graphql<{
    createThread: { id: number; slowModeSeconds: number; locked: boolean };
  }>(
    api.url,
    'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id slowModeSeconds locked } }',
    {
      input: {
        hubId: dataset.hubId,
        title: `Benchmark ${new Date().toISOString()}`,
        body: 'Utas untuk mengukur pengiriman postingan ke 1.000 pembaca.',
      },
    },
    posterToken,
  );
  if (createThread.slowModeSeconds !== 0 || createThread.locked) {
    throw new Error(`thread ${createThread.id} is in slow mode or locked: the posts would be refused`);
  }
  log(`thread ${createThread.id} in hub ${HUB_SLUG}; reader and poster signed in`);
  return { readerToken, posterToken, threadId: createThread.id };
}

/** The sample without what changes from post to post: id, time and the marker's number. */
function normalised(message: PostMessage): PostMessage {
  const html = message.bodyHtml ?? '';
  const at = html.indexOf(MARKER_PREFIX) + MARKER_PREFIX.length;
  return {
    ...message,
    id: 0,
    createdAt: '',
    bodyHtml: at >= MARKER_PREFIX.length ? html.slice(0, at) + html.slice(at + MARKER_DIGITS) : html,
  };
}

const strip = ({ sample: _sample, ...rest }: Measured): Omit<Measured, 'sample'> => rest;

async function run(settings: Settings): Promise<BenchmarkResult> {
  const sockets = Math.max(1, Math.round(settings.options['sockets']!));
  const rate = settings.options['rate']!;
  if (!(rate > 0)) throw new Error('--rate must be above 0');
  const posts = Math.max(1, Math.round(settings.duration * rate));
  const warmupPosts = Math.round(settings.warmup * rate);

  const database = await prepareDatabase(forumDataset());
  const dataset = database.summary as unknown as ForumDatasetSummary;
  const memoryDir = mkdtempSync(join(tmpdir(), 'jipp-bench-forum-'));
  const specs = serverSpecs(database.url, memoryDir);

  // both streams start empty, so neither side appends to a longer one; dropped again at the end
  const dropStreams = async (): Promise<void> => {
    const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
    try {
      await redis.del(`${apiPrefix()}:socket.io`, `${rawPrefix()}:socket.io`);
    } finally {
      redis.disconnect();
    }
  };
  await dropStreams();

  const load = new SocketLoad();
  let session: Session | undefined;
  let template: PostMessage | undefined;

  const target = (side: Side, server: RunningServer, s: Session): PostTarget =>
    side === 'api'
      ? { kind: 'api', url: server.url, token: s.posterToken, threadId: s.threadId }
      : { kind: 'raw', url: server.url, threadId: s.threadId, template: template! };

  async function runSide(side: Side): Promise<SideRound> {
    const server = await startServer(specs[side]);
    try {
      if (!session) {
        if (side !== 'api') throw new Error('the api runs first: it starts the thread');
        session = await openSession(server, dataset);
      }
      if (side === 'raw' && !template) throw new Error('the api runs first: its message is the template');
      const to = target(side, server, session);

      // a burst of sockets and one post: what connections, joins, a post and its deliveries make once
      // (code, caches, the api's database pool at full size) is made before the memory is read
      const priming = Math.min(sockets, CONNECT_CONCURRENCY);
      await load.connect(server.url, priming, session.readerToken, session.threadId);
      const primed = await load.measure({ target: to, rate, posts: 1, drainMs: DRAIN_MS });
      await load.close();
      if (primed.failedPosts || primed.delivered !== priming || !primed.sample) {
        throw new Error(`${side}: the first post did not reach its socket: ${JSON.stringify(strip(primed))}`);
      }
      if (side === 'api') {
        if (primed.sample.threadId !== session.threadId)
          throw new Error(
            `api: post:created for thread ${primed.sample.threadId}, expected ${session.threadId}`,
          );
        template ??= primed.sample;
      } else {
        const difference = firstDifference(normalised(primed.sample), normalised(template!), 'post:created');
        if (difference) throw new Error(`raw: its message differs from the api's: ${difference}`);
      }

      // each reading follows a full collection in the server (memory-probe.ts)
      const memoryLog = specs[side].env['BENCH_MEMORY_LOG']!;
      await sleep(SETTLE_MS);
      const heapBefore = await probeMemory(server.pid, memoryLog);
      const rssBeforeBytes = rssBytes(server.pid);
      const connected = await load.connect(server.url, sockets, session.readerToken, session.threadId);
      await sleep(SETTLE_MS);
      const heapConnected = await probeMemory(server.pid, memoryLog);
      const rssConnectedBytes = rssBytes(server.pid);
      log(`${side}: ${sockets} sockets joined in ${connected.seconds.toFixed(1)} s`);

      const warmup = warmupPosts
        ? await load.measure({ target: to, rate, posts: warmupPosts, drainMs: DRAIN_MS })
        : undefined;
      const cpuBefore = cpuSeconds(server.pid);
      const measured = await load.measure({ target: to, rate, posts, drainMs: DRAIN_MS });
      const cpuAfter = cpuSeconds(server.pid);
      const rssAfterBytes = rssBytes(server.pid);
      await load.close();
      for (const m of [warmup, measured]) {
        if (m?.failedPosts)
          throw new Error(`${side}: ${m.failedPosts} of ${m.posts} posts failed: ${m.failure}`);
      }
      if (measured.lost || measured.duplicates || measured.disconnects) {
        log(
          `${side}: ${measured.lost} deliveries lost, ${measured.duplicates} duplicated, ${measured.disconnects} sockets dropped`,
        );
      }
      return {
        side,
        connectSeconds: connected.seconds,
        rssBeforeBytes,
        rssConnectedBytes,
        rssAfterBytes,
        rssPerSocketKB: (rssConnectedBytes - rssBeforeBytes) / sockets / 1024,
        heapPerSocketKB: (heapConnected.heapUsed - heapBefore.heapUsed) / sockets / 1024,
        heapBefore,
        heapConnected,
        cpuMsPerPost: ((cpuAfter - cpuBefore) * 1000) / posts,
        handshake: connected.handshake,
        warmup: warmup && strip(warmup),
        measured: strip(measured),
      };
    } catch (error) {
      const status = server.exitCode() === null ? 'running' : `exited with code ${server.exitCode()}`;
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message}\n${side} (${status}) wrote:\n${server.output() || '(nothing)'}`, {
        cause: error,
      });
    } finally {
      await server.stop();
    }
  }

  const describe = (r: SideRound): string =>
    `${r.measured.deliveriesPerSecond.toFixed(0)} msg/s, p50 ${r.measured.latencyMs.p50.toFixed(1)} ms, p99 ${r.measured.latencyMs.p99.toFixed(1)} ms, ${r.rssPerSocketKB.toFixed(1)} KB/socket, lost ${r.measured.lost}`;

  const rounds: Round[] = [];
  try {
    log(
      `${sockets} sockets, ${rate} posts/s: ${warmupPosts} warm-up posts, then ${posts} measured, per side and round`,
    );
    for (let i = 0; i < settings.rounds; i++) {
      const order: Side[] = i % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'];
      const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
      const results = {} as Record<Side, SideRound>;
      for (const side of order) results[side] = await runSide(side);
      const { api, raw } = results;
      const mismatch = firstDifference(api.handshake, raw.handshake, 'handshake');
      if (mismatch) throw new Error(`the servers run with different options: ${mismatch} (api vs raw)`);
      if (!api.handshake.recovery) throw new Error('the api runs without connection state recovery');
      const round: Round = {
        order: order.join(','),
        loadAverage,
        api,
        raw,
        deliveryRateRatio: api.measured.deliveriesPerSecond / raw.measured.deliveriesPerSecond,
        p50Ratio: api.measured.latencyMs.p50 / raw.measured.latencyMs.p50,
        p99Ratio: api.measured.latencyMs.p99 / raw.measured.latencyMs.p99,
        rssPerSocketRatio: api.rssPerSocketKB / raw.rssPerSocketKB,
      };
      rounds.push(round);
      log(
        `round ${i + 1}/${settings.rounds}: api ${describe(api)} | raw ${describe(raw)} | p99 ratio ${round.p99Ratio.toFixed(2)} (load ${loadAverage})`,
      );
    }
  } finally {
    load.stop();
    rmSync(memoryDir, { recursive: true, force: true });
    await dropStreams().catch(() => undefined);
  }

  const of = (side: Side, pick: (r: SideRound) => number): number => median(rounds.map((r) => pick(r[side])));
  const ratio = (pick: (r: Round) => number): number => median(rounds.map(pick));
  const label = `${sockets} sockets, ${rate} posts/s`;
  const figures: Figure[] = [
    {
      benchmark: 'forum',
      figure: `deliveries/s, ${label}`,
      unit: 'msg/s',
      value: of('api', (r) => r.measured.deliveriesPerSecond),
      baseline: of('raw', (r) => r.measured.deliveriesPerSecond),
      ratio: ratio((r) => r.deliveryRateRatio),
      goal: { on: 'ratio', atLeast: DELIVERY_RATE_GOAL },
    },
    {
      benchmark: 'forum',
      figure: `p50 delivery latency, ${label}`,
      unit: 'ms',
      value: of('api', (r) => r.measured.latencyMs.p50),
      baseline: of('raw', (r) => r.measured.latencyMs.p50),
      ratio: ratio((r) => r.p50Ratio),
    },
    {
      benchmark: 'forum',
      figure: `p99 delivery latency, ${label}`,
      unit: 'ms',
      value: of('api', (r) => r.measured.latencyMs.p99),
      baseline: of('raw', (r) => r.measured.latencyMs.p99),
      ratio: ratio((r) => r.p99Ratio),
      goal: { on: 'ratio', atMost: P99_GOAL },
    },
    {
      benchmark: 'forum',
      figure: `RSS per socket, ${sockets} sockets`,
      unit: 'KB',
      value: of('api', (r) => r.rssPerSocketKB),
      baseline: of('raw', (r) => r.rssPerSocketKB),
      ratio: ratio((r) => r.rssPerSocketRatio),
      goal: { on: 'value', atMost: RSS_PER_SOCKET_GOAL_KB },
    },
    {
      benchmark: 'forum',
      figure: `live heap per socket, ${sockets} sockets`,
      unit: 'KB',
      value: of('api', (r) => r.heapPerSocketKB),
      baseline: of('raw', (r) => r.heapPerSocketKB),
      ratio: ratio((r) => r.api.heapPerSocketKB / r.raw.heapPerSocketKB),
    },
    {
      benchmark: 'forum',
      figure: 'lost deliveries, all rounds',
      unit: 'msg',
      value: rounds.reduce((sum, r) => sum + r.api.measured.lost + r.api.measured.duplicates, 0),
      baseline: rounds.reduce((sum, r) => sum + r.raw.measured.lost + r.raw.measured.duplicates, 0),
      goal: { on: 'value', atMost: 0 },
    },
  ];
  return {
    figures,
    details: {
      dataset: { ...dataset, database: new URL(database.url).pathname.slice(1), reused: database.reused },
      sockets,
      rate,
      postsPerRound: posts,
      warmupPostsPerRound: warmupPosts,
      threadId: session?.threadId,
      message: template,
      // where an api post's time goes: its request's answer (GraphQL, the transaction, the message
      // read, the publish) against its deliveries, and the server CPU per post
      perPost: {
        api: {
          answerMs: of('api', (r) => r.measured.postMs.p50),
          answerP99Ms: of('api', (r) => r.measured.postMs.p99),
          cpuMs: of('api', (r) => r.cpuMsPerPost),
        },
        raw: {
          answerMs: of('raw', (r) => r.measured.postMs.p50),
          answerP99Ms: of('raw', (r) => r.measured.postMs.p99),
          cpuMs: of('raw', (r) => r.cpuMsPerPost),
        },
      },
      rounds,
    },
  };
}

export const benchmark: Benchmark = {
  name: 'forum',
  description: 'a post pushed to 1,000 sockets of a thread, api vs raw socket.io with the same adapter',
  options: {
    sockets: { default: 1000, smoke: 100, description: 'sockets following the thread' },
    rate: { default: 5, description: 'posts per second' },
  },
  run,
};
