import { Redis, type RedisOptions } from 'ioredis';

/** ioredis options from a `redis://[user:password@]host:port/db` (or `rediss://`) URL. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * A new ioredis connection for a URL. BullMQ and socket.io adapters get their own connections;
 * `maxRetriesPerRequest: null` is what BullMQ workers require.
 */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis({ ...redisOptionsFromUrl(url), enableReadyCheck: true, ...options });
}
