import { CreatedAtColumn } from '@jipp/core';
import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A JIPP hub (jaringan): a region's agencies, its coordinators and its forum. */
@ObjectType({ description: 'A JIPP hub (jaringan): member agencies, coordinators and a forum.' })
@Entity('network')
export class Network {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Field()
  @Column({ type: 'varchar', length: 120, unique: true })
  name: string;

  @Field({ description: 'Stable URL name, e.g. `jipp-jawa-timur`.' })
  @Column({ type: 'varchar', length: 80, unique: true })
  slug: string;

  @Field(() => String, {
    nullable: true,
    description: 'The province the hub covers; null for the national network.',
  })
  @Column({ type: 'varchar', length: 13, nullable: true })
  provinceCode: string | null;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;
}
