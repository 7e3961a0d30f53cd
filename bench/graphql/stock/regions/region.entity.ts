import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A province or a regency/city (one table, as the platform keeps them). */
@ObjectType()
@Entity('region')
export class Region {
  @Field()
  @PrimaryColumn()
  code: string;

  @Field()
  @Column()
  name: string;

  @Column({ type: 'enum', enum: ['PROVINCE', 'REGENCY'] })
  level: string;

  @Column({ type: 'enum', enum: ['KABUPATEN', 'KOTA'], nullable: true })
  kind: string | null;

  @Column({ name: 'province_code' })
  provinceCode: string;
}
