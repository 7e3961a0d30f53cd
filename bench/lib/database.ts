import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { benchDatabaseUrl, jwtSecret, redisUrl, ROOT } from './environment';
import { log } from './log';

/** Data a benchmark measures against, generated once and reused while its fingerprint holds. */
export interface Dataset {
  /** Names the database too: `<bench database>_<name>`. */
  name: string;
  /** Everything the data depends on (sizes, generator version); a change rebuilds the database. */
  fingerprint: string;
  /** Fills a freshly migrated and reference-seeded database. Returns a summary for the results. */
  generate(connection: Connection): Promise<Record<string, unknown>>;
}

export interface PreparedDatabase {
  url: string;
  reused: boolean;
  seconds: number;
  summary: Record<string, unknown>;
}

const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const MIGRATIONS = join(ROOT, 'dist', 'libs', 'core', 'src', 'database', 'migrations');
const MARKER = 'bench_dataset';

function cli(url: string, command: string): void {
  execFileSync('node', [CLI, command], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, REDIS_URL: redisUrl(), JWT_SECRET: jwtSecret() },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The compiled migrations: a new one means the schema changed, so the data is made again. */
function migrationNames(): string {
  return readdirSync(MIGRATIONS)
    .filter((file) => file.endsWith('.js'))
    .sort()
    .join(',');
}

async function readMarker(connection: Connection): Promise<string | null> {
  try {
    const [rows] = await connection.query(`SELECT fingerprint FROM ${MARKER} WHERE id = 1`);
    return (rows as Array<{ fingerprint: string }>)[0]?.fingerprint ?? null;
  } catch {
    return null; // no marker table: never generated
  }
}

/**
 * The dataset's own database, migrated and seeded with the real CLI, then filled by the dataset.
 * When the marker row says the same data is there already, it is reused as it is.
 */
export async function prepareDatabase(dataset: Dataset): Promise<PreparedDatabase> {
  const started = Date.now();
  const url = new URL(benchDatabaseUrl());
  const name = `${url.pathname.replace(/^\//, '')}_${dataset.name}`;
  url.pathname = `/${name}`;
  const fingerprint = `${dataset.fingerprint};migrations=${migrationNames()}`;

  const serverUrl = new URL(url);
  serverUrl.pathname = '/';
  // UTC and utf8mb4, as the platform's connections speak (datasets insert Date values)
  const admin = await createConnection({
    uri: serverUrl.toString(),
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
  });
  try {
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await admin.changeUser({ database: name });
    const marker = await readMarker(admin);
    if (marker === fingerprint) {
      const [rows] = await admin.query(`SELECT summary FROM ${MARKER} WHERE id = 1`);
      const summary = JSON.parse((rows as Array<{ summary: string }>)[0]!.summary) as Record<string, unknown>;
      log(`database ${name}: reusing the ${dataset.name} dataset`);
      return { url: url.toString(), reused: true, seconds: (Date.now() - started) / 1000, summary };
    }

    log(`database ${name}: building (${marker ? 'the dataset changed' : 'no dataset yet'})`);
    await admin.query(`DROP DATABASE \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.changeUser({ database: name });
    cli(url.toString(), 'migrate');
    cli(url.toString(), 'seed');
    const summary = await dataset.generate(admin);
    await admin.query(
      `CREATE TABLE ${MARKER} (id TINYINT PRIMARY KEY, fingerprint TEXT NOT NULL, summary TEXT NOT NULL, created_at DATETIME NOT NULL)`,
    );
    await admin.query(`INSERT INTO ${MARKER} VALUES (1, ?, ?, NOW())`, [
      fingerprint,
      JSON.stringify(summary),
    ]);
    const seconds = (Date.now() - started) / 1000;
    log(`database ${name}: built in ${seconds.toFixed(1)} s`);
    return { url: url.toString(), reused: false, seconds, summary };
  } finally {
    await admin.end();
  }
}
