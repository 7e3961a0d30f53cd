import { Network } from '@jipp/agencies';
import { AppError, type AuthUser, Role, runInTransaction, writeAudit } from '@jipp/core';
import type { LoaderFactory } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { HubPublishAlerts, HubPublishAlertsSetting } from './hub-publish-alerts.entity';

/** A hub's publish alerts: set by its coordinators or a national admin, read by anyone. */
@Injectable()
export class HubPublishAlertsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ofHubs(hubIds: readonly number[]): Promise<Map<number, HubPublishAlerts>> {
    if (hubIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(HubPublishAlertsSetting)
      .createQueryBuilder('s')
      .where('s.networkId IN (:...ids)', { ids: [...hubIds] })
      .getMany();
    return new Map(rows.map((r) => [r.networkId, r.alerts]));
  }

  async set(actor: AuthUser, hubId: number, alerts: HubPublishAlerts): Promise<Network> {
    return runInTransaction(this.dataSource, async (manager) => {
      const hub = await manager.getRepository(Network).findOneBy({ id: hubId });
      if (!hub) throw AppError.notFound('Network', hubId);
      if (actor.role !== Role.ADMIN) {
        const coordinates: unknown[] = await manager.query(
          'SELECT 1 FROM network_coordinator WHERE network_id = ? AND user_id = ? LIMIT 1',
          [hubId, actor.id],
        );
        if (actor.role !== Role.COORDINATOR || coordinates.length === 0)
          throw AppError.forbidden("Only the hub's coordinators or a national admin set its publish alerts.");
      }
      const before = await manager
        .getRepository(HubPublishAlertsSetting)
        .findOne({ where: { networkId: hubId }, lock: { mode: 'pessimistic_write' } });
      await manager.query(
        `INSERT INTO hub_publish_alerts (network_id, alerts, updated_by_user_id) VALUES (?, ?, ?)
         ON DUPLICATE KEY UPDATE alerts = VALUES(alerts), updated_by_user_id = VALUES(updated_by_user_id)`,
        [hubId, alerts, actor.id],
      );
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'network.set_publish_alerts',
        entityType: 'network',
        entityId: hubId,
        before: { alerts: before?.alerts ?? HubPublishAlerts.OFF },
        after: { alerts },
      });
      return hub;
    });
  }
}

/** A hub's publish alerts, batched per request (OFF when never set). */
@Injectable()
export class HubPublishAlertsLoader implements LoaderFactory<number, HubPublishAlerts> {
  constructor(private readonly alerts: HubPublishAlertsService) {}

  create(): DataLoader<number, HubPublishAlerts> {
    return new DataLoader(async (ids) => {
      const byHub = await this.alerts.ofHubs(ids);
      return ids.map((id) => byHub.get(id) ?? HubPublishAlerts.OFF);
    });
  }
}
