import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';

/** Drops this run's database and deletes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env['JIPP_TEST_DATABASE'];
  const adminUrl = process.env['JIPP_TEST_ADMIN_URL'];
  if (name && adminUrl && process.env['JIPP_KEEP_TEST_DATABASE'] !== 'true') {
    const admin = await createConnection(adminUrl);
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
  const prefix = process.env['REDIS_PREFIX'];
  const redisUrl = process.env['REDIS_URL'];
  if (prefix?.startsWith('jipp-test-') && redisUrl) {
    const redis = new Redis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
}
