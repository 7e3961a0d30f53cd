import { CreatedAtColumn } from '../database/timestamp-columns';
import type { JsonObject } from '../json/json';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event written in the same transaction as the change it describes; the worker's relay
 * later turns it into jobs (with the outbox id as the job id) and marks it dispatched.
 */
@Entity('outbox_event')
@Index(['dispatchedAt', 'id'])
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  /** e.g. `user.invited`, `replication.requested`. */
  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'varchar', length: 64 })
  aggregateType: string;

  @Column({ type: 'varchar', length: 64 })
  aggregateId: string;

  @Column({ type: 'int', unsigned: true, nullable: true })
  actorUserId: number | null;

  @Column({ type: 'json' })
  payload: JsonObject;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  dispatchedAt: Date | null;
}
