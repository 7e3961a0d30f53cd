import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, REDIS_CLIENT, runInTransaction } from '@jipp/core';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import { parsePendingField } from './view-day';
import { viewKeys, type ViewKeys } from './view-keys';

/**
 * KEYS: pending hash, flushing hash. ARGV: a new batch id. Takes the batch to write: the one left
 * over by a flush that did not finish (it keeps its id), else the pending counts renamed under the
 * new id, atomically (views recorded meanwhile start a new pending hash). Returns
 * `{ leftover (0|1), HGETALL of the batch }`, or `{ 0, {} }` when there is nothing to write.
 */
const TAKE_BATCH_LUA = `
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('HSETNX', KEYS[2], 'batch', ARGV[1])
  return {1, redis.call('HGETALL', KEYS[2])}
end
if redis.call('EXISTS', KEYS[1]) == 0 then return {0, {}} end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[2], 'batch', ARGV[1])
return {0, redis.call('HGETALL', KEYS[2])}
`;

/** KEYS: flushing hash. ARGV: batch id. Deletes the batch only if it is still that one. */
const FINISH_BATCH_LUA = `
if redis.call('HGET', KEYS[1], 'batch') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const TAKE_BATCH = 'jippTakeInnovationViewBatch';
const FINISH_BATCH = 'jippFinishInnovationViewBatch';

interface BatchCommands {
  [TAKE_BATCH](pendingKey: string, flushingKey: string, batchId: string): Promise<[number, string[]]>;
  [FINISH_BATCH](flushingKey: string, batchId: string): Promise<number>;
}

/** Rows per SQL statement, so a big batch never makes one huge statement. */
const CHUNK = 500;
/** A leftover batch, then the current one: a flush never chases views that keep arriving. */
const MAX_BATCHES_PER_FLUSH = 2;
/** Written-batch ids are kept this long: far longer than a leftover batch can wait to be retried. */
const KEEP_BATCH_IDS_DAYS = 7;

export interface ViewFlushResult {
  /** Batches taken from Redis (a batch found already written counts, with no views). */
  batches: number;
  /** Innovations whose counters moved. */
  innovations: number;
  /** Views added to the database. */
  views: number;
  /** Old written-batch ids purged. */
  purgedBatchIds: number;
}

interface DayCount {
  innovationId: number;
  day: string;
  views: number;
}

interface TakenBatch {
  id: string;
  leftover: boolean;
  counts: DayCount[];
}

/**
 * Writes the views counted in Redis to the database, in batches. Idempotent: a batch's id is
 * recorded in `view_flush_batch` in the same transaction as its counts, and the batch leaves Redis
 * only after that commit, so a flush that dies in between is finished by the next one without
 * counting anything twice.
 */
@Injectable()
export class ViewFlushService {
  private readonly logger = new Logger(ViewFlushService.name);
  private readonly keys: ViewKeys;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.keys = viewKeys(config);
    redis.defineCommand(TAKE_BATCH, { numberOfKeys: 2, lua: TAKE_BATCH_LUA });
    redis.defineCommand(FINISH_BATCH, { numberOfKeys: 1, lua: FINISH_BATCH_LUA });
  }

  async flush(): Promise<ViewFlushResult> {
    const result: ViewFlushResult = { batches: 0, innovations: 0, views: 0, purgedBatchIds: 0 };
    for (let i = 0; i < MAX_BATCHES_PER_FLUSH; i++) {
      const batch = await this.take();
      if (!batch) break;
      const written = await this.write(batch);
      await this.commands()[FINISH_BATCH](this.keys.flushing, batch.id);
      result.batches++;
      result.innovations += written.innovations;
      result.views += written.views;
      if (!batch.leftover) break;
    }
    result.purgedBatchIds = await this.purgeOldBatchIds();
    if (result.batches > 0) {
      this.logger.log(
        `flushed ${result.views} views of ${result.innovations} innovations in ${result.batches} batch(es)`,
      );
    }
    return result;
  }

  private commands(): BatchCommands {
    return this.redis as unknown as BatchCommands;
  }

  private async take(): Promise<TakenBatch | null> {
    const [leftover, flat] = await this.commands()[TAKE_BATCH](
      this.keys.pending,
      this.keys.flushing,
      randomUUID(),
    );
    let id: string | undefined;
    const counts: DayCount[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const field = flat[i]!;
      const value = flat[i + 1]!;
      if (field === 'batch') {
        id = value;
        continue;
      }
      const parsed = parsePendingField(field);
      const views = Number(value);
      if (!parsed || !Number.isSafeInteger(views) || views <= 0) {
        this.logger.warn(`ignoring a malformed pending view count ${field}=${value}`);
        continue;
      }
      counts.push({ ...parsed, views });
    }
    if (!id) return null;
    if (leftover === 1) this.logger.warn(`finishing view batch ${id}, left over by an interrupted flush`);
    return { id, leftover: leftover === 1, counts };
  }

  /** Writes a batch in one transaction, unless its id shows it was written already. */
  private write(batch: TakenBatch): Promise<{ innovations: number; views: number }> {
    return runInTransaction(this.dataSource, async (manager) => {
      const claimed: { affectedRows: number } = await manager.query(
        'INSERT IGNORE INTO view_flush_batch (id) VALUES (?)',
        [batch.id],
      );
      if (claimed.affectedRows === 0) {
        this.logger.warn(`view batch ${batch.id} was already written; not counting it again`);
        return { innovations: 0, views: 0 };
      }
      // counts of innovations deleted since they were viewed are dropped; the rows found stay
      // locked until the commit, so none can disappear between the counter update and the day rows
      const existing = await this.lockExisting(manager, [
        ...new Set(batch.counts.map((c) => c.innovationId)),
      ]);
      const counts = batch.counts
        .filter((c) => existing.has(c.innovationId))
        .sort((a, b) => a.innovationId - b.innovationId || a.day.localeCompare(b.day));
      const totals = new Map<number, number>();
      for (const c of counts) totals.set(c.innovationId, (totals.get(c.innovationId) ?? 0) + c.views);
      await this.addToCounters(manager, [...totals]);
      await this.addToDays(manager, counts);
      return { innovations: totals.size, views: counts.reduce((sum, c) => sum + c.views, 0) };
    });
  }

  private async lockExisting(manager: EntityManager, ids: number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (const chunk of chunks(ids.sort((a, b) => a - b))) {
      const rows: Array<{ id: number }> = await manager.query(
        `SELECT id FROM innovation WHERE id IN (${placeholders(chunk.length)}) ORDER BY id FOR UPDATE`,
        chunk,
      );
      for (const row of rows) found.add(Number(row.id));
    }
    return found;
  }

  /** `view_count += n` for many innovations per statement; `updated_at` keeps meaning "content changed". */
  private async addToCounters(manager: EntityManager, totals: Array<[number, number]>): Promise<void> {
    for (const chunk of chunks(totals)) {
      await manager.query(
        `UPDATE innovation
            SET view_count = view_count + CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END,
                updated_at = updated_at
          WHERE id IN (${placeholders(chunk.length)})`,
        [...chunk.flat(), ...chunk.map(([id]) => id)],
      );
    }
  }

  private async addToDays(manager: EntityManager, counts: DayCount[]): Promise<void> {
    for (const chunk of chunks(counts)) {
      await manager.query(
        `INSERT INTO innovation_view_day (innovation_id, day, views)
         VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE views = views + VALUES(views)`,
        chunk.flatMap((c) => [c.innovationId, c.day, c.views]),
      );
    }
  }

  private async purgeOldBatchIds(): Promise<number> {
    const result: { affectedRows: number } = await this.dataSource.query(
      'DELETE FROM view_flush_batch WHERE created_at < NOW(3) - INTERVAL ? DAY',
      [KEEP_BATCH_IDS_DAYS],
    );
    return result.affectedRows;
  }
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
