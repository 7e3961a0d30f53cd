import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which adopter agencies (A) and innovations (I) a group holds, per request year, with how many of
 * the group's replications they account for: distinct counts are made from these rows.
 */
@Entity('analytics_spread_member')
export class SpreadMember {
  @PrimaryColumn({ type: 'char', length: 1 })
  dim: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  dimKey: string;

  @PrimaryColumn({ type: 'char', length: 1 })
  memberKind: string;

  @PrimaryColumn({ type: 'int', unsigned: true })
  memberId: number;

  @PrimaryColumn({ type: 'smallint', unsigned: true })
  year: number;

  @Column({ type: 'int' })
  replications: number;
}
