import type { Connection } from 'mysql2/promise';
import { Redis } from 'ioredis';

/**
 * A run that ends normally drops its database and Redis keys (global-teardown.ts); one that is killed
 * (a stopped session, a CI timeout) leaves them behind. Each run names its data after its id,
 * `<pid>_<start time in base 36>`, so the next run can sweep what is older than any run lasts (CI stops a run after 90 minutes).
 */
export const STALE_AFTER_MS = 3 * 60 * 60 * 1000;

/**
 * The start time of the run a name belongs to (`<prefix><pid>_<base36 ms>[suffix]`), if it has one:
 * the prefix is `<database>_` for databases, `jipp-test-` for Redis keys.
 */
export function runStartOf(name: string, prefix: string): number | null {
  const match = new RegExp(`^${escapeRegExp(prefix)}\\d+_([0-9a-z]{6,10})(?:_|-|:|$)`).exec(name);
  if (!match) return null;
  const started = parseInt(match[1]!, 36);
  return Number.isSafeInteger(started) ? started : null;
}

export function isStale(name: string, prefix: string, now: number): boolean {
  const started = runStartOf(name, prefix);
  return started !== null && now - started > STALE_AFTER_MS;
}

/** Drops the databases of test runs that started more than `STALE_AFTER_MS` ago. */
export async function dropStaleDatabases(admin: Connection, base: string, now: number): Promise<string[]> {
  const [rows] = await admin.query('SHOW DATABASES');
  const names = (rows as Record<string, string>[]).map((row) => Object.values(row)[0]!);
  const stale = names.filter((name) => isStale(name, `${base}_`, now));
  for (const name of stale) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  return stale;
}

/** Deletes the Redis keys of test runs (`jipp-test-<run id>...`) that started too long ago. */
export async function deleteStaleRedisKeys(redisUrl: string, now: number): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'jipp-test-*', 'COUNT', 1000);
      cursor = next;
      const stale = keys.filter((key) => isStale(key, 'jipp-test-', now));
      if (stale.length) deleted += await redis.del(...stale);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
