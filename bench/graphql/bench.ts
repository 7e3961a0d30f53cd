/**
 * The graphql benchmark: three read requests (the 20-item `innovations` page, a 20-post thread page
 * with authors, one `innovation(slug)`) served by the real api (A), each beside two baselines in
 * the same run: *raw* (Fastify + mysql2 running the api's SQL, `raw-server.ts`) and *stock* (a plain
 * NestJS + Apollo + TypeORM app written as the Nest docs show, `stock/`). Every server runs in its
 * own process; autocannon loads them from another.
 *
 * Before measuring it checks, in servers started only for that with the SQL spy, that the api and
 * raw send the same statements (and counts the stock's), then that all three answer the same data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstDifference, statementDifference, takeStatements } from '../lib/checks';
import { prepareDatabase } from '../lib/database';
import { BENCH_DIST, benchRedisPrefix, jwtSecret, redisUrl } from '../lib/environment';
import { compare, type Comparison, type CpuFigures, type Target } from '../lib/load';
import { log } from '../lib/log';
import { startServer, type RunningServer, type ServerSpec } from '../lib/processes';
import type { Benchmark, BenchmarkResult, Figure, Settings } from '../lib/types';
import { graphqlDataset, type GraphqlDatasetSummary } from './dataset';
import { graphqlRequests, PAGE_SIZE, type GraphqlRequest, type QueryName } from './queries';

/** The api's default pool; both baselines get the same. */
const POOL_SIZE = 20;
/** The goals: throughput at 50 connections against each baseline, p99 at 1 connection. */
const RAW_THROUGHPUT_GOAL = 0.7;
const STOCK_THROUGHPUT_GOAL = 2.5;
const SINGLE_CONNECTION_P99_GOAL_MS = 3;
/**
 * A stock request sends tens of statements: under 50 connections one can take over a second on a
 * busy machine, so a 1-second (smoke) run against it could end before its first answer.
 */
const STOCK_MIN_SECONDS = 3;
/**
 * Connections of a smoke run's throughput runs: with 50, a cold server on a busy machine answers
 * none of them within the smoke's one second (the run then fails for want of an answer).
 */
const SMOKE_CONNECTIONS = 10;

type Side = 'api' | 'raw' | 'stock';
const SIDES: Side[] = ['api', 'raw', 'stock'];

function serverSpecs(databaseUrl: string): Record<Side, ServerSpec> {
  const common = {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    JWT_SECRET: jwtSecret(),
    NODE_ENV: 'production',
  };
  return {
    api: {
      name: 'api',
      script: 'dist/apps/api/src/main.js',
      readyPath: '/health/ready',
      env: {
        ...common,
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: benchRedisPrefix('graphql'),
        LOG_LEVEL: 'warn',
        DATABASE_LOG_QUERIES: 'false',
        GRAPHQL_SANDBOX: 'false',
      },
    },
    raw: {
      name: 'raw',
      script: join(BENCH_DIST, 'graphql', 'raw-server.js'),
      readyPath: '/health',
      env: common,
    },
    stock: {
      name: 'stock',
      script: join(BENCH_DIST, 'graphql', 'stock', 'main.js'),
      readyPath: '/health',
      env: common,
    },
  };
}

const target = (server: RunningServer, request: GraphqlRequest): Target => ({
  label: server.name,
  url: `${server.url}/graphql`,
  pid: server.pid,
  method: 'POST',
  headers: request.headers,
  body: request.body,
  expectBodyPrefix: request.expectBodyPrefix,
});

/** POSTs the request; anything but 200 with data and no errors is an error. */
async function ask(server: RunningServer, request: GraphqlRequest): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const answer = (response.status === 200 ? JSON.parse(text) : null) as {
    data?: Record<string, unknown>;
    errors?: unknown;
  } | null;
  if (!answer?.data || answer.errors) {
    throw new Error(
      `${server.name} answered ${request.label} with ${response.status}: ${text.slice(0, 500)}`,
    );
  }
  return answer.data;
}

interface StartedServers {
  servers: Record<Side, RunningServer>;
  stop(): Promise<void>;
}

/** The three servers, one after the other (each start is CPU-heavy); all stopped again on a failure. */
async function startAll(
  specs: Record<Side, ServerSpec>,
  extra?: (side: Side) => Partial<ServerSpec>,
): Promise<StartedServers> {
  const servers = {} as Record<Side, RunningServer>;
  const started: RunningServer[] = [];
  try {
    for (const side of SIDES) {
      const spec = { ...specs[side], ...extra?.(side) };
      servers[side] = await startServer(spec);
      started.push(servers[side]);
    }
  } catch (error) {
    for (const server of started) await server.stop();
    throw error;
  }
  return {
    servers,
    stop: async () => {
      await Promise.all(started.map((server) => server.stop()));
    },
  };
}

