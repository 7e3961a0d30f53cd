import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Distinct members of a group, bucketed so that the usual year ranges are sums: Y = members with a
 * replication in that year, F = members whose first year in the group is that year, L = whose last
 * year is, A = members in any year (one row, year 0). "All years" is its A row, "from year f" the
 * sum of L over years ≥ f, "up to year t" the sum of F over years ≤ t, one year its Y.
 */
@Entity('analytics_spread_distinct')
@Index(['dim', 'bucket', 'year'])
export class SpreadDistinct {
  @PrimaryColumn({ type: 'char', length: 1 })
  dim: string;

  /** Second in the key: a grouping's bucket (all years, a year range) is one range of it. */
  @PrimaryColumn({ type: 'char', length: 1 })
  bucket: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  dimKey: string;

  @PrimaryColumn({ type: 'char', length: 1 })
  memberKind: string;

  @PrimaryColumn({ type: 'smallint', unsigned: true })
  year: number;

  @Column({ type: 'int' })
  members: number;
}
