import { CreatedAtColumn } from '../database/timestamp-columns';
import type { JsonObject } from '../json/json';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what, with the state before and after; written in the change's own transaction. */
@Entity('audit_log')
@Index(['entityType', 'entityId'])
@Index(['actorUserId', 'createdAt'])
export class AuditLog {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  /** Null for the system (jobs, seeds). */
  @Column({ type: 'int', unsigned: true, nullable: true })
  actorUserId: number | null;

  /** What happened, e.g. `agency.update`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  entityType: string;

  @Column({ type: 'varchar', length: 64 })
  entityId: string;

  @Column({ type: 'json', nullable: true })
  before: JsonObject | null;

  @Column({ type: 'json', nullable: true })
  after: JsonObject | null;

  @CreatedAtColumn()
  createdAt: Date;
}
