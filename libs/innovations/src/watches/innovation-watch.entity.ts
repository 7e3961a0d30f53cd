import { User } from '@jipp/auth';
import { CreatedAtColumn } from '@jipp/core';
import { Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Innovation } from '../innovations/innovation.entity';

/** A user watching an innovation: the funnel's "interested", and who hears about it later. */
@Entity('innovation_watch')
@Index(['userId', 'innovationId'])
export class InnovationWatch {
  @ManyToOne(() => Innovation, { onDelete: 'CASCADE' })
  innovation?: Relation<Innovation>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  innovationId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  userId: number;

  @CreatedAtColumn()
  createdAt: Date;
}
