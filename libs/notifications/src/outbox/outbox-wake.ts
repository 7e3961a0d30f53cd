import { AppConfig, OutboxEvent, REDIS_CLIENT } from '@jipp/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type {
  DataSource,
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/** The Redis pub/sub channel on which committed outbox rows wake the relays, under the deployment's prefix. */
export function outboxWakeChannel(config: AppConfig): string {
  return config.redisKey('outbox', 'wake');
}

/**
 * Wakes the outbox relays as soon as a transaction that wrote outbox rows has committed, so that an
 * event does not wait for the relay's next idle poll (OUTBOX_RELAY_IDLE_MS). A TypeORM subscriber
 * on the process's data source: it notes the transactions that insert into `outbox_event` through
 * TypeORM (as `appendOutbox` does) and publishes one message on {@link outboxWakeChannel} after the
 * outermost commit; a rolled-back transaction wakes no one.
 *
 * Only a hint, never a carrier: the message holds no event, any number of relays may hear it (their
 * `SKIP LOCKED` claim keeps each event to one), and a wake that is lost (Redis down, a row written
 * by raw SQL, a relay busy or starting) costs only latency, since the relays still poll.
 */
@Injectable()
export class OutboxWakeSignal implements EntitySubscriberInterface<OutboxEvent> {
  private readonly logger = new Logger(OutboxWakeSignal.name);
  private readonly channel: string;
  /** Transactions that inserted outbox rows and have not ended yet. */
  private readonly pending = new WeakSet<QueryRunner>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.channel = outboxWakeChannel(config);
    dataSource.subscribers.push(this);
  }

  listenTo(): typeof OutboxEvent {
    return OutboxEvent;
  }

  afterInsert(event: InsertEvent<OutboxEvent>): void {
    if (event.queryRunner.isTransactionActive) this.pending.add(event.queryRunner);
    else this.wake();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // a released savepoint leaves the transaction open: only the outermost commit makes rows visible
    if (event.queryRunner.isTransactionActive) return;
    if (this.pending.delete(event.queryRunner)) this.wake();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  /** Not awaited: the change is committed whatever Redis does, and the relays' poll is the fallback. */
  private wake(): void {
    // a disconnected client would only queue the message until it is stale
    if (this.redis.status !== 'ready') return;
    this.redis.publish(this.channel, '').catch((error: Error) => {
      this.logger.debug(`could not wake the outbox relays: ${error.message}`);
    });
  }
}