type StatementCounts = Record<QueryName, Record<Side, number>>;

/**
 * Servers started with the SQL spy: for each request, the api and raw must send the same statements
 * (the second time: the first warms the api's caches); the stock's are only counted.
 */
async function checkSameSql(
  specs: Record<Side, ServerSpec>,
  requests: GraphqlRequest[],
): Promise<StatementCounts> {
  const dir = mkdtempSync(join(tmpdir(), 'jipp-bench-graphql-sql-'));
  const spy = join(BENCH_DIST, 'lib', 'sql-spy.js');
  const logs = Object.fromEntries(SIDES.map((side) => [side, join(dir, `${side}.jsonl`)])) as Record<
    Side,
    string
  >;
  for (const file of Object.values(logs)) writeFileSync(file, '');
  const { servers, stop } = await startAll(specs, (side) => ({
    preload: [spy],
    env: { ...specs[side].env, BENCH_SQL_LOG: logs[side] },
  }));
  try {
    const counts = {} as StatementCounts;
    for (const request of requests) {
      for (const side of SIDES) await ask(servers[side], request);
      for (const side of SIDES) takeStatements(logs[side]);
      const statements = {} as Record<Side, ReturnType<typeof takeStatements>>;
      for (const side of SIDES) {
        await ask(servers[side], request);
        statements[side] = takeStatements(logs[side]);
      }
      const difference = statementDifference(statements.api, statements.raw);
      if (difference) {
        throw new Error(
          `${request.label}: the raw baseline no longer sends the api's SQL (api vs raw; update bench/lib/api-statements.ts): ${difference}`,
        );
      }
      counts[request.name] = {
        api: statements.api.length,
        raw: statements.raw.length,
        stock: statements.stock.length,
      };
      log(
        `check ${request.label}: api and raw send the same ${statements.api.length} SQL statements (stock: ${statements.stock.length})`,
      );
    }
    return counts;
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The list a request answers (the edges), or the single innovation. */
function itemsOf(name: QueryName, data: Record<string, unknown>): unknown[] {
  if (name === 'innovation') return data['innovation'] ? [data['innovation']] : [];
  return ((data[name === 'thread' ? 'posts' : 'innovations'] as { edges?: unknown[] }).edges ??
    []) as unknown[];
}

/** All three answer each request with the same data: a full page, the same fields in the same order. */
async function checkSameData(
  servers: Record<Side, RunningServer>,
  requests: GraphqlRequest[],
): Promise<Record<string, unknown>> {
  const checked: Record<string, unknown> = {};
  for (const request of requests) {
    const [api, raw, stock] = await Promise.all(SIDES.map((side) => ask(servers[side], request)));
    const items = itemsOf(request.name, api!).length;
    const expected = request.name === 'innovation' ? 1 : PAGE_SIZE;
    if (items !== expected)
      throw new Error(`${request.label}: ${items} items from the api, expected ${expected}`);
    for (const [side, data] of [
      ['raw', raw],
      ['stock', stock],
    ] as const) {
      const difference = firstDifference(api, data, 'data');
      if (difference)
        throw new Error(`${request.label}: the api and ${side} answer differently: ${difference}`);
    }
    checked[request.name] = { items, bytes: JSON.stringify({ data: api }).length };
    log(`check ${request.label}: the same ${items} item(s) from api, raw and stock`);
  }
  return checked;
}

interface Measured {
  raw: Comparison;
  stock: Comparison;
  single: Comparison;
}

/** A CPU-per-request figure against raw, when both sides were measured (the database only when it runs here). */
function cpuFigure(name: string, raw: Comparison, source: keyof CpuFigures): Figure[] {
  const [value, baseline] = [raw.a.cpuMs[source], raw.b.cpuMs[source]];
  if (value === undefined || baseline === undefined) return [];
  return [
    {
      benchmark: 'graphql',
      figure: `${name}: ${source} CPU per request, ${raw.connections} conn, vs raw`,
      unit: 'ms',
      value,
      baseline,
      ratio: raw.cpuRatio[source],
    },
  ];
}

function figures(request: GraphqlRequest, measured: Measured, statements: Record<Side, number>): Figure[] {
  const { raw, stock, single } = measured;
  const name = request.label;
  return [
    {
      benchmark: 'graphql',
      figure: `${name}: throughput, ${raw.connections} conn, vs raw`,
      unit: 'req/s',
      value: raw.a.requestsPerSecond,
      baseline: raw.b.requestsPerSecond,
      ratio: raw.throughputRatio,
      goal: { on: 'ratio', atLeast: RAW_THROUGHPUT_GOAL },
    },
    {
      benchmark: 'graphql',
      figure: `${name}: throughput, ${stock.connections} conn, vs stock`,
      unit: 'req/s',
      value: stock.a.requestsPerSecond,
      baseline: stock.b.requestsPerSecond,
      ratio: stock.throughputRatio,
      goal: { on: 'ratio', atLeast: STOCK_THROUGHPUT_GOAL },
    },
    {
      benchmark: 'graphql',
      figure: `${name}: p99 latency, ${raw.connections} conn, vs raw`,
      unit: 'ms',
      value: raw.a.p99Ms,
      baseline: raw.b.p99Ms,
      ratio: raw.p99Ratio,
    },
    {
      benchmark: 'graphql',
      figure: `${name}: p99 latency, 1 conn, vs raw`,
      unit: 'ms',
      value: single.a.p99Ms,
      baseline: single.b.p99Ms,
      ratio: single.p99Ratio,
      goal: { on: 'value', atMost: SINGLE_CONNECTION_P99_GOAL_MS },
    },
    // why the throughput differs: what each answer costs the server's CPU, and the database's
    ...cpuFigure(name, raw, 'server'),
    ...cpuFigure(name, raw, 'database'),
    {
      // the baseline column holds the stock app's count: what the same request costs done the plain way
      benchmark: 'graphql',
      figure: `${name}: SQL statements per request, vs stock`,
      unit: 'stmt',
      value: statements.api,
      baseline: statements.stock,
      ...(request.maxStatements === undefined
        ? {}
        : { goal: { on: 'value' as const, atMost: request.maxStatements } }),
    },
  ];
}

async function run(settings: Settings): Promise<BenchmarkResult> {
  const database = await prepareDatabase(graphqlDataset(settings.options['innovations']!));
  const dataset = database.summary as GraphqlDatasetSummary;
  const requests = graphqlRequests(dataset, jwtSecret());
  const specs = serverSpecs(database.url);
  const statements = await checkSameSql(specs, requests);

  const { servers, stop } = await startAll(specs);
  try {
    const answers = await checkSameData(servers, requests);
    const out: Figure[] = [];
    const measured: Record<string, Measured> = {};
    const full = {
      ...settings,
      connections: settings.smoke ? Math.min(settings.connections, SMOKE_CONNECTIONS) : settings.connections,
    };
    // the latency goal is for one client at a time; half the duration is plenty at this rate
    const oneConnection = {
      connections: 1,
      duration: Math.max(1, Math.round(settings.duration / 2)),
      rounds: settings.rounds,
      warmup: Math.min(settings.warmup, 1),
    };
    for (const request of requests) {
      const api = target(servers.api, request);
      log(`${request.label}: ${full.connections} connections, api vs raw`);
      const raw = await compare(api, target(servers.raw, request), full);
      log(`${request.label}: ${full.connections} connections, api vs stock`);
      const stock = await compare(api, target(servers.stock, request), {
        ...full,
        duration: Math.max(full.duration, STOCK_MIN_SECONDS),
      });
      log(`${request.label}: 1 connection, api vs raw`);
      const single = await compare(api, target(servers.raw, request), oneConnection);
      measured[request.name] = { raw, stock, single };
      out.push(...figures(request, measured[request.name]!, statements[request.name]));
    }
    return {
      figures: out,
      details: {
        dataset: {
          ...dataset,
          database: new URL(database.url).pathname.slice(1),
          reused: database.reused,
        },
        poolSize: POOL_SIZE,
        checks: { sqlStatementsPerRequest: statements, answers },
        requests: Object.fromEntries(
          requests.map((r) => [
            r.name,
            { body: JSON.parse(r.body) as unknown, signedIn: 'authorization' in r.headers },
          ]),
        ),
        measured,
      },
    };
  } finally {
    await stop();
  }
}

export const benchmark: Benchmark = {
  name: 'graphql',
  description:
    'innovations page, thread page and innovation(slug): api vs raw Fastify + mysql2 and vs stock NestJS + Apollo + TypeORM',
  options: {
    // the catalogue benchmark's option too (one value for both): the same innovations
    innovations: { default: 20_000, smoke: 1_000, description: 'published innovations in the dataset' },
  },
  run,
};
