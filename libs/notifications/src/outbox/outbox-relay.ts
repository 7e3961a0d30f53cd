import {
  AppConfig,
  JobName,
  QueueName,
  type JobPayloads,
  type JsonObject,
  type OutboxEventMessage,
} from '@jipp/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { fanOutJobId } from '../fan-out/job-ids';

/** Redis did not take the batch in time (down, or too slow): the rows stay undispatched. */
export class EnqueueTimeoutError extends Error {
  override readonly name = 'EnqueueTimeoutError';
}

interface OutboxRow {
  id: number | string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  actor_user_id: number | null;
  payload: JsonObject | string;
  created_at: Date;
}

export interface RelayHooks {
  /** Called after the batch is in Redis and before the rows are marked (the crash test's seam). */
  afterEnqueue?: (events: OutboxEventMessage[]) => void;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EnqueueTimeoutError(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The outbox relay: in one transaction, claims the oldest undispatched outbox rows (`FOR UPDATE SKIP
 * LOCKED`: a row another relay holds is skipped, so relays on any number of workers never enqueue an
 * event twice), enqueues a job for each into both consumer queues (notifications' fan-out, analytics) with the
 * outbox id as the job id, and marks them
 * dispatched only once Redis took them. When Redis does not answer within
 * OUTBOX_RELAY_ENQUEUE_TIMEOUT_MS the transaction rolls back and the rows wait for the next pass; an
 * enqueue that lands after all (or a crash between the enqueue and the commit) makes the next pass
 * enqueue the same job ids again, which BullMQ ignores, and the fan-out writes nothing twice anyway.
 */
@Injectable()
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly timeoutMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue<JobPayloads[JobName.FAN_OUT_EVENT]>,
    @InjectQueue(QueueName.ANALYTICS)
    private readonly analyticsQueue: Queue<JobPayloads[JobName.APPLY_ANALYTICS_EVENT]>,
    config: AppConfig,
  ) {
    this.batchSize = config.get('OUTBOX_RELAY_BATCH_SIZE');
    this.timeoutMs = config.get('OUTBOX_RELAY_ENQUEUE_TIMEOUT_MS');
  }

  get batch(): number {
    return this.batchSize;
  }

  /** Relays one batch; returns how many events it dispatched (0: nothing was waiting). */
  async relayBatch(hooks: RelayHooks = {}): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // READ COMMITTED: the locking read takes no gap locks, so the api's outbox inserts never wait on it
      await runner.startTransaction('READ COMMITTED');
      const rows: OutboxRow[] = await runner.query(
        `SELECT id, type, aggregate_type, aggregate_id, actor_user_id, payload, created_at
           FROM outbox_event
          WHERE dispatched_at IS NULL
          ORDER BY id
          LIMIT ?
            FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      const events = rows.map(toMessage);
      await this.enqueue(events);
      hooks.afterEnqueue?.(events);
      await runner.query('UPDATE outbox_event SET dispatched_at = ? WHERE id IN (?)', [
        new Date(),
        events.map((e) => e.id),
      ]);
      await runner.commitTransaction();
      return events.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * BullMQ's connection retries for ever and queues commands meanwhile: a disconnected client is
   * refused at once (nothing is queued behind the rollback), a slow one is given up on after the timeout.
   */
  private async enqueue(events: OutboxEventMessage[]): Promise<void> {
    const client = await withTimeout(this.queue.getBackend().client, this.timeoutMs, 'connecting to Redis');
    if (client.status !== 'ready') throw new EnqueueTimeoutError(`Redis is not connected (${client.status})`);
    // every consumer gets each event under the same job id: a repeated enqueue is ignored by each
    const jobs = (name: JobName) =>
      events.map((event) => ({ name, data: { event }, opts: { jobId: fanOutJobId(event.id) } }));
    await withTimeout(
      Promise.all([
        this.queue.addBulk(jobs(JobName.FAN_OUT_EVENT)),
        this.analyticsQueue.addBulk(jobs(JobName.APPLY_ANALYTICS_EVENT)),
      ]),
      this.timeoutMs,
      `enqueueing ${events.length} events`,
    );
  }
}

function toMessage(row: OutboxRow): OutboxEventMessage {
  // MariaDB keeps JSON columns as text; MySQL's driver parses them
  const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as JsonObject) : row.payload;
  return {
    id: Number(row.id),
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: String(row.aggregate_id),
    actorUserId: row.actor_user_id === null ? null : Number(row.actor_user_id),
    payload,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
