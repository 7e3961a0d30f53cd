import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A competition category. KIPP's categories changed almost every year, so they are rows keyed by
 * competition year, not an enum.
 */
@ObjectType({ description: 'An innovation category, as defined for one competition year.' })
@Entity('innovation_category')
@Index(['competitionYear', 'code'], { unique: true })
export class InnovationCategory {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Field(() => Int, { description: 'The competition year whose rules define this category.' })
  @Column({ type: 'smallint', unsigned: true })
  competitionYear: number;

  @Field({ description: 'Stable code within the year, e.g. KESEHATAN.' })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Field({ description: 'Name in Bahasa Indonesia.' })
  @Column({ type: 'varchar', length: 160 })
  name: string;

  @Field({ description: 'Name in English.' })
  @Column({ type: 'varchar', length: 160 })
  nameEn: string;
}
