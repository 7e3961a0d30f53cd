import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

// Millisecond precision everywhere, with a default of the same precision: MySQL refuses
// `datetime(3) DEFAULT CURRENT_TIMESTAMP(6)`, which is what TypeORM writes when left alone.
const NOW = 'CURRENT_TIMESTAMP(3)';

/** When the row was inserted, set by the database. */
export function CreatedAtColumn(): PropertyDecorator {
  return CreateDateColumn({ type: 'datetime', precision: 3, default: () => NOW });
}

/** When the row was last changed, set by the database on every update. */
export function UpdatedAtColumn(): PropertyDecorator {
  return UpdateDateColumn({ type: 'datetime', precision: 3, default: () => NOW, onUpdate: NOW });
}
