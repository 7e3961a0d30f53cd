import { CreatedAtColumn } from '@jipp/core';
import { Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Network } from './network.entity';

/** An agency's membership of a hub. */
@Entity('network_member')
@Index(['agencyId'])
export class NetworkMember {
  @PrimaryColumn({ type: 'int', unsigned: true })
  networkId: number;

  @PrimaryColumn({ type: 'int', unsigned: true })
  agencyId: number;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  network?: Relation<Network>;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  agency?: Relation<Agency>;

  @CreatedAtColumn()
  joinedAt: Date;
}
