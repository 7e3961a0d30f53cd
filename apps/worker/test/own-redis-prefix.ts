import { randomUUID } from 'node:crypto';

/**
 * Imported first by worker tests: gives this test file's worker its own Redis prefix before the
 * configuration module reads the environment, so its view-flush jobs never take the views that
 * api tests of the same run count (they share the run's prefix and database).
 */
export const OWN_REDIS_PREFIX = `${process.env['REDIS_PREFIX'] ?? 'jipp-test'}-worker-${randomUUID().slice(0, 8)}`;
process.env['REDIS_PREFIX'] = OWN_REDIS_PREFIX;
