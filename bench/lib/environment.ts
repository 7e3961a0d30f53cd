import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (this file runs from `dist/bench/lib`). */
export const ROOT = join(__dirname, '..', '..', '..');

/** The compiled benchmarks: `dist/bench`. */
export const BENCH_DIST = join(__dirname, '..');

/** Where each run's JSON lands: `BENCH_RESULTS_DIR`, else `bench/results` (npm test's smoke uses a temporary one). */
export function resultsDir(): string {
  return process.env['BENCH_RESULTS_DIR'] ?? join(ROOT, 'bench', 'results');
}

/**
 * Marks this process (and the servers and workers it starts) as a smoke run: its small datasets
 * and Redis keys get names of their own, so a smoke never replaces or disturbs the real
 * benchmark's (a smaller dataset under the same name would be rebuilt over the real one).
 */
export function markSmokeRun(): void {
  process.env['BENCH_SMOKE'] = '1';
}

/** Whether this process belongs to a smoke run (`markSmokeRun`). */
export const smokeRun = (): boolean => process.env['BENCH_SMOKE'] === '1';

/** Reads `.env.services` (written by scripts/services.sh). */
export function servicesEnv(): Record<string, string> {
  const file = join(ROOT, '.env.services');
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match) out[match[1]!] = match[2]!;
  }
  return out;
}

function setting(name: string): string {
  const value = process.env[name] ?? servicesEnv()[name];
  if (!value) throw new Error(`${name} is unknown: run scripts/services.sh first`);
  return value;
}

/**
 * The benchmark database, which names each dataset's own (`<name>_<dataset>`): `BENCH_DATABASE_URL`,
 * else the test database's server and user with the name `jipp_test_bench` (`jipp_test_bench_smoke`
 * in a smoke run; the `jipp` user's grants cover `jipp_test%`). Kept between runs.
 */
export function benchDatabaseUrl(): string {
  if (process.env['BENCH_DATABASE_URL']) return process.env['BENCH_DATABASE_URL'];
  const url = new URL(setting('TEST_DATABASE_URL'));
  url.pathname = smokeRun() ? '/jipp_test_bench_smoke' : '/jipp_test_bench';
  return url.toString();
}

/**
 * The Redis key prefix of a benchmark's processes, `<base>-<part>`: the base is
 * `BENCH_REDIS_PREFIX`, else `jipp-bench` (`jipp-bench-smoke` in a smoke run). Two runs at once
 * with one prefix would share queues and channels and take each other's jobs.
 */
export function benchRedisPrefix(part?: string): string {
  const base = process.env['BENCH_REDIS_PREFIX'] ?? (smokeRun() ? 'jipp-bench-smoke' : 'jipp-bench');
  return part ? `${base}-${part}` : base;
}

export function redisUrl(): string {
  return setting('REDIS_URL');
}

export function jwtSecret(): string {
  return (
    process.env['JWT_SECRET'] ?? servicesEnv()['JWT_SECRET'] ?? 'bench-secret-bench-secret-bench-secret-0'
  );
}
