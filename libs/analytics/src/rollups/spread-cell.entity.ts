import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Replications of one group, state and request year (additive: year ranges are sums). The key runs
 * group, state, year so that "per group and state" reads the index in order, with no temporary table.
 */
@Entity('analytics_spread_cell')
export class SpreadCell {
  /** The grouping (`SpreadDimension`): N national, P province, R regency, C category, H hub, T agency type. */
  @PrimaryColumn({ type: 'char', length: 1 })
  dim: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  dimKey: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  status: string;

  @PrimaryColumn({ type: 'smallint', unsigned: true })
  year: number;

  @Column({ type: 'int' })
  replications: number;
}
