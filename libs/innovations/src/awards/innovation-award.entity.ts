import { CreatedAtColumn } from '@jipp/core';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Innovation } from '../innovations/innovation.entity';
import { AwardCompetition, AwardLevel } from './award-enums';

/** A distinction an innovation received, e.g. KIPP 2019 Top 45. */
@ObjectType({ description: 'An award, e.g. KIPP 2019 Top 45.' })
@Entity('innovation_award')
@Index(['innovationId', 'competition', 'year', 'level'], { unique: true })
@Index(['competition', 'level', 'innovationId'])
export class InnovationAward {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @ManyToOne(() => Innovation, { nullable: false, onDelete: 'CASCADE' })
  innovation?: Relation<Innovation>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  innovationId: number;

  @Field(() => AwardCompetition)
  @Column({ type: 'enum', enum: AwardCompetition })
  competition: AwardCompetition;

  @Field(() => Int)
  @Column({ type: 'smallint', unsigned: true })
  year: number;

  @Field(() => AwardLevel)
  @Column({ type: 'enum', enum: AwardLevel })
  level: AwardLevel;

  @Field(() => String, { nullable: true, description: 'Name of the competition when it is OTHER.' })
  @Column({ type: 'varchar', length: 120, nullable: true })
  title: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
