import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Replications of one group and state over all years: what most dashboard answers ask for, read
 * without summing a row per year (`analytics_spread_cell` holds the years).
 */
@Entity('analytics_spread_total')
export class SpreadTotal {
  @PrimaryColumn({ type: 'char', length: 1 })
  dim: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  dimKey: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'int' })
  replications: number;
}
