import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType()
@Entity('agency')
export class Agency {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  @Field()
  @Column()
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'short_name', type: 'varchar', nullable: true })
  shortName: string | null;

  @Field()
  @Column()
  type: string;

  @Column({ name: 'region_code' })
  regionCode: string;

  @Column({ name: 'province_code' })
  provinceCode: string;

  @Column({ name: 'parent_id', type: 'int', nullable: true })
  parentId: number | null;

  @Column('boolean')
  active: boolean;

  @Column()
  version: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
