import type { OutboxEventMessage } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReplicationFeedItem } from '../feed/replication-feed';
import { ReplicationFeedPublisher } from '../feed/replication-feed.publisher';
import { withAnalyticsLock } from '../rollups/analytics-lock';
import { RollupWriter } from '../rollups/rollup-writer';
import {
  hubIdsOf,
  jakartaWeekStart,
  jakartaYear,
  regencyCodeOf,
  type FactShape,
} from '../spread/spread-dimension';
import { factDelta } from './fact-delta';

/** Outbox event types the analytics read (strings: the producing libs need not be imported). */
export const AnalyticsEventType = {
  REPLICATION_REQUESTED: 'replication.requested',
  REPLICATION_TRANSITIONED: 'replication.transitioned',
  FORUM_POST_CREATED: 'forum.post_created',
  /** Agencies joined or left a hub: their replications count in other hubs now. */
  NETWORK_MEMBERS_CHANGED: 'network.members_changed',
} as const;

const CONSUMED: ReadonlySet<string> = new Set(Object.values(AnalyticsEventType));

export interface ProjectionResult {
  /** Not an event the analytics read. */
  ignored: boolean;
  /** Applied before (a retried or duplicated job): its hub-week counts were not added again. */
  duplicate: boolean;
  /** Whether the replication's counted shape changed. */
  moved: boolean;
}

interface CurrentReplication extends FactShape {
  innovationTitle: string;
  adopterAgencyName: string;
  requestedAt: Date;
}

const num = (value: unknown): number => Number(value);

/**
 * Keeps the rollups current from outbox events. For a replication event it re-reads the
 * replication and moves the counts by the difference to what the rollups hold for it (so an event
 * seen twice, late or out of order changes nothing); what counts events rather than states (the
 * hub weeks) is added once per outbox id. Runs under the analytics lock, one event at a time.
 */
