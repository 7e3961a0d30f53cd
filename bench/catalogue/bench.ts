/**
 * The catalogue benchmark: the 20-item `innovations` page with every relation a list card shows,
 * served by the real api (A) and by a raw Fastify + mysql2 server running the same SQL (B, the
 * baseline), each in its own process, loaded by autocannon in a third.
 *
 * Before measuring it checks that both sides run the same statements (through a SQL spy, in
 * servers started only for that) and answer the same data; a comparison of two different answers
 * would be worthless.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstDifference, postJson, statementDifference, takeStatements } from '../lib/checks';
import { prepareDatabase } from '../lib/database';
import { BENCH_DIST, benchRedisPrefix, jwtSecret, redisUrl } from '../lib/environment';
import { compare, type Comparison, type Target } from '../lib/load';
import { log } from '../lib/log';
import { startServer, type RunningServer, type ServerSpec } from '../lib/processes';
import type { Benchmark, Figure, Settings } from '../lib/types';
import { catalogueDataset } from './dataset';
import { PAGE_SIZE, VARIANTS, type Variant } from './query';

/** The api's default pool; the baseline gets the same. */
const POOL_SIZE = 20;
/** The goals: at least 70 % of the raw throughput at 50 connections; p99 at 1 connection. */
const THROUGHPUT_GOAL = 0.7;
const SINGLE_CONNECTION_P99_GOAL_MS = 3;

function serverSpecs(databaseUrl: string): { api: ServerSpec; raw: ServerSpec } {
  const database = { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(POOL_SIZE) };
  return {
    api: {
      name: 'api',
      script: 'dist/apps/api/src/main.js',
      readyPath: '/health/ready',
      env: {
        ...database,
        NODE_ENV: 'production',
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: benchRedisPrefix(),
        JWT_SECRET: jwtSecret(),
        LOG_LEVEL: 'warn',
        DATABASE_LOG_QUERIES: 'false',
        GRAPHQL_SANDBOX: 'false',
      },
    },
    raw: {
      name: 'raw',
      script: join(BENCH_DIST, 'catalogue', 'raw-server.js'),
      readyPath: '/health',
      env: database,
    },
  };
}

const target = (server: RunningServer, variant: Variant): Target => ({
  label: server.name,
  url: `${server.url}/graphql`,
  pid: server.pid,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: variant.body,
  expectBodyPrefix: '{"data":{"innovations":{"edges":[{',
});

