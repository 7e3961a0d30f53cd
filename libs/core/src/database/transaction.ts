import type { DataSource, EntityManager } from 'typeorm';
import { isDeadlockError } from './mysql-errors';

export interface TransactionOptions {
  /** How many times the whole transaction is retried after a deadlock (1213). */
  retries?: number;
}

/**
 * Runs `work` in one transaction and retries the whole transaction on a deadlock or lock-wait
 * timeout, with a short jittered pause. `work` must be safe to run again: it receives a fresh
 * manager each time and must not enqueue jobs or call out of the process.
 */
export async function runInTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (!isDeadlockError(error) || attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}