@Injectable()
export class AnalyticsProjector {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: ReplicationFeedPublisher,
  ) {}

  async apply(event: OutboxEventMessage): Promise<ProjectionResult> {
    if (!CONSUMED.has(event.type)) return { ignored: true, duplicate: false, moved: false };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let feedItem: ReplicationFeedItem | null = null;
    let result: ProjectionResult;
    try {
      result = await withAnalyticsLock(runner.manager, async () => {
        await runner.startTransaction('READ COMMITTED');
        try {
          const outcome = await this.applyIn(runner.manager, event);
          await runner.commitTransaction();
          feedItem = outcome.feedItem;
          return outcome.result;
        } catch (error) {
          await runner.rollbackTransaction().catch(() => undefined);
          throw error;
        }
      });
    } finally {
      await runner.release();
    }
    if (feedItem) await this.feed.publish(feedItem);
    return result;
  }

  private async applyIn(
    manager: EntityManager,
    event: OutboxEventMessage,
  ): Promise<{ result: ProjectionResult; feedItem: ReplicationFeedItem | null }> {
    const inserted = (await manager.query(
      'INSERT IGNORE INTO analytics_applied_event (outbox_event_id) VALUES (?)',
      [event.id],
    )) as { affectedRows: number };
    const duplicate = inserted.affectedRows === 0;
    const payload = event.payload;

    if (event.type === AnalyticsEventType.NETWORK_MEMBERS_CHANGED) {
      const agencyIds = Array.isArray(payload['agencyIds']) ? payload['agencyIds'].map(Number) : [];
      const moved = agencyIds.length > 0 && (await this.resyncAgencies(manager, agencyIds));
      return { result: { ignored: false, duplicate, moved }, feedItem: null };
    }
    if (event.type === AnalyticsEventType.FORUM_POST_CREATED) {
      const hubId = payload['hubId'];
      if (!duplicate && typeof hubId === 'number')
        await this.countPost(manager, hubId, num(payload['postId']));
      return { result: { ignored: false, duplicate, moved: false }, feedItem: null };
    }

    const replicationId = num(payload['replicationId']);
    const current = await this.readReplication(manager, replicationId);
    const moved = await this.sync(manager, replicationId, current);
    let feedItem: ReplicationFeedItem | null = null;
    if (!duplicate && current) {
      const requested = event.type === AnalyticsEventType.REPLICATION_REQUESTED;
      const at = requested ? current.requestedAt : await this.eventTime(manager, num(payload['eventId']));
      if (at) {
        const to = String(payload['to'] ?? current.status);
        await this.countStep(manager, current, at, requested, to);
        feedItem = {
          replicationId,
          innovationId: current.innovationId,
          innovationTitle: current.innovationTitle,
          adopterAgencyName: current.adopterAgencyName,
          adopterProvinceCode: current.provinceCode,
          action: typeof payload['action'] === 'string' ? payload['action'] : null,
          from: typeof payload['from'] === 'string' ? payload['from'] : null,
          to,
          at: at.toISOString(),
        };
      }
    }
    return { result: { ignored: false, duplicate, moved }, feedItem };
  }

  /**
   * Every replication of these adopters, synced again (their hubs changed). Hub weeks already
   * counted stay with the hubs the agencies were in at the time.
   */
  private async resyncAgencies(manager: EntityManager, agencyIds: number[]): Promise<boolean> {
    const rows = (await manager.query(
      'SELECT id FROM replication WHERE adopter_agency_id IN (?) ORDER BY id',
      [agencyIds],
    )) as Array<{ id: number }>;
    let moved = false;
    for (const { id } of rows) {
      const replicationId = Number(id);
      moved =
        (await this.sync(manager, replicationId, await this.readReplication(manager, replicationId))) ||
        moved;
    }
    return moved;
  }

  /** Moves the rollups from what they hold for the replication to what it is now. */
  private async sync(
    manager: EntityManager,
    replicationId: number,
    current: CurrentReplication | null,
  ): Promise<boolean> {
    const [held] = (await manager.query(
      `SELECT innovation_id, adopter_agency_id, category_id, province_code, regency_code, agency_type,
              hub_ids, year, status
         FROM analytics_replication_fact WHERE replication_id = ?`,
      [replicationId],
    )) as Array<Record<string, unknown>>;
    const before: FactShape | null = held
      ? {
          innovationId: num(held['innovation_id']),
          adopterAgencyId: num(held['adopter_agency_id']),
          categoryId: num(held['category_id']),
          provinceCode: String(held['province_code']),
          regencyCode: held['regency_code'] === null ? null : String(held['regency_code']),
          agencyType: String(held['agency_type']),
          hubIds: String(held['hub_ids']),
          year: num(held['year']),
          status: String(held['status']),
        }
      : null;
    const after: FactShape | null = current && {
      innovationId: current.innovationId,
      adopterAgencyId: current.adopterAgencyId,
      categoryId: current.categoryId,
      provinceCode: current.provinceCode,
      regencyCode: current.regencyCode,
      agencyType: current.agencyType,
      hubIds: current.hubIds,
      year: current.year,
      status: current.status,
    };
    const { cells, members } = factDelta(before, after);
    if (cells.length === 0 && members.length === 0) return false;
    const writer = new RollupWriter(manager);
    await writer.applyCells(cells);
    await writer.applyMembers(members);
    if (!after) {
      await manager.query('DELETE FROM analytics_replication_fact WHERE replication_id = ?', [replicationId]);
      return true;
    }
    await manager.query(
      `INSERT INTO analytics_replication_fact
         (replication_id, innovation_id, adopter_agency_id, category_id, province_code, regency_code,
          agency_type, hub_ids, year, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE innovation_id = VALUES(innovation_id), adopter_agency_id = VALUES(adopter_agency_id),
         category_id = VALUES(category_id), province_code = VALUES(province_code),
         regency_code = VALUES(regency_code), agency_type = VALUES(agency_type), hub_ids = VALUES(hub_ids),
         year = VALUES(year), status = VALUES(status)`,
      [
        replicationId,
        after.innovationId,
        after.adopterAgencyId,
        after.categoryId,
        after.provinceCode,
        after.regencyCode,
        after.agencyType,
        after.hubIds,
        after.year,
        after.status,
      ],
    );
    return true;
  }

  /** The replication as it is now (the latest committed state), with the groups it falls in. */
  private async readReplication(manager: EntityManager, id: number): Promise<CurrentReplication | null> {
    const [row] = (await manager.query(
      `SELECT r.innovation_id, r.adopter_agency_id, r.status, r.requested_at, r.adopter_province_code,
              r.adopter_region_code, i.category_id, i.title, a.type, a.name,
              (SELECT COALESCE(GROUP_CONCAT(m.network_id ORDER BY m.network_id), '')
                 FROM network_member m WHERE m.agency_id = r.adopter_agency_id) AS hub_ids
         FROM replication r
         JOIN innovation i ON i.id = r.innovation_id
         JOIN agency a ON a.id = r.adopter_agency_id
        WHERE r.id = ?`,
      [id],
    )) as Array<Record<string, unknown>>;
    if (!row) return null;
    const requestedAt = new Date(row['requested_at'] as Date);
    return {
      innovationId: num(row['innovation_id']),
      adopterAgencyId: num(row['adopter_agency_id']),
      categoryId: num(row['category_id']),
      provinceCode: String(row['adopter_province_code']),
      regencyCode: regencyCodeOf(String(row['adopter_region_code'])),
      agencyType: String(row['type']),
      hubIds: String(row['hub_ids'] ?? ''),
      year: jakartaYear(requestedAt),
      status: String(row['status']),
      innovationTitle: String(row['title']),
      adopterAgencyName: String(row['name']),
      requestedAt,
    };
  }

  private async eventTime(manager: EntityManager, replicationEventId: number): Promise<Date | null> {
    const [row] = (await manager.query('SELECT occurred_at FROM replication_event WHERE id = ?', [
      replicationEventId,
    ])) as Array<{ occurred_at: Date }>;
    return row ? new Date(row.occurred_at) : null;
  }

  /** A request or a step, counted in the week it happened for each hub of the adopter. */
  private async countStep(
    manager: EntityManager,
    replication: CurrentReplication,
    at: Date,
    requested: boolean,
    to: string,
  ): Promise<void> {
    const hubs = hubIdsOf(replication);
    if (hubs.length === 0) return;
    const week = jakartaWeekStart(at);
    const [created, transitions, stalled] = requested ? [1, 0, 0] : [0, 1, to === 'STALLED' ? 1 : 0];
    await manager.query(
      `INSERT INTO analytics_hub_week (hub_id, week_start, new_replications, transitions, stalled, forum_posts)
       VALUES ?
       ON DUPLICATE KEY UPDATE new_replications = new_replications + VALUES(new_replications),
         transitions = transitions + VALUES(transitions), stalled = stalled + VALUES(stalled)`,
      [hubs.map((hubId) => [hubId, week, created, transitions, stalled, 0])],
    );
  }

  private async countPost(manager: EntityManager, hubId: number, postId: number): Promise<void> {
    const [post] = (await manager.query('SELECT created_at FROM post WHERE id = ?', [postId])) as Array<{
      created_at: Date;
    }>;
    if (!post) return;
    await manager.query(
      `INSERT INTO analytics_hub_week (hub_id, week_start, new_replications, transitions, stalled, forum_posts)
       VALUES (?, ?, 0, 0, 0, 1)
       ON DUPLICATE KEY UPDATE forum_posts = forum_posts + 1`,
      [hubId, jakartaWeekStart(new Date(post.created_at))],
    );
  }
}
