import { ForumAccess, Thread } from '@jipp/forum';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AudienceSource } from './recipient-rules';

const ACTIVE = `u.status = 'ACTIVE'`;

/** Answers each audience source with the ids of active users, one statement each. */
@Injectable()
export class AudienceResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forumAccess: ForumAccess,
  ) {}

  async userIds(source: AudienceSource): Promise<number[]> {
    switch (source.kind) {
      case 'agencyAdmins':
        return this.ids(
          `SELECT u.id FROM \`user\` u WHERE u.agency_id = ? AND u.role = 'AGENCY_ADMIN' AND ${ACTIVE}`,
          [source.agencyId],
        );
      case 'agencyMembers':
        return this.ids(`SELECT u.id FROM \`user\` u WHERE u.agency_id = ? AND ${ACTIVE}`, [source.agencyId]);
      case 'hubCoordinatorsOfAgency':
        return this.ids(
          `SELECT DISTINCT u.id FROM network_member m
             JOIN network_coordinator c ON c.network_id = m.network_id
             JOIN \`user\` u ON u.id = c.user_id AND u.role = 'COORDINATOR' AND ${ACTIVE}
            WHERE m.agency_id = ?`,
          [source.agencyId],
        );
      case 'hubCoordinators':
        return this.coordinatorsOf(source.hubIds);
      case 'threadModerators': {
        const thread = await this.dataSource.getRepository(Thread).findOneBy({ id: source.threadId });
        return thread ? this.coordinatorsOf((await this.forumAccess.scopeOf(thread)).hubIds) : [];
      }
      case 'innovationWatchers':
        return this.watchers('innovation_watch', 'innovation_id', source.innovationId);
      case 'replicationWatchers':
        return this.watchers('replication_watch', 'replication_id', source.replicationId);
      case 'agencyWatchers':
        return this.watchers('agency_watch', 'agency_id', source.agencyId);
      case 'threadWatchers':
        // a hub thread's watcher whose agency has left the hub (and who does not coordinate it) may no
        // longer read it, so is not told
        return this.ids(
          `SELECT u.id FROM thread_watch w
             JOIN thread t ON t.id = w.thread_id
             JOIN \`user\` u ON u.id = w.user_id AND ${ACTIVE}
            WHERE w.thread_id = ?
              AND (t.subject <> 'HUB' OR u.role = 'ADMIN'
                   OR EXISTS (SELECT 1 FROM network_member m WHERE m.network_id = t.hub_id AND m.agency_id = u.agency_id)
                   OR (u.role = 'COORDINATOR'
                       AND EXISTS (SELECT 1 FROM network_coordinator c WHERE c.network_id = t.hub_id AND c.user_id = u.id)))`,
          [source.threadId],
        );
      case 'publishAlertMembers':
        return this.ids(
          `SELECT DISTINCT u.id FROM hub_publish_alerts s
             JOIN network_member m ON m.network_id = s.network_id
             JOIN \`user\` u ON u.agency_id = m.agency_id AND ${ACTIVE}
            WHERE s.alerts = 'ALL'
               OR (s.alerts = 'HUB_INNOVATIONS'
                   AND EXISTS (SELECT 1 FROM network_member o WHERE o.network_id = s.network_id AND o.agency_id = ?))`,
          [source.originAgencyId],
        );
      case 'users':
        return source.userIds.length
          ? this.ids(`SELECT u.id FROM \`user\` u WHERE u.id IN (?) AND ${ACTIVE}`, [source.userIds])
          : [];
    }
  }

  private coordinatorsOf(hubIds: number[]): Promise<number[]> | number[] {
    if (hubIds.length === 0) return [];
    return this.ids(
      `SELECT DISTINCT u.id FROM network_coordinator c
         JOIN \`user\` u ON u.id = c.user_id AND u.role = 'COORDINATOR' AND ${ACTIVE}
        WHERE c.network_id IN (?)`,
      [hubIds],
    );
  }

  private watchers(table: string, column: string, id: number): Promise<number[]> {
    return this.ids(
      `SELECT u.id FROM ${table} w JOIN \`user\` u ON u.id = w.user_id AND ${ACTIVE} WHERE w.${column} = ?`,
      [id],
    );
  }

  private async ids(sql: string, params: unknown[]): Promise<number[]> {
    const rows = await this.dataSource.query<Array<{ id: number | string }>>(sql, params);
    return rows.map((r) => Number(r.id));
  }
}
