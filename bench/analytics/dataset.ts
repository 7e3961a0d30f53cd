import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import type { Dataset } from '../lib/database';
import { benchDatabaseUrl, jwtSecret, redisUrl, ROOT } from '../lib/environment';
import { log } from '../lib/log';

/** The CLI's presets (`seed --scale small|large`), named by how many replications they make. */
export const SCALES: Record<number, 'small' | 'large'> = { 20_000: 'small', 1_000_000: 'large' };

/**
 * The day the generated data ends. Fixed, so that the same rows come out on every day the
 * benchmark runs and a kept database stays valid (the CLI's default is today).
 */
export const AS_OF = '2026-11-01';

const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

/**
 * What the data depends on besides the options: the compiled scale generator (the rows) and the
 * compiled rollup rebuild (what `analytics rebuild` writes). A change to either makes the data
 * again; the read path (what the benchmark measures) can change without it.
 */
const GENERATOR_FOLDERS = [
  join(ROOT, 'dist', 'apps', 'cli', 'src', 'scale'),
  join(ROOT, 'dist', 'libs', 'analytics', 'src', 'rebuild'),
  join(ROOT, 'dist', 'libs', 'analytics', 'src', 'rollups'),
];

function codeHash(): string {
  const hash = createHash('sha256');
  for (const folder of GENERATOR_FOLDERS) {
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.js'))
      .sort()) {
      hash.update(file);
      hash.update(readFileSync(join(folder, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The scale seed's refusal while another one runs: its lock is named for the whole server
 * (MariaDB's GET_LOCK), so a seed into any other database on it (a test, another benchmark) blocks
 * ours for a while. Worth waiting for.
 */
const BUSY = /another scale seed is running/;
const BUSY_RETRY_MS = 15_000;
const BUSY_WAIT_LIMIT_MS = 20 * 60_000;

/** Runs the platform's CLI against the benchmark database, its output on our stderr as it comes. */
function cliOnce(url: string, args: string[]): Promise<{ code: number | null; tail: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, REDIS_URL: redisUrl(), JWT_SECRET: jwtSecret() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const forward = (chunk: Buffer): void => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-2000);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, tail }));
  });
}

async function cli(url: string, args: string[]): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { code, tail } = await cliOnce(url, args);
    if (code === 0) return;
    if (!BUSY.test(tail) || Date.now() - started > BUSY_WAIT_LIMIT_MS) {
      throw new Error(`cli ${args.join(' ')} exited with ${code}: ${tail.trim().split('\n').at(-1)}`);
    }
    log(`another scale seed holds the server-wide seed lock; trying again in ${BUSY_RETRY_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
  }
}

/**
 * `analytics rebuild`, tried up to three times: it rewrites every rollup in one transaction from
 * the base tables, so a failed try leaves nothing behind, and on a machine shared with tests a try
 * can fail for reasons of its own (MariaDB's on-disk temporary tables live in /tmp). A rebuild
 * that is wrong fails every time; the seeding before it is not repeated for a passing hiccup.
 */
async function rebuildRollups(url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    log(`analytics rebuild${attempt > 1 ? ` (try ${attempt})` : ''}`);
    try {
      await cli(url, ['analytics', 'rebuild']);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      log(`analytics rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function count(connection: Connection, sql: string): Promise<number> {
  const [rows] = await connection.query(sql);
  return Number((rows as Array<{ n: number | string }>)[0]!.n);
}

/**
 * The issue's large data set, made by the real CLI: `seed --scale <preset> --as-of AS_OF` (100,000
 * innovations and 1,000,000 replications with their events over the 552 regional governments, or
 * the small preset), then `analytics rebuild` to fill the rollups the api reads.
 */
export function analyticsDataset(replications: number): Dataset {
  const scale = SCALES[replications];
  if (!scale) {
    throw new Error(
      `--replications must be one of ${Object.keys(SCALES).join(', ')} (the CLI's seed --scale presets), got ${replications}`,
    );
  }
  return {
    name: `analytics_${scale}`,
    fingerprint: `scale=${scale};asOf=${AS_OF};code=${codeHash()}`,
    async generate(connection) {
      const url = await databaseUrl(connection);
      log(`seed --scale ${scale} --as-of ${AS_OF} (the CLI's progress follows)`);
      const seeded = Date.now();
      await cli(url, ['seed', '--scale', scale, '--as-of', AS_OF]);
      const seedSeconds = (Date.now() - seeded) / 1000;
      const rebuilt = Date.now();
      await rebuildRollups(url);
      const rebuildSeconds = (Date.now() - rebuilt) / 1000;
      return {
        scale,
        asOf: AS_OF,
        seedSeconds,
        rebuildSeconds,
        innovations: await count(connection, 'SELECT COUNT(*) AS n FROM innovation'),
        replications: await count(connection, 'SELECT COUNT(*) AS n FROM replication'),
        replicationEvents: await count(connection, 'SELECT COUNT(*) AS n FROM replication_event'),
        regionalAgencies: await count(
          connection,
          "SELECT COUNT(*) AS n FROM agency WHERE type IN ('PEMPROV', 'PEMKAB', 'PEMKOT')",
        ),
        hubs: await count(connection, 'SELECT COUNT(*) AS n FROM network'),
        posts: await count(connection, 'SELECT COUNT(*) AS n FROM post'),
        rollupFacts: await count(connection, 'SELECT COUNT(*) AS n FROM analytics_replication_fact'),
        rollupCells: await count(connection, 'SELECT COUNT(*) AS n FROM analytics_spread_cell'),
      };
    },
  };
}

/** The database prepareDatabase made and switched to: the CLI must write to that one. */
async function databaseUrl(connection: Connection): Promise<string> {
  const [rows] = await connection.query('SELECT DATABASE() AS name');
  const url = new URL(benchDatabaseUrl());
  url.pathname = `/${(rows as Array<{ name: string }>)[0]!.name}`;
  return url.toString();
}
