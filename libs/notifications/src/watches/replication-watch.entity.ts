import { User } from '@jipp/auth';
import { CreatedAtColumn } from '@jipp/core';
import { Replication } from '@jipp/replications';
import { Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/** A user watching a replication: they hear about each of its steps. */
@Entity('replication_watch')
@Index(['userId', 'replicationId'])
export class ReplicationWatch {
  @ManyToOne(() => Replication, { onDelete: 'CASCADE' })
  replication?: Relation<Replication>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  replicationId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  userId: number;

  @CreatedAtColumn()
  createdAt: Date;
}
