import { CreatedAtColumn } from '@jipp/core';
import { Entity, PrimaryColumn } from 'typeorm';

/** An outbox event whose counts the hub weeks hold: a second delivery of it adds nothing. */
@Entity('analytics_applied_event')
export class AppliedEvent {
  @PrimaryColumn({ type: 'bigint', unsigned: true })
  outboxEventId: string;

  @CreatedAtColumn()
  appliedAt: Date;
}
