import { User } from '@jipp/auth';
import { UpdatedAtColumn } from '@jipp/core';
import { Column, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { NotificationChannel, NotificationMode, NotificationType } from '../notification-type';

/** A mode a user chose for one type on one channel; without a row, the default applies. */
@Entity('notification_preference')
export class NotificationPreference {
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  userId: number;

  @PrimaryColumn({ type: 'enum', enum: NotificationType })
  type: NotificationType;

  @PrimaryColumn({ type: 'enum', enum: NotificationChannel })
  channel: NotificationChannel;

  @Column({ type: 'enum', enum: NotificationMode })
  mode: NotificationMode;

  @UpdatedAtColumn()
  updatedAt: Date;
}
