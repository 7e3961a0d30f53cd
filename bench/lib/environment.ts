import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (this file runs from `dist/bench/lib`). */
export const ROOT = join(__dirname, '..', '..', '..');

/** The compiled benchmarks: `dist/bench`. */
export const BENCH_DIST = join(__dirname, '..');

export const RESULTS_DIR = join(ROOT, 'bench', 'results');

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
 * The benchmark database: `BENCH_DATABASE_URL`, else the test database's server and user with the
 * name `jipp_test_bench` (the `jipp` user's grants cover `jipp_test%`). Kept between runs.
 */
export function benchDatabaseUrl(): string {
  if (process.env['BENCH_DATABASE_URL']) return process.env['BENCH_DATABASE_URL'];
  const url = new URL(setting('TEST_DATABASE_URL'));
  url.pathname = '/jipp_test_bench';
  return url.toString();
}

export function redisUrl(): string {
  return setting('REDIS_URL');
}

export function jwtSecret(): string {
  return (
    process.env['JWT_SECRET'] ?? servicesEnv()['JWT_SECRET'] ?? 'bench-secret-bench-secret-bench-secret-0'
  );
}
