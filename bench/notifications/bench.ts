/**
 * The notifications benchmark: an agency admin publishes an innovation through the api (GraphQL
 * `publishInnovation`: the innovation and its outbox row in one transaction), and the worker turns
 * the outbox event into one notification per watcher of the agency (10,000 by default), written to
 * the database and pushed through Redis to the api, which hands it to the sockets of each user.
 *
 * Our side (A) is the platform's worker (`dist/apps/worker/src/main.js`, relay on): the relay enqueues
 * one fan-out job, which splits the audience into delivery jobs of NOTIFICATION_CHUNK_SIZE recipients,
 * each one multi-row INSERT and one publish. The baseline (B) is `baseline-worker.ts`: the same relay,
 * then plain BullMQ with one job per recipient, a single-row INSERT and a publish each. Both run
 * against the same api process, database and Redis prefix, one at a time, started afresh each round.
 *
 * Per event, the benchmark reads the pushes on the Redis channel and counts the event's rows (every
 * 100 ms while pushes arrive, every 10 ms after); "persisted and pushed" is when both reached every
 * recipient. The load process (`load-worker.ts`)
 * holds sockets of the watchers with the lowest user ids (the first in fan-out order on both sides),
 * sends the mutation and times its sockets' `notification:new`. Before trusting the figures, every
 * event's rows are checked: exactly one per expected recipient, the same texts on both sides, each
 * pushed once with its own id.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { createPool, type Pool } from 'mysql2/promise';
import { startBackground, type BackgroundProcess } from '../lib/background-process';
import { firstDifference } from '../lib/checks';
import { prepareDatabase } from '../lib/database';
import { BENCH_DIST, benchRedisPrefix, jwtSecret, redisUrl } from '../lib/environment';
import { signHs256 } from '../lib/jwt';
import { log } from '../lib/log';
import { startServer, type RunningServer } from '../lib/processes';
import { median, percentile } from '../lib/stats';
import type { Benchmark, BenchmarkResult, Figure, Settings } from '../lib/types';
import { type NotificationsDatasetSummary, notificationsDataset } from './dataset';
import { type Draft, emptyNotifications, makeDrafts, resetRunState } from './drafts';
import { NotificationLoad } from './load';
import { epochMs, type NotificationMessage, type SocketUser } from './protocol';
import { PushChannel } from './push-channel';
import { checkRows, normalisedPush, type RowCheck } from './row-check';
import { countRowsUntil } from './row-count';

/** The goals: 3× the baseline's notifications per second; the 1,000th watcher within 250 ms. */
const THROUGHPUT_GOAL = 3;
const P99_GOAL_MS = 250;
/** Both sides' Redis prefix (the api's channel, both queues): the benchmark's own, swept at start and end. */
const redisPrefix = (): string => benchRedisPrefix('notifications');
/** The queue each side's notification jobs run in (the platform's worker has others: the sweep takes them). */
const QUEUE: Record<Side, string> = { ours: 'notifications', baseline: 'notifications-baseline' };
/** The platform's defaults, passed to the baseline so that its relay and pool are ours. */
const BASELINE_DEFAULTS = { OUTBOX_RELAY_BATCH_SIZE: '200', DATABASE_POOL_SIZE: '20' };
/** The platform's defaults of what `--relay-idle-ms` and `--chunk-size` change (to see where the time goes). */
const PLATFORM_RELAY_IDLE_MS = 150;
const PLATFORM_CHUNK_SIZE = 500;
/** How long one event may take, from the mutation's send to its last row, push and job. */
const EVENT_TIMEOUT_MS = 180_000;
/** A pause after an event's last job, before the next event, so nothing of it overlaps the next. */
const SETTLE_MS = 500;
/** The tokens the benchmark signs serve the whole run. */
const TOKEN_TTL_SECONDS = 6 * 3600;

type Side = 'ours' | 'baseline';

