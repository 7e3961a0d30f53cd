/**
 * What the api sends to the database for each dashboard query, and how long each statement takes
 * on its own: the first place to look when a query misses its goal. An api started only for this,
 * with the SQL spy preloaded (the measured api never loads it); the statements are then run again
 * from here with mysql2, one at a time, and timed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { postJson, takeStatements } from '../lib/checks';
import { BENCH_DIST } from '../lib/environment';
import { startServer, type ServerSpec } from '../lib/processes';
import { percentile } from '../lib/stats';
import type { DashboardQuery } from './queries';

export interface TimedStatement {
  sql: string;
  values: unknown;
  runs: number;
  p50Ms: number;
  p95Ms: number;
}

/** Each query's statements, as the api sends them on its second request (the first warms it up). */
export async function captureApiSql(
  spec: ServerSpec,
  queries: DashboardQuery[],
): Promise<Map<string, Array<{ sql: string; values: unknown }>>> {
  const dir = mkdtempSync(join(tmpdir(), 'jipp-bench-analytics-sql-'));
  const log = join(dir, 'api.jsonl');
  writeFileSync(log, '');
  const server = await startServer({
    ...spec,
    preload: [join(BENCH_DIST, 'lib', 'sql-spy.js')],
    env: { ...spec.env, BENCH_SQL_LOG: log },
  });
  try {
    const out = new Map<string, Array<{ sql: string; values: unknown }>>();
    for (const query of queries) {
      await postJson(`${server.url}/graphql`, query.body);
      takeStatements(log);
      await postJson(`${server.url}/graphql`, query.body);
      out.set(
        query.name,
        takeStatements(log).map((s) => ({ sql: s.sql.replace(/\s+/g, ' ').trim(), values: s.values })),
      );
    }
    return out;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs each statement `runs` times over one connection (after one unmeasured run) and times it. */
export async function timeStatements(
  databaseUrl: string,
  statements: Map<string, Array<{ sql: string; values: unknown }>>,
  runs: number,
): Promise<Record<string, TimedStatement[]>> {
  const connection = await createConnection({
    uri: databaseUrl,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
  });
  try {
    const out: Record<string, TimedStatement[]> = {};
    for (const [name, list] of statements) {
      out[name] = [];
      for (const { sql, values } of list) {
        const args = (values ?? []) as unknown[];
        await connection.query(sql, args);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          await connection.query(sql, args);
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        out[name].push({ sql, values, runs, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) });
      }
    }
    return out;
  } finally {
    await connection.end();
  }
}
