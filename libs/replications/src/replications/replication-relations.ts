import { Role, type AuthUser } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ReplicationRelation } from '../state/replication-state';

/** What the relations of a user to a replication depend on. */
export interface ReplicationParties {
  adopterAgencyId: number;
  originAgencyId: number;
}

/** How a user relates to a replication: adopter member, origin admin, coordinator of the adopter's hub. */
@Injectable()
export class ReplicationRelations {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(
    actor: AuthUser,
    parties: ReplicationParties,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<ReplicationRelation>> {
    const relations = new Set<ReplicationRelation>();
    if (actor.agencyId === parties.adopterAgencyId) relations.add(ReplicationRelation.ADOPTER_MEMBER);
    if (actor.role === Role.AGENCY_ADMIN && actor.agencyId === parties.originAgencyId) {
      relations.add(ReplicationRelation.ORIGIN_ADMIN);
    }
    if (
      actor.role === Role.COORDINATOR &&
      (await this.coordinatesHubOf(manager, actor.id, parties.adopterAgencyId))
    ) {
      relations.add(ReplicationRelation.HUB_COORDINATOR);
    }
    return relations;
  }

  /** Whether the user coordinates a hub that holds the agency. */
  async coordinatesHubOf(manager: EntityManager, userId: number, agencyId: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM network_coordinator c
         JOIN network_member m ON m.network_id = c.network_id
        WHERE c.user_id = ? AND m.agency_id = ? LIMIT 1`,
      [userId, agencyId],
    );
    return rows.length > 0;
  }
}
