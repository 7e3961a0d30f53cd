import { createConnection, type Connection } from 'mysql2/promise';

/**
 * The test files share one database: a relay claims every undispatched outbox row, whoever wrote
 * it, and enqueues it under its own Redis prefix. So test files that run a relay take this lock (a
 * MariaDB named lock, across Jest workers) for as long as their relay runs, and wait for each other.
 */
export async function takeRelayLock(timeoutSeconds = 600): Promise<() => Promise<void>> {
  const connection: Connection = await createConnection(
    process.env['DATABASE_URL']!.replace(/^mariadb:/, 'mysql:'),
  );
  const name = `${process.env['JIPP_TEST_DATABASE'] ?? 'jipp_test'}:outbox-relay`;
  const [rows] = await connection.query('SELECT GET_LOCK(?, ?) AS got', [name, timeoutSeconds]);
  if ((rows as Array<{ got: number }>)[0]?.got !== 1) {
    await connection.end();
    throw new Error(`could not take the test relay lock within ${timeoutSeconds} s`);
  }
  return async () => {
    await connection.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
    await connection.end();
  };
}
