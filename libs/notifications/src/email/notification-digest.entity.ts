import { User } from '@jipp/auth';
import { CreatedAtColumn } from '@jipp/core';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';

/**
 * One user's daily digest of one day (Asia/Jakarta): claimed with INSERT IGNORE on the unique
 * (user, day) key before the e-mail goes out, so a digest job that runs twice sends nothing twice.
 */
@Entity('notification_digest')
@Index(['userId', 'day'], { unique: true })
export class NotificationDigest {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @Column({ type: 'int', unsigned: true })
  userId: number;

  /** The Asia/Jakarta day, `YYYY-MM-DD`. */
  @Column({ type: 'date' })
  day: string;

  /** The notifications the digest carries. */
  @Column({ type: 'int', unsigned: true })
  notificationCount: number;

  @CreatedAtColumn()
  createdAt: Date;
}
