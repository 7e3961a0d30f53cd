import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Read for the access check only. */
@Entity('thread')
export class Thread {
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  @Column()
  subject: string;

  @Column({ name: 'hub_id', type: 'int', nullable: true })
  hubId: number | null;

  @Column({ name: 'innovation_id', type: 'int', nullable: true })
  innovationId: number | null;

  @Column({ name: 'replication_id', type: 'int', nullable: true })
  replicationId: number | null;

  @Column()
  title: string;

  @Column({ name: 'author_user_id' })
  authorUserId: number;

  @Column('boolean')
  pinned: boolean;

  @Column('boolean')
  locked: boolean;

  @Column({ name: 'slow_mode_seconds' })
  slowModeSeconds: number;

  @Column({ name: 'post_count' })
  postCount: number;

  @Column({ name: 'last_post_at', type: 'datetime', precision: 3, nullable: true })
  lastPostAt: Date | null;

  @Column({ name: 'last_activity_at', type: 'datetime', precision: 3 })
  lastActivityAt: Date;

  @Column()
  version: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
