import { CreatedAtColumn } from '@jipp/core';
import { Network } from '@jipp/agencies';
import { Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from './user.entity';

/** A coordinator's scope: the hubs they coordinate. */
@Entity('network_coordinator')
@Index(['userId'])
export class NetworkCoordinator {
  @PrimaryColumn({ type: 'int', unsigned: true })
  networkId: number;

  @PrimaryColumn({ type: 'int', unsigned: true })
  userId: number;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  network?: Relation<Network>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @CreatedAtColumn()
  assignedAt: Date;
}
