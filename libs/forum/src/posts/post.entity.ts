import type { User } from '@jipp/auth';
import { CreatedAtColumn, UpdatedAtColumn } from '@jipp/core';
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Thread } from '../threads/thread.entity';

/** Why a post was hidden (shown to readers in place of the post) or flagged. */
export enum ModerationReason {
  SPAM = 'SPAM',
  ABUSE = 'ABUSE',
  OFF_TOPIC = 'OFF_TOPIC',
  PERSONAL_DATA = 'PERSONAL_DATA',
  MISINFORMATION = 'MISINFORMATION',
  OTHER = 'OTHER',
}

registerEnumType(ModerationReason, { name: 'ModerationReason' });

/** A post in a thread: Markdown as written, and the sanitised HTML rendered once, on write. */
@ObjectType({ description: 'A post. Deleted and hidden posts keep their place but not their body.' })
@Entity('post')
@Index(['threadId', 'id'])
@Index(['authorUserId', 'threadId', 'createdAt'])
export class Post {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @ManyToOne(() => Thread, { nullable: false, onDelete: 'RESTRICT' })
  thread?: Relation<Thread>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  threadId: number;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  authorUserId: number;

  /** The author with their agency, when the read joined them (a thread's page does). */
  author?: User;

  /** Markdown as the author wrote it. */
  @Column({ type: 'text' })
  body: string;

  /** Rendered and sanitised on write: no scripts, no event handlers, links rel="nofollow noopener". */
  @Column({ type: 'text' })
  bodyHtml: string;

  @ManyToOne(() => Post, { nullable: true, onDelete: 'RESTRICT' })
  replyTo?: Relation<Post> | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', unsigned: true, nullable: true })
  replyToPostId: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Set when the author edited it.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  editedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  hiddenAt: Date | null;

  @Field(() => ModerationReason, { nullable: true, description: 'Why a moderator (or the flags) hid it.' })
  @Column({ type: 'enum', enum: ModerationReason, nullable: true })
  hiddenReason: ModerationReason | null;

  /** Null with `hiddenAt` set: hidden automatically by flags, pending review. */
  @Column({ type: 'int', unsigned: true, nullable: true })
  hiddenByUserId: number | null;

  @Field(() => Int, { description: 'Open flags on the post.' })
  @Column({ type: 'int', unsigned: true, default: 0 })
  flagCount: number;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
