import { Network } from '@jipp/agencies';
import { CreatedAtColumn, UpdatedAtColumn } from '@jipp/core';
import { Innovation } from '@jipp/innovations';
import { Replication } from '@jipp/replications';
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Column,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';

/** What a thread is about: a hub's forum, or the discussion of one innovation or replication. */
export enum ThreadSubject {
  HUB = 'HUB',
  INNOVATION = 'INNOVATION',
  REPLICATION = 'REPLICATION',
}

registerEnumType(ThreadSubject, { name: 'ThreadSubject' });

/** A forum discussion. */
@ObjectType({ description: "A forum thread: in a hub's forum, or under an innovation or a replication." })
@Entity('thread')
@Index(['hubId', 'pinned', 'lastActivityAt', 'id'])
@Index(['innovationId', 'lastActivityAt', 'id'])
@Index(['replicationId', 'lastActivityAt', 'id'])
export class Thread {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Field(() => ThreadSubject)
  @Column({ type: 'enum', enum: ThreadSubject })
  subject: ThreadSubject;

  @ManyToOne(() => Network, { nullable: true, onDelete: 'RESTRICT' })
  hub?: Relation<Network> | null;

  @Field(() => Int, { nullable: true, description: 'The hub, for threads of a hub forum.' })
  @Column({ type: 'int', unsigned: true, nullable: true })
  hubId: number | null;

  @ManyToOne(() => Innovation, { nullable: true, onDelete: 'RESTRICT' })
  innovation?: Relation<Innovation> | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', unsigned: true, nullable: true })
  innovationId: number | null;

  @ManyToOne(() => Replication, { nullable: true, onDelete: 'RESTRICT' })
  replication?: Relation<Replication> | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', unsigned: true, nullable: true })
  replicationId: number | null;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  authorUserId: number;

  @Field()
  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  @Field({ description: 'Locked threads take no new posts.' })
  @Column({ type: 'boolean', default: false })
  locked: boolean;

  @Field(() => Int, { description: 'Seconds a user must wait between two posts in this thread (0: none).' })
  @Column({ type: 'int', unsigned: true, default: 0 })
  slowModeSeconds: number;

  @Field(() => Int, { description: 'Visible posts (not deleted).' })
  @Column({ type: 'int', unsigned: true, default: 0 })
  postCount: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastPostAt: Date | null;

  /** Creation, then the last post: orders threads (never null, so keyset-safe). */
  @Column({ type: 'datetime', precision: 3 })
  lastActivityAt: Date;

  @Field(() => Int)
  @VersionColumn({ type: 'int', unsigned: true, default: 1 })
  version: number;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  @UpdatedAtColumn()
  updatedAt: Date;
}
