import { Network } from '@jipp/agencies';
import { UpdatedAtColumn } from '@jipp/core';
import { registerEnumType } from '@nestjs/graphql';
import { Column, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/** Which newly published innovations a hub's members hear about. */
export enum HubPublishAlerts {
  /** None (the default): members hear only of the agencies they watch. */
  OFF = 'OFF',
  /** Innovations published by the hub's own member agencies. */
  HUB_INNOVATIONS = 'HUB_INNOVATIONS',
  /** Every innovation published in the catalogue. */
  ALL = 'ALL',
}

registerEnumType(HubPublishAlerts, {
  name: 'HubPublishAlerts',
  description:
    "Which newly published innovations a hub's member agencies' users are told about: OFF, HUB_INNOVATIONS (by the hub's own agencies) or ALL.",
});

/** A hub's opt-in to publish alerts for its members; without a row, OFF. */
@Entity('hub_publish_alerts')
export class HubPublishAlertsSetting {
  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  network?: Relation<Network>;

  @PrimaryColumn({ type: 'int', unsigned: true })
  networkId: number;

  @Column({ type: 'enum', enum: HubPublishAlerts })
  alerts: HubPublishAlerts;

  @Column({ type: 'int', unsigned: true, nullable: true })
  updatedByUserId: number | null;

  @UpdatedAtColumn()
  updatedAt: Date;
}
