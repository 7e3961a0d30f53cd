/**
 * What the benchmarks' baseline servers (`catalogue/raw-server.ts`, `graphql/raw-server.ts`,
 * `analytics/naive-server.ts`) share: a mysql2 pool with the api's connection settings, the regions
 * in memory as the api keeps them, and a Fastify app that listens on PORT/HOST until SIGTERM.
 */
import type { FastifyInstance } from 'fastify';
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';
import type { Region } from './innovation-card';

/** A pool of DATABASE_POOL_SIZE (else `defaultSize`) connections to DATABASE_URL, speaking as TypeORM does. */
export function baselinePool(defaultSize: number): Pool {
  return createPool({
    uri: process.env['DATABASE_URL'],
    connectionLimit: Number(process.env['DATABASE_POOL_SIZE'] ?? defaultSize),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    enableKeepAlive: true,
    keepAliveInitialDelay: 10_000,
    trace: false,
  });
}

/** The 552 regions by code (the api loads them once too). */
export async function loadRegions(pool: Pool): Promise<Map<string, Region>> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT code, name FROM region');
  return new Map(
    rows.map((r) => [r['code'] as string, { code: r['code'] as string, name: r['name'] as string }]),
  );
}

/** Listens on PORT (3001) and HOST (127.0.0.1); SIGTERM or SIGINT closes the app and the pool, then exits. */
export async function listenUntilSignal(app: FastifyInstance, pool: Pool): Promise<void> {
  const close = async (): Promise<void> => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
  await app.listen({ port: Number(process.env['PORT'] ?? 3001), host: process.env['HOST'] ?? '127.0.0.1' });
}

/** Runs a baseline server's `main`; a failure is one line on stderr and exit code 1. */
export function runBaseline(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`[${name}] failed:`, error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
