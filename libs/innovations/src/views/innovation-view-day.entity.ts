import { Column, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Innovation } from '../innovations/innovation.entity';

/** Distinct viewers of an innovation on one day (Asia/Jakarta), flushed from Redis in batches. */
@Entity('innovation_view_day')
export class InnovationViewDay {
  @ManyToOne(() => Innovation, { onDelete: 'CASCADE' })
  innovation?: Relation<Innovation>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  innovationId: number;

  /** YYYY-MM-DD. */
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'int', unsigned: true, default: 0 })
  views: number;
}
