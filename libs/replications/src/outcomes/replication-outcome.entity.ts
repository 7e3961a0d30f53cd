import { Innovation } from '@jipp/innovations';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UpdatedAtColumn, CreatedAtColumn } from '@jipp/core';
import { Replication } from '../replications/replication.entity';
import { OutcomeUnit } from './outcome-unit';

const decimal = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A before/after indicator: the origin's own (no replication) or a replica's, so that they can be
 * compared side by side.
 */
@ObjectType({ description: 'A before/after indicator, e.g. days to issue a birth certificate.' })
@Entity('outcome')
@Index(['innovationId', 'replicationId'])
@Index(['replicationId'])
export class Outcome {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @ManyToOne(() => Innovation, { nullable: false, onDelete: 'RESTRICT' })
  innovation?: Relation<Innovation>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  innovationId: number;

  @ManyToOne(() => Replication, { nullable: true, onDelete: 'RESTRICT' })
  replication?: Relation<Replication> | null;

  @Field(() => Int, { nullable: true, description: "Null for the origin agency's own outcome." })
  @Column({ type: 'int', unsigned: true, nullable: true })
  replicationId: number | null;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  indicator: string;

  @Field(() => OutcomeUnit)
  @Column({ type: 'enum', enum: OutcomeUnit })
  unit: OutcomeUnit;

  @Field(() => Float)
  @Column({ type: 'decimal', precision: 18, scale: 4, transformer: decimal })
  baselineValue: number;

  @Field({ description: 'YYYY-MM-DD' })
  @Column({ type: 'date' })
  baselineDate: string;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'decimal', precision: 18, scale: 4, nullable: true, transformer: decimal })
  latestValue: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ type: 'date', nullable: true })
  latestDate: string | null;

  @Field(() => String, { nullable: true, description: 'Where the figures come from.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  source: string | null;

  @Column({ type: 'int', unsigned: true, nullable: true })
  createdByUserId: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
