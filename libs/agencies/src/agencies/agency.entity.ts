import { CreatedAtColumn, UpdatedAtColumn } from '@jipp/core';
import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Region } from '@jipp/regions';
import { AgencyType } from './agency-type';

/** A ministry, institution, local government or enterprise (instansi). */
@ObjectType({ description: 'An agency (instansi): a ministry, institution, local government or enterprise.' })
@Entity('agency')
@Index(['type', 'regionCode'])
@Index(['provinceCode', 'type'])
export class Agency {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Field()
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Short name, e.g. KemenPANRB, Pemkab Banyuwangi.' })
  @Column({ type: 'varchar', length: 60, nullable: true })
  shortName: string | null;

  @Field(() => AgencyType)
  @Column({ type: 'enum', enum: AgencyType })
  type: AgencyType;

  @ManyToOne(() => Region, { nullable: false, onDelete: 'RESTRICT' })
  region?: Relation<Region>;

  @Field({ description: 'Kemendagri code of the region the agency serves or sits in.' })
  @Column({ type: 'varchar', length: 13 })
  regionCode: string;

  /** Denormalised from the region so province filters use an index. */
  @Field()
  @Column({ type: 'varchar', length: 13 })
  provinceCode: string;

  @ManyToOne(() => Agency, { nullable: true, onDelete: 'SET NULL' })
  parent?: Relation<Agency> | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', unsigned: true, nullable: true })
  parentId: number | null;

  @Field({ description: 'Deactivated agencies stay in history but take no new members.' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Int, { description: 'Pass it back when updating: a stale version is refused with CONFLICT.' })
  @VersionColumn({ type: 'int', unsigned: true, default: 1 })
  version: number;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  @UpdatedAtColumn()
  updatedAt: Date;
}
