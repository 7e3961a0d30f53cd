import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Replications of one group, request year and state (additive: year ranges are sums). */
@Entity('analytics_spread_cell')
export class SpreadCell {
  /** The grouping (`SpreadDimension`): N national, P province, R regency, C category, H hub, T agency type. */
  @PrimaryColumn({ type: 'char', length: 1 })
  dim: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  dimKey: string;

  @PrimaryColumn({ type: 'smallint', unsigned: true })
  year: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'int' })
  replications: number;
}
