import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One replication as the rollups counted it: its state, request year and the groups it falls in
 * (adopter's province, regency, type, hubs; the innovation's category). The projector compares a
 * replication's current shape with this row and moves the counts by the difference, so an event
 * applied twice, late or out of order changes nothing; filtered questions the rollups do not hold
 * are answered from this flat table instead of the joined base tables.
 */
@Entity('analytics_replication_fact')
@Index(['categoryId', 'year'])
@Index(['provinceCode', 'year'])
@Index(['innovationId', 'status'])
@Index(['adopterAgencyId'])
export class ReplicationFact {
  @PrimaryColumn({ type: 'int', unsigned: true })
  replicationId: number;

  @Column({ type: 'int', unsigned: true })
  innovationId: number;

  @Column({ type: 'int', unsigned: true })
  adopterAgencyId: number;

  @Column({ type: 'int', unsigned: true })
  categoryId: number;

  @Column({ type: 'varchar', length: 13 })
  provinceCode: string;

  /** The adopter's regency or city; null for a province government or a national body. */
  @Column({ type: 'varchar', length: 13, nullable: true })
  regencyCode: string | null;

  @Column({ type: 'varchar', length: 16 })
  agencyType: string;

  /** The adopter's hubs when counted, ascending, comma-separated ('' for none). */
  @Column({ type: 'varchar', length: 255, default: '' })
  hubIds: string;

  /** The request's year in Asia/Jakarta. */
  @Column({ type: 'smallint', unsigned: true })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  status: string;
}
