import { CreatedAtColumn } from '@jipp/core';
import { Entity, PrimaryColumn } from 'typeorm';

/**
 * A batch of view counts already written to the database. Recorded in the same transaction as the
 * counts, so a flush that is retried after a crash adds nothing twice.
 */
@Entity('view_flush_batch')
export class ViewFlushBatch {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @CreatedAtColumn()
  createdAt: Date;
}
