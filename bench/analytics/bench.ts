/**
 * The analytics benchmark: each of the dashboard's questions asked of the real api (answers from
 * the rollups) and of the naive server (the same question by GROUP BY over the base tables,
 * `naive-server.ts`), each in its own process, over the same transport: HTTP POST of the same
 * GraphQL body, one connection, one request at a time (`latency.ts`).
 *
 * Before anything is timed it proves that both sides give the same answer to every question (the
 * counts by status, distinct adopters and innovations per group, the totals): a comparison of two
 * different answers would be worthless, and a difference is a bug to report, not to measure.
 */
import { join } from 'node:path';
import { firstDifference } from '../lib/checks';
import { prepareDatabase } from '../lib/database';
import { BENCH_DIST, benchRedisPrefix, jwtSecret, redisUrl } from '../lib/environment';
import { log } from '../lib/log';
import { startServer, type RunningServer, type ServerSpec } from '../lib/processes';
import { median } from '../lib/stats';
import type { Benchmark, BenchmarkResult, Figure, Settings } from '../lib/types';
import { captureApiSql, timeStatements } from './api-sql';
import { analyticsDataset, AS_OF, SCALES } from './dataset';
import { SequentialClient, type LatencyRun } from './latency';
import { dashboardQueries, pickSubjects, type DashboardQuery } from './queries';

/** The issue's goals: p95 at most 10 ms, and at least 50 times faster than the naive answer. */
const P95_GOAL_MS = 10;
const SPEED_UP_GOAL = 50;
/** The analytics data source's pool (ANALYTICS_DATABASE_POOL_SIZE); the naive server gets the same. */
const POOL_SIZE = 5;
/** Samples per side and round however long they take: a slow naive answer still gets a p95. */
const MIN_SAMPLES = { api: 20, naive: 5 };
/** Runs per api statement when timing them alone. */
const STATEMENT_RUNS = 20;

function serverSpecs(databaseUrl: string): { api: ServerSpec; naive: ServerSpec } {
  return {
    api: {
      name: 'api',
      script: 'dist/apps/api/src/main.js',
      readyPath: '/health/ready',
      env: {
        DATABASE_URL: databaseUrl,
        ANALYTICS_DATABASE_POOL_SIZE: String(POOL_SIZE),
        NODE_ENV: 'production',
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: benchRedisPrefix('analytics'),
        JWT_SECRET: jwtSecret(),
        LOG_LEVEL: 'warn',
        DATABASE_LOG_QUERIES: 'false',
        GRAPHQL_SANDBOX: 'false',
        DASHBOARD_REQUIRE_LOGIN: 'false',
      },
    },
    naive: {
      name: 'naive',
      script: join(BENCH_DIST, 'analytics', 'naive-server.js'),
      readyPath: '/health',
      env: { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(POOL_SIZE) },
    },
  };
}

interface Answers {
  /** The exact text each side answered, which every timed answer must repeat. */
  api: string;
  naive: string;
}

interface GraphQlAnswer {
  data?: Record<string, unknown>;
  errors?: unknown;
}

/** What an answer must hold to be worth comparing (an empty answer would equal an empty answer). */
function emptiness(query: DashboardQuery, data: Record<string, unknown>): string | null {
  const answer = data[query.field] as Record<string, unknown> | unknown[];
  if (Array.isArray(answer)) return answer.length ? null : 'no innovations';
  const list = (answer['rows'] ?? answer['regions'] ?? answer['weeks'] ?? answer['byStatus']) as unknown[];
  return list?.length ? null : 'nothing in it';
}

/**
 * Asks every question of both sides and compares the answers. Every difference is collected and
 * reported together, with the question and where the answers first part.
 */
