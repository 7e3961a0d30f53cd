import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A hub's week (Monday, Asia/Jakarta): what its member agencies and its forum did. */
@Entity('analytics_hub_week')
export class HubWeek {
  @PrimaryColumn({ type: 'int', unsigned: true })
  hubId: number;

  @PrimaryColumn({ type: 'date' })
  weekStart: string;

  @Column({ type: 'int', default: 0 })
  newReplications: number;

  @Column({ type: 'int', default: 0 })
  transitions: number;

  @Column({ type: 'int', default: 0 })
  stalled: number;

  @Column({ type: 'int', default: 0 })
  forumPosts: number;
}
