import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType()
@Entity('innovation_category')
export class InnovationCategory {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  @Field(() => Int)
  @Column({ name: 'competition_year' })
  competitionYear: number;

  @Field()
  @Column()
  code: string;

  @Field()
  @Column()
  name: string;

  @Field()
  @Column({ name: 'name_en' })
  nameEn: string;
}
