import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { deleteStaleRedisKeys, dropStaleDatabases } from './stale-test-runs';
import { readServicesEnv, ROOT, runDatabaseUrl } from './test-environment';

/**
 * Once per `jest` run: makes sure MariaDB and Redis answer, creates this run's own database, and
 * runs the real CLI (built from the current sources) to migrate it and seed the reference data.
 * The run's settings, with its own Redis key prefix, reach the test workers through process.env.
 * Runs outside Jest's module system, so it imports no @jipp lib.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env['JIPP_SERVICES_READY']) {
    execFileSync('bash', [join(ROOT, 'scripts/services.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!process.env['JIPP_BUILT']) {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const services = readServicesEnv();
  const base = process.env['TEST_DATABASE_URL'] ?? services['TEST_DATABASE_URL'];
  const redisUrl = process.env['REDIS_URL'] ?? services['REDIS_URL'];
  if (!base || !redisUrl) throw new Error('TEST_DATABASE_URL / REDIS_URL unknown: run scripts/services.sh');

  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const { url, name } = runDatabaseUrl(base, runId);
  const admin = await createConnection(base);
  // what killed runs left behind (a run's own teardown cleans up after it)
  if (process.env['JIPP_KEEP_TEST_DATABASE'] !== 'true') {
    const databaseBase = new URL(base).pathname.replace(/^\//, '') || 'jipp_test';
    await dropStaleDatabases(admin, databaseBase, Date.now());
    await deleteStaleRedisKeys(redisUrl, Date.now());
  }
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();

  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: url,
    JIPP_TEST_DATABASE: name,
    JIPP_TEST_ADMIN_URL: base,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `jipp-test-${runId}`,
    JWT_SECRET: services['JWT_SECRET'] ?? 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'warn',
    GRAPHQL_SANDBOX: 'false',
    // every test file shares the run's database: only the notification tests relay its outbox
    OUTBOX_RELAY_ENABLED: 'false',
    // every test file calls from 127.0.0.1 within one window: the rate limits stay on, out of reach
    // (apps/api/test/rate-limits.e2e-spec.ts starts apis with low ones)
    RATE_LIMIT_READS_PER_USER: '1000000',
    RATE_LIMIT_READS_PER_IP: '1000000',
    RATE_LIMIT_MUTATIONS_PER_USER: '1000000',
    RATE_LIMIT_MUTATIONS_PER_IP: '1000000',
    RATE_LIMIT_LOGINS_PER_USER: '1000000',
    RATE_LIMIT_LOGINS_PER_IP: '1000000',
    RATE_LIMIT_POSTS_PER_USER: '1000000',
    RATE_LIMIT_POSTS_PER_IP: '1000000',
  });
  const cli = join(ROOT, 'dist/apps/cli/src/main.js');
  execFileSync('node', [cli, 'migrate'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('node', [cli, 'seed'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