/** Servers started with the SQL spy: both must send the same statements for each variant. */
async function checkSameSql(specs: { api: ServerSpec; raw: ServerSpec }): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'jipp-bench-sql-'));
  const spy = join(BENCH_DIST, 'lib', 'sql-spy.js');
  const servers: RunningServer[] = [];
  try {
    const logs = { api: join(dir, 'api.jsonl'), raw: join(dir, 'raw.jsonl') };
    for (const [side, spec] of Object.entries(specs) as Array<['api' | 'raw', ServerSpec]>) {
      writeFileSync(logs[side], '');
      servers.push(
        await startServer({ ...spec, preload: [spy], env: { ...spec.env, BENCH_SQL_LOG: logs[side] } }),
      );
    }
    const [api, raw] = servers as [RunningServer, RunningServer];
    const counts: Record<string, number> = {};
    for (const variant of VARIANTS) {
      // once to warm up (the api loads the regions on its first request), once to compare
      await postJson(`${api.url}/graphql`, variant.body);
      await postJson(`${raw.url}/graphql`, variant.body);
      takeStatements(logs.api);
      takeStatements(logs.raw);
      await postJson(`${api.url}/graphql`, variant.body);
      await postJson(`${raw.url}/graphql`, variant.body);
      const apiStatements = takeStatements(logs.api);
      const difference = statementDifference(apiStatements, takeStatements(logs.raw));
      if (difference) {
        throw new Error(
          `${variant.name}: the baseline no longer runs the api's SQL (api vs raw): ${difference}`,
        );
      }
      counts[variant.name] = apiStatements.length;
      log(`check ${variant.name}: same ${apiStatements.length} SQL statements on both sides`);
    }
    return counts;
  } finally {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both sides answer each variant with the same data: a full page, the same ids in the same order. */
async function checkSameData(api: RunningServer, raw: RunningServer): Promise<Record<string, unknown>> {
  const checked: Record<string, unknown> = {};
  for (const variant of VARIANTS) {
    const [a, b] = (await Promise.all([
      postJson(`${api.url}/graphql`, variant.body),
      postJson(`${raw.url}/graphql`, variant.body),
    ])) as Array<{ data?: { innovations: { edges: Array<{ node: { id: number } }> } }; errors?: unknown }>;
    if (a!.errors || !a!.data)
      throw new Error(`${variant.name}: the api answered errors: ${JSON.stringify(a!.errors)}`);
    const ids = a!.data.innovations.edges.map((e) => e.node.id);
    if (ids.length !== PAGE_SIZE)
      throw new Error(`${variant.name}: ${ids.length} innovations, expected ${PAGE_SIZE}`);
    const difference = firstDifference(a!.data, b!.data, 'data');
    if (difference)
      throw new Error(`${variant.name}: the api and the baseline answer differently: ${difference}`);
    checked[variant.name] = { ids, bytes: JSON.stringify(a).length };
    log(`check ${variant.name}: same ${ids.length} innovations from both sides`);
  }
  return checked;
}

function figures(variant: string, full: Comparison, single?: Comparison): Figure[] {
  const out: Figure[] = [
    {
      benchmark: 'catalogue',
      figure: `${variant}: throughput, ${full.connections} conn`,
      unit: 'req/s',
      value: full.a.requestsPerSecond,
      baseline: full.b.requestsPerSecond,
      ratio: full.throughputRatio,
      goal: { on: 'ratio', atLeast: THROUGHPUT_GOAL },
    },
    {
      benchmark: 'catalogue',
      figure: `${variant}: p99 latency, ${full.connections} conn`,
      unit: 'ms',
      value: full.a.p99Ms,
      baseline: full.b.p99Ms,
      ratio: full.p99Ratio,
    },
  ];
  if (single) {
    out.push({
      benchmark: 'catalogue',
      figure: `${variant}: p99 latency, 1 conn`,
      unit: 'ms',
      value: single.a.p99Ms,
      baseline: single.b.p99Ms,
      ratio: single.p99Ratio,
      goal: { on: 'value', atMost: SINGLE_CONNECTION_P99_GOAL_MS },
    });
  }
  return out;
}

async function run(settings: Settings): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const innovations = settings.options['innovations']!;
  const database = await prepareDatabase(catalogueDataset(innovations));
  const specs = serverSpecs(database.url);
  const statements = await checkSameSql(specs);

  const servers: RunningServer[] = [];
  try {
    const api = await startServer(specs.api);
    servers.push(api);
    const raw = await startServer(specs.raw);
    servers.push(raw);
    const answers = await checkSameData(api, raw);

    const out: Figure[] = [];
    const measured: Record<string, unknown> = {};
    for (const variant of VARIANTS) {
      log(`${variant.name}: ${settings.connections} connections`);
      const full = await compare(target(api, variant), target(raw, variant), settings);
      let single: Comparison | undefined;
      if (variant.name === 'page') {
        // the latency goal is for one client at a time; half the duration is plenty at this rate
        log(`${variant.name}: 1 connection`);
        single = await compare(target(api, variant), target(raw, variant), {
          connections: 1,
          duration: Math.max(1, Math.round(settings.duration / 2)),
          rounds: settings.rounds,
          warmup: Math.min(settings.warmup, 1),
        });
      }
      out.push(...figures(variant.name, full, single));
      measured[variant.name] = { full, single };
    }
    return {
      figures: out,
      details: {
        dataset: {
          ...database.summary,
          database: new URL(database.url).pathname.slice(1),
          reused: database.reused,
        },
        poolSize: POOL_SIZE,
        checks: { sqlStatementsPerRequest: statements, answers },
        variants: Object.fromEntries(VARIANTS.map((v) => [v.name, JSON.parse(v.body) as unknown])),
        measured,
      },
    };
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
}

export const benchmark: Benchmark = {
  name: 'catalogue',
  description: 'the 20-item innovations page with relations, api vs raw Fastify + mysql2',
  options: {
    innovations: { default: 20_000, smoke: 1000, description: 'published innovations in the dataset' },
  },
  run,
};
