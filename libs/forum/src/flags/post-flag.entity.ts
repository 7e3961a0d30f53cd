import { CreatedAtColumn } from '@jipp/core';
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ModerationReason, Post } from '../posts/post.entity';

export enum FlagStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  DISMISSED = 'DISMISSED',
}

registerEnumType(FlagStatus, { name: 'FlagStatus' });

/** A reader's report of a post; one per reader and post. */
@ObjectType({ description: "A reader's report of a post." })
@Entity('post_flag')
@Index(['postId', 'userId'], { unique: true })
@Index(['status', 'createdAt'])
export class PostFlag {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @ManyToOne(() => Post, { nullable: false, onDelete: 'RESTRICT' })
  post?: Relation<Post>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  postId: number;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  userId: number;

  @Field(() => ModerationReason)
  @Column({ type: 'enum', enum: ModerationReason })
  reason: ModerationReason;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Field(() => FlagStatus)
  @Column({ type: 'enum', enum: FlagStatus, default: FlagStatus.OPEN })
  status: FlagStatus;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', unsigned: true, nullable: true })
  resolvedByUserId: number | null;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;
}
