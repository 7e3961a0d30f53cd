import { Network } from '@jipp/agencies';
import { CreatedAtColumn } from '@jipp/core';
import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/** A user who may not post in a hub's forum (and its discussions) until a time. */
@ObjectType({ description: "A user muted in a hub's forum until a time." })
@Entity('hub_mute')
export class HubMute {
  @ManyToOne(() => Network, { nullable: false, onDelete: 'CASCADE' })
  hub?: Relation<Network>;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int', unsigned: true })
  hubId: number;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int', unsigned: true })
  userId: number;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'datetime', precision: 3 })
  mutedUntil: Date;

  @Field()
  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ type: 'int', unsigned: true })
  createdByUserId: number;

  @CreatedAtColumn()
  createdAt: Date;
}
