import { User } from '@jipp/auth';
import { CreatedAtColumn } from '@jipp/core';
import { Thread } from '@jipp/forum';
import { Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/** A user watching a forum thread: they hear about each new post in it. */
@Entity('thread_watch')
@Index(['userId', 'threadId'])
export class ThreadWatch {
  @ManyToOne(() => Thread, { onDelete: 'CASCADE' })
  thread?: Relation<Thread>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  threadId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  userId: number;

  @CreatedAtColumn()
  createdAt: Date;
}
