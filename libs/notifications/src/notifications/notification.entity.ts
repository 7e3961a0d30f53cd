import { User } from '@jipp/auth';
import { CreatedAtColumn } from '@jipp/core';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { NotificationMode, NotificationType } from '../notification-type';

/**
 * What one user is told about one outbox event: at most one per (event, user), whatever retries or
 * duplicated jobs do. It carries its texts in the recipient's language and the state of each
 * channel: `inApp` (the in-app list shows it) and `emailMode` / `emailSentAt` (for the e-mail jobs).
 */
@ObjectType({ description: 'Something that happened that concerns you.' })
@Entity('notification')
@Index(['outboxEventId', 'userId'], { unique: true })
@Index(['userId', 'inApp', 'id'])
@Index(['userId', 'inApp', 'readAt', 'id'])
@Index(['emailMode', 'emailSentAt', 'id'])
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  /** The outbox event it tells about (no foreign key: dispatched outbox rows may be purged). */
  @Column({ type: 'bigint', unsigned: true })
  outboxEventId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @Column({ type: 'int', unsigned: true })
  userId: number;

  @Field(() => NotificationType)
  @Column({ type: 'enum', enum: NotificationType })
  type: NotificationType;

  @Field(() => Int, {
    nullable: true,
    description: 'Who did it; null when the platform did (escalation, check-ins).',
  })
  @Column({ type: 'int', unsigned: true, nullable: true })
  actorUserId: number | null;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field()
  @Column({ type: 'varchar', length: 1000 })
  body: string;

  @Field({ description: 'Where it happened: a path of the web app, e.g. `/replications/42`.' })
  @Column({ type: 'varchar', length: 500 })
  link: string;

  /** Whether the in-app list shows it (false when the user turned in-app off for the type). */
  @Column({ type: 'boolean' })
  inApp: boolean;

  /** The e-mail the user asked for when it was made: INSTANT, DAILY (digest) or OFF. */
  @Column({ type: 'enum', enum: NotificationMode })
  emailMode: NotificationMode;

  /** When its e-mail (instant or digest) went out; null while it has not. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  emailSentAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When you read it; null while unread.' })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  readAt: Date | null;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;
}