async function checkSameAnswers(
  client: SequentialClient,
  api: RunningServer,
  naive: RunningServer,
  queries: DashboardQuery[],
): Promise<Map<string, Answers>> {
  const answers = new Map<string, Answers>();
  const problems: string[] = [];
  for (const query of queries) {
    const [a, b] = [
      await client.post(`${api.url}/graphql`, query.body),
      await client.post(`${naive.url}/graphql`, query.body),
    ];
    const fromApi = JSON.parse(a.text) as GraphQlAnswer;
    const fromNaive = JSON.parse(b.text) as GraphQlAnswer;
    const variables = (JSON.parse(query.body) as { variables: unknown }).variables;
    if (a.status !== 200 || fromApi.errors || !fromApi.data) {
      problems.push(`${query.name}: the api answered ${a.status}: ${a.text.slice(0, 300)}`);
      continue;
    }
    if (b.status !== 200 || !fromNaive.data) {
      problems.push(`${query.name}: the naive server answered ${b.status}: ${b.text.slice(0, 300)}`);
      continue;
    }
    const empty = emptiness(query, fromApi.data);
    if (empty) problems.push(`${query.name}: the api's answer has ${empty}`);
    const difference = firstDifference(fromApi.data, fromNaive.data, 'data');
    if (difference) {
      problems.push(
        `${query.name} ${JSON.stringify(variables)}: the api and the naive GROUP BY answer differently: ${difference} (api vs naive)`,
      );
      continue;
    }
    answers.set(query.name, { api: a.text, naive: b.text });
    log(`check ${query.name}: same answer from both sides (${a.text.length} bytes)`);
  }
  if (problems.length) throw new Error(`the answers do not agree:\n  ${problems.join('\n  ')}`);
  return answers;
}

interface Round {
  order: string;
  api: LatencyRun;
  naive: LatencyRun;
}

interface Measured {
  rounds: Round[];
  api: { p50: number; p95: number };
  naive: { p50: number; p95: number };
  /** Medians of the per-round ratios. */
  p50Ratio: number;
  p95Ratio: number;
  speedUp: number;
}

/** Warm-up on both sides, then rounds that each time both, alternating which goes first. */
async function measure(
  client: SequentialClient,
  targets: { api: string; naive: string },
  query: DashboardQuery,
  answers: Answers,
  settings: Settings,
): Promise<Measured> {
  const target = (side: 'api' | 'naive') => ({
    label: side,
    url: `${targets[side]}/graphql`,
    body: query.body,
    expected: answers[side],
  });
  if (settings.warmup > 0) {
    await client.run(target('api'), settings.warmup, 1);
    await client.run(target('naive'), settings.warmup, 1);
  }
  const rounds: Round[] = [];
  for (let i = 0; i < settings.rounds; i++) {
    const sides = i % 2 === 0 ? (['api', 'naive'] as const) : (['naive', 'api'] as const);
    const runs: Partial<Record<'api' | 'naive', LatencyRun>> = {};
    for (const side of sides)
      runs[side] = await client.run(target(side), settings.duration, MIN_SAMPLES[side]);
    const round = { order: sides.join(','), api: runs.api!, naive: runs.naive! };
    rounds.push(round);
    log(
      `${query.name} round ${i + 1}/${settings.rounds}: api p50 ${round.api.p50.toFixed(2)} p95 ${round.api.p95.toFixed(2)} ms (${round.api.samples}) | naive p50 ${round.naive.p50.toFixed(1)} p95 ${round.naive.p95.toFixed(1)} ms (${round.naive.samples})`,
    );
  }
  return {
    rounds,
    api: { p50: median(rounds.map((r) => r.api.p50)), p95: median(rounds.map((r) => r.api.p95)) },
    naive: { p50: median(rounds.map((r) => r.naive.p50)), p95: median(rounds.map((r) => r.naive.p95)) },
    p50Ratio: median(rounds.map((r) => r.api.p50 / r.naive.p50)),
    p95Ratio: median(rounds.map((r) => r.api.p95 / r.naive.p95)),
    speedUp: median(rounds.map((r) => r.naive.p95 / r.api.p95)),
  };
}

