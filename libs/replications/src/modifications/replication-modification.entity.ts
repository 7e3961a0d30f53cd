import { CreatedAtColumn } from '@jipp/core';
import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Replication } from '../replications/replication.entity';
import { ModificationAspect } from './modification-aspect';

/** What the adopter changed, and why. */
@ObjectType({ description: 'What the adopter changed (Modifikasi), and why.' })
@Entity('replication_modification')
@Index(['replicationId', 'id'])
export class ReplicationModification {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @ManyToOne(() => Replication, { nullable: false, onDelete: 'RESTRICT' })
  replication?: Relation<Replication>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  replicationId: number;

  @Field(() => ModificationAspect)
  @Column({ type: 'enum', enum: ModificationAspect })
  aspect: ModificationAspect;

  @Field()
  @Column({ type: 'text' })
  whatChanged: string;

  @Field()
  @Column({ type: 'text' })
  why: string;

  @Column({ type: 'int', unsigned: true, nullable: true })
  createdByUserId: number | null;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;
}