interface EventResult {
  side: Side;
  round: number;
  /** Its place in the side's run of the round; warm-up events come first and are not measured. */
  index: number;
  warmup: boolean;
  innovationId: number;
  outboxEventId: number | null;
  recipients: number;
  /** Everything below in ms from the mutation's send. */
  answerMs: number;
  /** The relay's share: from the outbox row's insert to its marking (database clock). */
  relayMs: number | null;
  firstRowMs: number;
  lastRowInsertMs: number;
  firstPushMs: number | null;
  /** When the last socket user (the lowest user ids) was pushed to on the channel. */
  socketUsersPushedMs: number | null;
  firstSocketMs: number | null;
  medianSocketMs: number | null;
  /** The figure: the last (1,000th) socket's receipt; null when one never received it. */
  lastSocketMs: number | null;
  /** When the count saw every row, and the channel every user. */
  persistedMs: number | null;
  pushedMs: number | null;
  /** Recipients / seconds to the later of the two; 0 when one never completed. */
  perSecond: number;
  pushMessages: number;
  rows: Omit<RowCheck, 'digest' | 'outboxCreatedAtMs' | 'dispatchedAtMs' | 'firstRowAtMs' | 'lastRowAtMs'>;
  pushes: { users: number; duplicates: number };
  sockets: { sockets: number; received: number; duplicates: number; disconnects: number };
  /** Lost or doubled anywhere: rows, pushes, socket receipts. */
  faults: number;
}

interface Reference {
  digest: string;
  digestFrom: string;
  push?: { side: Side; message: NotificationMessage };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const since = (at: number | null, from: number): number | null => (at === null ? null : at - from);

function queueOf(name: string): Queue {
  return new Queue(name, {
    connection: { url: redisUrl(), maxRetriesPerRequest: null },
    prefix: `${redisPrefix()}:bull`,
  });
}

/**
 * Obliterates the notification queues of both sides, then deletes whatever else is left under the
 * prefix (the worker's other queues and schedules, the api's socket.io stream and counters).
 */
async function sweepRedis(): Promise<void> {
  for (const name of Object.values(QUEUE)) {
    const queue = queueOf(name);
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
  }
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix()}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Waits until the queue holds no job that is waiting or running. */
async function queueIdle(queue: Queue, deadlineMs: number): Promise<boolean> {
  while (epochMs() < deadlineMs) {
    const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'waiting-children');
    if (Object.values(counts).every((n) => n === 0)) return true;
    await sleep(20);
  }
  return false;
}

