import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { ROOT } from './test-environment';

export interface IsolatedDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * An empty database of the test file's own, beside the run's shared one (`<shared>_<suffix>`), made
 * afresh; `drop()` removes it unless JIPP_KEEP_TEST_DATABASE=true. For tests that make their own tables.
 */
export async function emptyDatabase(suffix: string): Promise<IsolatedDatabase> {
  const base = process.env['JIPP_TEST_ADMIN_URL'];
  const shared = process.env['JIPP_TEST_DATABASE'];
  const sharedUrl = process.env['DATABASE_URL'];
  if (!base || !shared || !sharedUrl) throw new Error('run under the e2e global setup');
  const name = `${shared}_${suffix}`.slice(0, 64);
  const url = new URL(sharedUrl);
  url.pathname = `/${name}`;
  const admin = await createConnection(base);
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (process.env['JIPP_KEEP_TEST_DATABASE'] === 'true') return;
      const connection = await createConnection(base);
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}

/**
 * A database of the test file's own, beside the run's shared one, migrated and seeded with the
 * reference data by the real CLI: for tests that read whole tables (rollups, rebuilds), which
 * other test files writing to the shared database would disturb.
 */
export async function isolatedDatabase(suffix: string): Promise<IsolatedDatabase> {
  const database = await emptyDatabase(suffix);
  const cli = join(ROOT, 'dist/apps/cli/src/main.js');
  const env = { ...process.env, DATABASE_URL: database.url };
  for (const command of ['migrate', 'seed']) {
    execFileSync('node', [cli, command], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return database;
}