function figures(query: DashboardQuery, m: Measured): Figure[] {
  return [
    {
      benchmark: 'analytics',
      figure: `${query.name}: p50, 1 conn`,
      unit: 'ms',
      value: m.api.p50,
      baseline: m.naive.p50,
      ratio: m.p50Ratio,
    },
    {
      benchmark: 'analytics',
      figure: `${query.name}: p95, 1 conn`,
      unit: 'ms',
      value: m.api.p95,
      baseline: m.naive.p95,
      ratio: m.p95Ratio,
      goal: { on: 'value', atMost: P95_GOAL_MS },
    },
    {
      // the ratio above is api/naive; the issue's goal reads the other way round (naive/api)
      benchmark: 'analytics',
      figure: `${query.name}: speed-up naive/api at p95`,
      unit: '×',
      value: m.speedUp,
      goal: { on: 'value', atLeast: SPEED_UP_GOAL },
    },
  ];
}

async function run(settings: Settings): Promise<BenchmarkResult> {
  const replications = settings.options['replications']!;
  const database = await prepareDatabase(analyticsDataset(replications));
  const subjects = await pickSubjects(database.url, AS_OF);
  const queries = dashboardQueries(subjects);
  log(
    `subjects: last year ${subjects.lastYear}, innovation #${subjects.innovationId}, hub #${subjects.hub.id} ${subjects.hub.name} (${subjects.hub.members} members), ${subjects.hubFrom}..${subjects.hubTo}`,
  );
  const specs = serverSpecs(database.url);

  // the api's statements, then each timed alone: where a missed goal's time goes
  const statements = await timeStatements(
    database.url,
    await captureApiSql(specs.api, queries),
    settings.smoke ? 3 : STATEMENT_RUNS,
  );

  const client = new SequentialClient();
  const servers: RunningServer[] = [];
  try {
    const api = await startServer(specs.api);
    servers.push(api);
    const naive = await startServer(specs.naive);
    servers.push(naive);
    const answers = await checkSameAnswers(client, api, naive, queries);

    const out: Figure[] = [];
    const measured: Record<string, Measured> = {};
    for (const query of queries) {
      const m = await measure(
        client,
        { api: api.url, naive: naive.url },
        query,
        answers.get(query.name)!,
        settings,
      );
      measured[query.name] = m;
      out.push(...figures(query, m));
      if (m.api.p95 > P95_GOAL_MS || m.speedUp < SPEED_UP_GOAL) {
        const sql = statements[query.name] ?? [];
        const sqlP50 = sql.reduce((sum, s) => sum + s.p50Ms, 0);
        log(
          `${query.name} misses a goal: api p50 ${m.api.p50.toFixed(2)} ms, of which its ${sql.length} statements take ${sqlP50.toFixed(2)} ms (sum of their p50s, each run alone):`,
        );
        for (const s of sql) {
          log(`  p50 ${s.p50Ms.toFixed(2)} ms, p95 ${s.p95Ms.toFixed(2)} ms: ${s.sql.slice(0, 300)}`);
        }
      }
    }
    return {
      figures: out,
      details: {
        dataset: {
          ...database.summary,
          database: new URL(database.url).pathname.slice(1),
          reused: database.reused,
        },
        transport:
          'HTTP POST of the same GraphQL body to both sides, one keep-alive connection, one request at a time',
        poolSize: POOL_SIZE,
        minSamplesPerRound: MIN_SAMPLES,
        subjects,
        queries: Object.fromEntries(queries.map((q) => [q.name, JSON.parse(q.body) as unknown])),
        answerBytes: Object.fromEntries([...answers].map(([name, a]) => [name, a.api.length])),
        apiStatements: statements,
        measured,
      },
    };
  } finally {
    client.close();
    for (const server of servers.reverse()) await server.stop();
  }
}

export const benchmark: Benchmark = {
  name: 'analytics',
  description:
    'dashboard queries: api (rollups) vs naive GROUP BY over the base tables, p50/p95 at 1 connection',
  options: {
    replications: {
      default: 1_000_000,
      smoke: 20_000,
      description: `replications in the dataset: ${Object.entries(SCALES)
        .map(([n, scale]) => `${n} (seed --scale ${scale})`)
        .join(' or ')}`,
    },
  },
  run,
};