async function run(settings: Settings): Promise<BenchmarkResult> {
  const recipients = Math.max(1, Math.round(settings.options['recipients']!));
  const socketCount = Math.min(recipients, Math.max(1, Math.round(settings.options['sockets']!)));
  const events = Math.max(1, Math.round(settings.options['events']!));
  const warmups = Math.max(0, Math.round(settings.options['warmups']!));
  const perPhase = warmups + events;
  const relayIdleMs = Math.round(settings.options['relay-idle-ms']!);
  const chunkSize = Math.round(settings.options['chunk-size']!);
  const tuned = [
    relayIdleMs !== PLATFORM_RELAY_IDLE_MS && `OUTBOX_RELAY_IDLE_MS=${relayIdleMs} (both sides)`,
    chunkSize !== PLATFORM_CHUNK_SIZE && `NOTIFICATION_CHUNK_SIZE=${chunkSize}`,
  ].filter((t): t is string => Boolean(t));
  if (tuned.length) log(`not the platform's defaults: ${tuned.join(', ')}`);

  const database = await prepareDatabase(notificationsDataset(recipients));
  const dataset = database.summary as unknown as NotificationsDatasetSummary;
  const poolUrl = new URL(database.url);
  poolUrl.protocol = 'mysql:';
  const pool: Pool = createPool({
    uri: poolUrl.toString(),
    connectionLimit: 4,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
  });
  const queues: Record<Side, Queue> = { ours: queueOf(QUEUE.ours), baseline: queueOf(QUEUE.baseline) };
  const load = new NotificationLoad();
  let api: RunningServer | undefined;
  let channel: PushChannel | undefined;
  const results: EventResult[] = [];
  const reference: Partial<Reference> = {};

  try {
    await resetRunState(pool);
    await sweepRedis();
    const drafts = await makeDrafts(pool, dataset, settings.rounds * 2 * perPhase);

    // who must hear of each publication: the agency's active watchers, never its admin (the actor)
    const [watcherRows] = await pool.query(
      `SELECT u.id, u.agency_id FROM agency_watch w JOIN \`user\` u ON u.id = w.user_id AND u.status = 'ACTIVE'
        WHERE w.agency_id = ? AND u.id <> ? ORDER BY u.id`,
      [dataset.originAgencyId, dataset.adminUserId],
    );
    const watchers = watcherRows as Array<{ id: number; agency_id: number }>;
    if (watchers.length !== recipients)
      throw new Error(`the dataset has ${watchers.length} watchers, expected ${recipients}`);
    const expectedUserIds = watchers.map((w) => w.id);
    const socketUsers: SocketUser[] = watchers.slice(0, socketCount).map((w) => ({
      userId: w.id,
      token: signHs256(
        { sub: String(w.id), agency: w.agency_id, role: 'MEMBER' },
        jwtSecret(),
        TOKEN_TTL_SECONDS,
      ),
    }));
    const watched = new Set(socketUsers.map((u) => u.userId));
    const adminToken = signHs256(
      { sub: String(dataset.adminUserId), agency: dataset.originAgencyId, role: 'AGENCY_ADMIN' },
      jwtSecret(),
      TOKEN_TTL_SECONDS,
    );

    const common = {
      DATABASE_URL: database.url,
      NODE_ENV: 'production',
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: redisPrefix(),
      JWT_SECRET: jwtSecret(),
      LOG_LEVEL: 'warn',
      DATABASE_LOG_QUERIES: 'false',
    };
    api = await startServer({
      name: 'api',
      script: 'dist/apps/api/src/main.js',
      readyPath: '/health/ready',
      env: { ...common, GRAPHQL_SANDBOX: 'false' },
    });
    channel = await PushChannel.open(redisUrl(), `${redisPrefix()}:notifications:new`);
    const connected = await load.connect(api.url, socketUsers);
    log(
      `${connected.sockets} sockets of the watchers with the lowest user ids connected in ${connected.seconds.toFixed(1)} s`,
    );

    const startWorker = (side: Side): Promise<BackgroundProcess> =>
      startBackground({
        name: side === 'ours' ? 'worker' : 'baseline worker',
        script:
          side === 'ours'
            ? 'dist/apps/worker/src/main.js'
            : join(BENCH_DIST, 'notifications', 'baseline-worker.js'),
        env:
          side === 'ours'
            ? {
                ...common,
                OUTBOX_RELAY_ENABLED: 'true',
                OUTBOX_RELAY_IDLE_MS: String(relayIdleMs),
                NOTIFICATION_CHUNK_SIZE: String(chunkSize),
              }
            : {
                ...common,
                ...BASELINE_DEFAULTS,
                OUTBOX_RELAY_IDLE_MS: String(relayIdleMs),
                BASELINE_QUEUE: QUEUE.baseline,
              },
        ready: async () => (await queues[side].getWorkersCount()) > 0,
      });

    const runEvent = async (side: Side, round: number, index: number, draft: Draft): Promise<EventResult> => {
      const pushes = channel!.track(draft.link, recipients, watched);
      const deadline = epochMs() + EVENT_TIMEOUT_MS;
      const abort = new AbortController();
      const counting = countRowsUntil(pool, draft.id, recipients, {
        deadlineMs: deadline,
        pushed: () => pushes.completeAtMs !== null,
        signal: abort.signal,
      });
      let published;
      try {
        published = await load.publish({
          url: api!.url,
          token: adminToken,
          innovationId: draft.id,
          version: draft.version,
          link: draft.link,
          timeoutMs: EVENT_TIMEOUT_MS,
        });
      } catch (error) {
        abort.abort();
        await counting;
        throw error;
      }
      const rows = await counting;
      await channel!.complete(pushes, deadline);
      if (!(await queueIdle(queues[side], deadline))) log(`${side}: the queue still works after the timeout`);
      await sleep(SETTLE_MS);
      const tally = await load.tally();
      if (rows.outboxEventId === null) throw new Error(`no outbox event for innovation ${draft.id}`);
      const check = await checkRows(pool, rows.outboxEventId, draft, expectedUserIds, pushes);
      const sent = published.sentAtMs;

      // the same rows on both sides, event after event (when complete: a loss is counted below)
      const complete = check.missing === 0 && check.unexpected === 0 && check.duplicates === 0;
      const label = `${side} round ${round + 1} event ${index + 1}`;
      if (complete) {
        reference.digest ??= check.digest;
        reference.digestFrom ??= label;
        if (check.digest !== reference.digest) {
          throw new Error(
            `${label} wrote other notifications than ${reference.digestFrom} (digest ${check.digest} vs ${reference.digest})`,
          );
        }
      }
      for (const sample of [pushes.sample, published.sample]) {
        if (!sample) continue;
        const normal = normalisedPush(sample, draft);
        reference.push ??= { side, message: normal };
        const difference = firstDifference(normal, reference.push.message, 'notification:new');
        if (difference)
          throw new Error(`${label} pushed another message than ${reference.push.side}: ${difference}`);
      }

      const persistedMs = since(rows.completeAtMs, sent);
      const pushedMs = since(pushes.completeAtMs, sent);
      const doneMs = persistedMs === null || pushedMs === null ? null : Math.max(persistedMs, pushedMs);
      const lostPushes = recipients - pushes.idsByUser.size;
      const faults =
        check.missing +
        check.unexpected +
        check.duplicates +
        check.pushMismatches +
        lostPushes +
        pushes.duplicates +
        (tally.sockets - tally.received) +
        tally.duplicates;
      const result: EventResult = {
        side,
        round,
        index,
        warmup: index < warmups,
        innovationId: draft.id,
        outboxEventId: rows.outboxEventId,
        recipients,
        answerMs: published.answerMs,
        relayMs: check.dispatchedAtMs === null ? null : check.dispatchedAtMs - check.outboxCreatedAtMs,
        firstRowMs: check.firstRowAtMs - sent,
        lastRowInsertMs: check.lastRowAtMs - sent,
        firstPushMs: since(pushes.firstAtMs, sent),
        socketUsersPushedMs: since(pushes.watchedCompleteAtMs, sent),
        firstSocketMs: published.firstMs,
        medianSocketMs: published.medianMs,
        lastSocketMs: published.lastMs,
        persistedMs,
        pushedMs,
        perSecond: doneMs === null ? 0 : recipients / (doneMs / 1000),
        pushMessages: pushes.messages,
        rows: {
          rows: check.rows,
          missing: check.missing,
          unexpected: check.unexpected,
          duplicates: check.duplicates,
          pushMismatches: check.pushMismatches,
        },
        pushes: { users: pushes.idsByUser.size, duplicates: pushes.duplicates },
        sockets: {
          sockets: tally.sockets,
          received: tally.received,
          duplicates: tally.duplicates,
          disconnects: tally.disconnects,
        },
        faults,
      };
      const ms = (v: number | null): string => (v === null ? 'never' : `${v.toFixed(0)} ms`);
      log(
        `${label}${result.warmup ? ' (warm-up)' : ''}: ${recipients} in ${ms(doneMs)} (${result.perSecond.toFixed(0)}/s), ` +
          `socket ${socketCount} at ${ms(result.lastSocketMs)}, relay ${ms(result.relayMs)}, first push ${ms(result.firstPushMs)}` +
          (faults ? `, ${faults} lost or doubled` : ''),
      );
      return result;
    };

    const runPhase = async (side: Side, round: number): Promise<void> => {
      await emptyNotifications(pool);
      const worker = await startWorker(side);
      try {
        for (let index = 0; index < perPhase; index++) {
          results.push(await runEvent(side, round, index, drafts.shift()!));
        }
      } catch (error) {
        const status = worker.exitCode() === null ? 'running' : `exited with code ${worker.exitCode()}`;
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${message}\n${worker.name} (${status}) wrote:\n${worker.output() || '(nothing)'}`, {
          cause: error,
        });
      } finally {
        await worker.stop();
      }
    };

    log(
      `${recipients} recipients per event, ${socketCount} sockets; per side and round ${warmups} warm-up and ${events} measured events`,
    );
    for (let round = 0; round < settings.rounds; round++) {
      const order: Side[] = round % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
      const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
      for (const side of order) await runPhase(side, round);
      log(`round ${round + 1}/${settings.rounds} done (${order.join(', ')}; load ${loadAverage})`);
    }
    if (channel.strays || channel.unreadable)
      log(`${channel.strays} pushes of no event, ${channel.unreadable} unreadable messages on the channel`);
  } finally {
    await load.close().catch(() => undefined);
    load.stop();
    await channel?.close();
    await api?.stop();
    for (const queue of Object.values(queues)) await queue.close().catch(() => undefined);
    await sweepRedis().catch((error: unknown) => log(`could not sweep ${redisPrefix()}: ${String(error)}`));
    await resetRunState(pool).catch((error: unknown) =>
      log(`could not reset the database: ${String(error)}`),
    );
    await pool.end();
  }

  return summarise(results, { recipients, socketCount, events, warmups, tuned, settings, dataset, database });
}

function summarise(
  results: EventResult[],
  context: {
    recipients: number;
    socketCount: number;
    events: number;
    warmups: number;
    /** Settings that are not the platform's defaults: named in every figure. */
    tuned: string[];
    settings: Settings;
    dataset: NotificationsDatasetSummary;
    database: { url: string; reused: boolean };
  },
): BenchmarkResult {
  const { recipients, socketCount, settings } = context;
  const suffix = context.tuned.length ? `, ${context.tuned.join(', ')}` : '';
  const measured = (side: Side, round?: number): EventResult[] =>
    results.filter((r) => r.side === side && !r.warmup && (round === undefined || r.round === round));
  const latencies = (side: Side): number[] =>
    measured(side)
      .map((r) => r.lastSocketMs ?? Number.POSITIVE_INFINITY)
      .sort((a, b) => a - b);
  const rate = (side: Side, round?: number): number => median(measured(side, round).map((r) => r.perSecond));
  const perRound = Array.from({ length: settings.rounds }, (_, round) => ({
    round: round + 1,
    order: round % 2 === 0 ? 'ours,baseline' : 'baseline,ours',
    oursPerSecond: rate('ours', round),
    baselinePerSecond: rate('baseline', round),
    ratio: rate('ours', round) / rate('baseline', round),
  }));
  const faults = (side: Side): number =>
    results.filter((r) => r.side === side).reduce((sum, r) => sum + r.faults, 0);
  const p = (side: Side, at: number): number => percentile(latencies(side), at);
  const medianOf = (side: Side, pick: (r: EventResult) => number | null): number | null => {
    const values = measured(side)
      .map(pick)
      .filter((v): v is number => v !== null);
    return values.length ? median(values) : null;
  };
  const sampleCount = measured('ours').length;
  const latencyLabel = `event → ${socketCount.toLocaleString('en-US')}th watcher notified (lowest ids), ${recipients.toLocaleString('en-US')} recipients${suffix}`;

  const figures: Figure[] = [
    {
      benchmark: 'notifications',
      figure: `notifications persisted+pushed/s, ${recipients.toLocaleString('en-US')} recipients (baseline: plain BullMQ)${suffix}`,
      unit: 'msg/s',
      value: rate('ours'),
      baseline: rate('baseline'),
      ratio: median(perRound.map((r) => r.ratio)),
      goal: { on: 'ratio', atLeast: THROUGHPUT_GOAL },
    },
    {
      benchmark: 'notifications',
      figure: `p50 ${latencyLabel}`,
      unit: 'ms',
      value: p('ours', 50),
      baseline: p('baseline', 50),
      ratio: p('ours', 50) / p('baseline', 50),
    },
    {
      benchmark: 'notifications',
      figure: `p99 ${latencyLabel} (${sampleCount} events: p99 = max)`,
      unit: 'ms',
      value: p('ours', 99),
      baseline: p('baseline', 99),
      ratio: p('ours', 99) / p('baseline', 99),
      goal: { on: 'value', atMost: P99_GOAL_MS },
    },
    {
      benchmark: 'notifications',
      figure: 'lost or duplicated notifications (rows, pushes, sockets), all events',
      unit: 'msg',
      value: faults('ours'),
      baseline: faults('baseline'),
      goal: { on: 'value', atMost: 0 },
    },
  ];

  const breakdown = (side: Side): Record<string, number | null> => ({
    answerMs: medianOf(side, (r) => r.answerMs),
    relayMs: medianOf(side, (r) => r.relayMs),
    firstRowMs: medianOf(side, (r) => r.firstRowMs),
    firstPushMs: medianOf(side, (r) => r.firstPushMs),
    socketUsersPushedMs: medianOf(side, (r) => r.socketUsersPushedMs),
    firstSocketMs: medianOf(side, (r) => r.firstSocketMs),
    lastSocketMs: medianOf(side, (r) => r.lastSocketMs),
    lastRowInsertMs: medianOf(side, (r) => r.lastRowInsertMs),
    persistedMs: medianOf(side, (r) => r.persistedMs),
    pushedMs: medianOf(side, (r) => r.pushedMs),
    pushMessages: medianOf(side, (r) => r.pushMessages),
  });
  return {
    figures,
    details: {
      dataset: {
        ...context.dataset,
        database: new URL(context.database.url).pathname.slice(1),
        reused: context.database.reused,
      },
      recipients,
      sockets: socketCount,
      socketUsers: 'the watchers with the lowest user ids: the first in fan-out order on both sides',
      notPlatformDefaults: context.tuned,
      eventsPerSideAndRound: context.events,
      warmupEventsPerSideAndRound: context.warmups,
      // medians over the measured events, in ms from the mutation's send: where an event's time goes
      medianTimeline: { ours: breakdown('ours'), baseline: breakdown('baseline') },
      rounds: perRound,
      events: results,
    },
  };
}

export const benchmark: Benchmark = {
  name: 'notifications',
  description:
    'an innovation published to its agency watchers: persisted and pushed per second, platform worker vs plain BullMQ (one job per recipient)',
  options: {
    recipients: {
      default: 10_000,
      smoke: 1000,
      description: 'watchers of the agency, each notified per event',
    },
    sockets: { default: 1000, smoke: 100, description: 'watchers (lowest ids) connected by socket, timed' },
    events: { default: 5, smoke: 1, description: 'measured publications per side and round' },
    warmups: { default: 1, smoke: 0, description: 'unmeasured publications per side and round, first' },
    'relay-idle-ms': {
      default: PLATFORM_RELAY_IDLE_MS,
      description: "OUTBOX_RELAY_IDLE_MS of both sides' relays (another value is named in the figures)",
    },
    'chunk-size': {
      default: PLATFORM_CHUNK_SIZE,
      description: "NOTIFICATION_CHUNK_SIZE of the platform's worker (another value is named in the figures)",
    },
  },
  run,
};
