import { randomBytes } from 'node:crypto';

/**
 * The fuzzed api's environment, set when this module is imported: the fuzz spec imports it first.
 * The api reads its configuration when its module file is imported (`CoreConfigModule.forRoot()` in
 * a decorator), so the settings must be in place before anything imports the api; set later, the
 * fuzzed admin mutations would reach the run's shared database that other test files count on.
 */

/** The database `isolatedDatabase('fuzz')` creates: the run's database name with `_fuzz`. */
export const FUZZ_DATABASE_SUFFIX = 'fuzz';

/** The run's prefix plus a random part, swept when the target closes. */
export const FUZZ_REDIS_PREFIX =
  `${process.env['REDIS_PREFIX'] ?? 'jipp-test'}-fz${randomBytes(3).toString('hex')}`.slice(-40);

const shared = process.env['JIPP_TEST_DATABASE'];
const sharedUrl = process.env['DATABASE_URL'];
if (!shared || !sharedUrl) throw new Error('run under the e2e global setup');
const url = new URL(sharedUrl);
url.pathname = `/${`${shared}_${FUZZ_DATABASE_SUFFIX}`.slice(0, 64)}`;

Object.assign(process.env, {
  DATABASE_URL: url.toString(),
  REDIS_PREFIX: FUZZ_REDIS_PREFIX,
  // login limits out of the way, so that the requests reach the code behind them (the RATE_LIMIT_*
  // limits stay on, set out of reach by the global setup)
  LOGIN_MAX_FAILURES_PER_IP: '10000',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
  LOG_LEVEL: 'fatal',
  DATABASE_POOL_SIZE: '6',
});
