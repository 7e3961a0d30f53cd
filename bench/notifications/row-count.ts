import type { Pool } from 'mysql2/promise';
import { epochMs } from './protocol';

/** How often the benchmark counts an event's rows while its pushes still arrive: little load on the database. */
const SLOW_POLL_MS = 100;
/** How often once every push arrived: then the count decides when the event is done. */
const FAST_POLL_MS = 10;

export interface RowProgress {
  /** The outbox event the publication wrote; null when it never appeared. */
  outboxEventId: number | null;
  rows: number;
  /**
   * When the first count that saw every expected row started (epoch ms); null if none did. At most
   * SLOW_POLL_MS late while pushes were still arriving (the event's end is then the last push), at
   * most FAST_POLL_MS and one count late after.
   */
  completeAtMs: number | null;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Counts the notifications of an innovation's publication until there are `expected`, or until the
 * deadline (epoch ms) or the signal. Started before the publication: it first waits for its outbox
 * row. One indexed COUNT per poll (the unique key starts with the outbox event), on a connection of
 * its own; every SLOW_POLL_MS while `pushed()` is false, every FAST_POLL_MS after, so that counting
 * 10,000 rows a hundred times a second does not take a database core from the workers measured.
 */
export async function countRowsUntil(
  pool: Pool,
  innovationId: number,
  expected: number,
  options: { deadlineMs: number; pushed: () => boolean; signal?: AbortSignal },
): Promise<RowProgress> {
  const progress: RowProgress = { outboxEventId: null, rows: 0, completeAtMs: null };
  const connection = await pool.getConnection();
  let countedAt = 0;
  try {
    while (epochMs() < options.deadlineMs && !options.signal?.aborted) {
      const due = countedAt + (options.pushed() ? FAST_POLL_MS : SLOW_POLL_MS);
      if (epochMs() < due) {
        await sleep(Math.min(FAST_POLL_MS, due - epochMs()));
        continue;
      }
      countedAt = epochMs();
      if (progress.outboxEventId === null) {
        const [events] = await connection.query(
          "SELECT id FROM outbox_event WHERE type = 'innovation.published' AND aggregate_type = 'innovation' AND aggregate_id = ?",
          [String(innovationId)],
        );
        const found = (events as Array<{ id: number | string }>)[0];
        if (found) progress.outboxEventId = Number(found.id);
      }
      if (progress.outboxEventId !== null) {
        const [counts] = await connection.query(
          'SELECT COUNT(*) AS n FROM notification WHERE outbox_event_id = ?',
          [progress.outboxEventId],
        );
        progress.rows = Number((counts as Array<{ n: number | string }>)[0]!.n);
        if (progress.rows >= expected) {
          // the count read a snapshot taken when it started: every row was committed by then
          progress.completeAtMs = countedAt;
          return progress;
        }
      }
    }
    return progress;
  } finally {
    connection.release();
  }
}
