import { Agency } from '@jipp/agencies';
import { CreatedAtColumn, UpdatedAtColumn } from '@jipp/core';
import { Innovation } from '@jipp/innovations';
import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { ReplicationStatus } from '../state/replication-state';

/** One agency's adoption of one innovation, walked through the ATM states. */
@ObjectType({ description: "One agency's adoption (replikasi) of an innovation, walked through ATM." })
@Entity('replication')
@Index(['innovationId', 'adopterAgencyId', 'status'])
@Index(['adopterAgencyId', 'status'])
@Index(['originAgencyId', 'status'])
@Index(['adopterProvinceCode', 'status'])
@Index(['status', 'lastEventAt'])
@Index(['status', 'implementedAt'])
@Index(['sourceReplicationId'])
export class Replication {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @ManyToOne(() => Innovation, { nullable: false, onDelete: 'RESTRICT' })
  innovation?: Relation<Innovation>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  innovationId: number;

  /** Denormalised from the innovation (which never changes owner) for "replications of our innovations". */
  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  originAgencyId: number;

  @ManyToOne(() => Agency, { nullable: false, onDelete: 'RESTRICT' })
  adopterAgency?: Relation<Agency>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  adopterAgencyId: number;

  /** Denormalised from the adopter agency (which never moves) so region filters use an index. */
  @Column({ type: 'varchar', length: 13 })
  adopterRegionCode: string;

  @Column({ type: 'varchar', length: 13 })
  adopterProvinceCode: string;

  @ManyToOne(() => Agency, { nullable: true, onDelete: 'RESTRICT' })
  facilitatorAgency?: Relation<Agency> | null;

  @Field(() => Int, { nullable: true, description: 'A hub or mentor agency that helps the adopter.' })
  @Column({ type: 'int', unsigned: true, nullable: true })
  facilitatorAgencyId: number | null;

  @ManyToOne(() => Replication, { nullable: true, onDelete: 'RESTRICT' })
  sourceReplication?: Relation<Replication> | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The replication whose adapted version this one copies (lineage); null when copied from the origin.',
  })
  @Column({ type: 'int', unsigned: true, nullable: true })
  sourceReplicationId: number | null;

  @Field(() => ReplicationStatus)
  @Column({ type: 'enum', enum: ReplicationStatus, default: ReplicationStatus.REQUESTED })
  status: ReplicationStatus;

  @Field(() => ReplicationStatus, {
    nullable: true,
    description: 'While STALLED: the state it will resume to.',
  })
  @Column({ type: 'enum', enum: ReplicationStatus, nullable: true })
  stalledFrom: ReplicationStatus | null;

  @Field({ description: 'Why the adopter wants it, from the request.' })
  @Column({ type: 'text' })
  requestNote: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Field(() => String, { nullable: true, description: 'Why nothing was modified, when that is the case.' })
  @Column({ type: 'text', nullable: true })
  noModificationNote: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The day the adopted innovation went live (YYYY-MM-DD).',
  })
  @Column({ type: 'date', nullable: true })
  implementationDate: string | null;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'datetime', precision: 3 })
  requestedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  approvedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  observingAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  imitatingAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  modifyingAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  implementedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  sustainedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it ended: rejected or withdrawn.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  stalledAt: Date | null;

  /** The last transition or evidence; the escalation job stalls replications idle for too long. */
  @Field(() => GraphQLISODateTime)
  @Column({ type: 'datetime', precision: 3 })
  lastEventAt: Date;

  @Column({ type: 'int', unsigned: true, nullable: true })
  requestedByUserId: number | null;

  @Field(() => Int, { description: 'Pass it back with each step: a stale version is refused with CONFLICT.' })
  @VersionColumn({ type: 'int', unsigned: true, default: 1 })
  version: number;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  @UpdatedAtColumn()
  updatedAt: Date;
}
