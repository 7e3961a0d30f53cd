import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType()
@Entity('innovation_award')
export class InnovationAward {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  @Field(() => Int)
  @Column({ name: 'innovation_id' })
  innovationId: number;

  @Field()
  @Column()
  competition: string;

  @Field(() => Int)
  @Column()
  year: number;

  @Field()
  @Column()
  level: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  title: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
