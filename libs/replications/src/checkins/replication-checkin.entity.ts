import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Replication } from '../replications/replication.entity';

/** Check-ins fall due 6, 12 and 24 months after implementation. */
export const CHECKIN_MONTHS = [6, 12, 24] as const;

/** A check-in that fell due: the adopter is asked to update its outcomes. One row per (replication, months). */
@ObjectType({ description: 'A check-in that fell due after implementation.' })
@Entity('replication_checkin')
@Index(['dueAt'])
export class ReplicationCheckin {
  @ManyToOne(() => Replication, { nullable: false, onDelete: 'RESTRICT' })
  replication?: Relation<Replication>;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int', unsigned: true })
  replicationId: number;

  @Field(() => Int, { description: '6, 12 or 24 months after implementation.' })
  @PrimaryColumn({ type: 'tinyint', unsigned: true })
  months: number;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'datetime', precision: 3 })
  dueAt: Date;

  /** When the job raised it (wrote its outbox event). */
  @Field(() => GraphQLISODateTime)
  @Column({ type: 'datetime', precision: 3 })
  raisedAt: Date;
}
