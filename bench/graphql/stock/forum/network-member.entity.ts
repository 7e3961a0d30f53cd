import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An agency's membership of a hub: who may read the hub's forum. */
@Entity('network_member')
export class NetworkMember {
  @PrimaryColumn({ name: 'network_id' })
  networkId: number;

  @PrimaryColumn({ name: 'agency_id' })
  agencyId: number;

  @Column({ name: 'joined_at', type: 'datetime', precision: 3 })
  joinedAt: Date;
}
