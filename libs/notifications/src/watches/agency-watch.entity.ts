import { Agency } from '@jipp/agencies';
import { User } from '@jipp/auth';
import { CreatedAtColumn } from '@jipp/core';
import { Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/** A user watching an agency: they hear about each innovation it publishes. */
@Entity('agency_watch')
@Index(['userId', 'agencyId'])
export class AgencyWatch {
  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  agency?: Relation<Agency>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  agencyId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  userId: number;

  @CreatedAtColumn()
  createdAt: Date;
}
