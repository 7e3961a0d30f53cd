import type { EntityManager } from 'typeorm';

/** Seconds a projector waits for a rebuild (or another projector) before its job is retried. */
export const ANALYTICS_LOCK_WAIT_SECONDS = 30;

/** Thrown when the lock is not had in time: the job fails and BullMQ retries it later. */
export class AnalyticsLockTimeoutError extends Error {
  override readonly name = 'AnalyticsLockTimeoutError';
}

/**
 * Runs `work` holding the database's analytics lock (a MariaDB named lock, per database so that
 * parallel test runs never wait on each other), on the connection that holds it. Projectors take it
 * per event and the rebuild for its whole run: rollups are never written by two at once, which
 * keeps them exact and free of deadlocks.
 */
export async function withAnalyticsLock<T>(
  manager: EntityManager,
  work: () => Promise<T>,
  waitSeconds = ANALYTICS_LOCK_WAIT_SECONDS,
): Promise<T> {
  const [row] = (await manager.query("SELECT GET_LOCK(CONCAT(DATABASE(), ':analytics'), ?) AS got", [
    waitSeconds,
  ])) as Array<{ got: number | string | null }>;
  if (Number(row?.got) !== 1) {
    throw new AnalyticsLockTimeoutError(`the analytics lock was not free within ${waitSeconds} s`);
  }
  try {
    return await work();
  } finally {
    await manager.query("SELECT RELEASE_LOCK(CONCAT(DATABASE(), ':analytics'))");
  }
}
