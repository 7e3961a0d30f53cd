import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Replication } from '../replications/replication.entity';
import { ReplicationAction, ReplicationStatus } from '../state/replication-state';

/** One step of a replication's history. Append-only: never updated, never deleted. */
@ObjectType({ description: 'One step in the history of a replication.' })
@Entity('replication_event')
@Index(['replicationId', 'id'])
export class ReplicationEvent {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @ManyToOne(() => Replication, { nullable: false, onDelete: 'RESTRICT' })
  replication?: Relation<Replication>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  replicationId: number;

  @Field(() => Int, { nullable: true, description: 'Null for the platform itself (escalation).' })
  @Column({ type: 'int', unsigned: true, nullable: true })
  actorUserId: number | null;

  @Field(() => ReplicationAction, { nullable: true, description: 'Null for the request that created it.' })
  @Column({ type: 'enum', enum: ReplicationAction, nullable: true })
  action: ReplicationAction | null;

  @Field(() => ReplicationStatus, { nullable: true })
  @Column({ type: 'enum', enum: ReplicationStatus, nullable: true })
  fromStatus: ReplicationStatus | null;

  @Field(() => ReplicationStatus)
  @Column({ type: 'enum', enum: ReplicationStatus })
  toStatus: ReplicationStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true, description: 'A link to the evidence for this step.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  evidenceUrl: string | null;

  /** When it happened, by the platform's clock (jobs run with a controllable one). */
  @Field(() => GraphQLISODateTime)
  @Column({ type: 'datetime', precision: 3 })
  occurredAt: Date;
}
