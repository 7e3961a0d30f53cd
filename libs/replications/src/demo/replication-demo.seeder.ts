import { Agency, AgencyType, SEED_HUBS } from '@jipp/agencies';
import { DEMO_USERS, User } from '@jipp/auth';
import { Role } from '@jipp/core';
import { DEMO_INNOVATIONS, InnovationStatus, slugOf } from '@jipp/innovations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, type EntityTarget, In, type ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ReplicationCheckin } from '../checkins/replication-checkin.entity';
import { ReplicationDocument } from '../documents/replication-document.entity';
import { ReplicationEvent } from '../events/replication-event.entity';
import { ReplicationModification } from '../modifications/replication-modification.entity';
import { Outcome } from '../outcomes/replication-outcome.entity';
import { Replication } from '../replications/replication.entity';
import { AGREED_STATES, REPLICATED_STATES } from '../state/replication-state';
import {
  DEMO_REPLICATION_MARKER,
  type DemoInnovationRef,
  type DemoReplicationPlan,
  planDemoReplications,
} from './demo-replication-plan';

export interface DemoReplicationsResult {
  /** False when demo replications were already there: nothing was written. */
  created: boolean;
  replications: number;
  events: number;
  modifications: number;
  outcomes: number;
  documents: number;
  checkins: number;
}

const CHUNK = 500;
const LOCK_NAME = 'jipp.seed.demo-replications';
const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * Seeds a few hundred demo replications of the demo catalogue, with their whole history, in one
 * transaction and bulk inserts. Idempotent: when any demo replication exists (their request notes end
 * with the demo marker), it writes nothing. The rows are what the service would have written, minus
 * the audit rows and outbox events: a demo's history is not news, and nobody is notified of it.
 */
@Injectable()
export class ReplicationDemoSeeder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async seed(now = new Date()): Promise<DemoReplicationsResult> {
    const none: DemoReplicationsResult = {
      created: false,
      replications: 0,
      events: 0,
      modifications: 0,
      outcomes: 0,
      documents: 0,
      checkins: 0,
    };
    if (await this.demoExists(this.dataSource.manager)) return none;
    const plan = await this.plan(now);
    if (plan.replications.length === 0) return none;
    return this.dataSource.transaction(async (manager) => {
      // two seeds at once write once: a named lock (no row locks), then the same question again
      await manager.query('SELECT GET_LOCK(?, 60)', [LOCK_NAME]);
      try {
        if (await this.demoExists(manager)) return none;
        return await this.write(manager, plan);
      } finally {
        await manager.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
      }
    });
  }

  /** The plan for this database: its innovations, agencies and demo users. */
  async plan(now: Date): Promise<DemoReplicationPlan> {
    const slugs = DEMO_INNOVATIONS.map((entry) => slugOf(entry.title));
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT i.id, i.slug, i.title, c.code AS category_code, i.origin_agency_id, i.region_code, i.province_code,
              i.published_at, i.launch_year
         FROM innovation i JOIN innovation_category c ON c.id = i.category_id
        WHERE i.status = ? AND i.slug IN (${slugs.map(() => '?').join(', ')})`,
      [InnovationStatus.PUBLISHED, ...slugs],
    );
    const bySlug = new Map(rows.map((row) => [String(row['slug']), row]));
    const innovations: DemoInnovationRef[] = slugs
      .filter((slug) => bySlug.has(slug) && bySlug.get(slug)!['published_at'])
      .map((slug) => {
        const row = bySlug.get(slug)!;
        return {
          id: Number(row['id']),
          slug,
          title: String(row['title']),
          categoryCode: String(row['category_code']),
          originAgencyId: Number(row['origin_agency_id']),
          regionCode: String(row['region_code']),
          provinceCode: String(row['province_code']),
          publishedAt: new Date(row['published_at'] as Date),
          launchYear: Number(row['launch_year']),
        };
      });
    const agencies = await this.dataSource.getRepository(Agency).find({
      where: { type: In([AgencyType.PEMPROV, AgencyType.PEMKAB, AgencyType.PEMKOT]), active: true },
    });
    const demoAgencies = await this.dataSource
      .getRepository(Agency)
      .find({ where: { shortName: In(DEMO_USERS.map((u) => u.agencyShortName)) } });
    const agencyIdOf = new Map(demoAgencies.map((a) => [a.shortName!, a.id]));
    const users = await this.dataSource
      .getRepository(User)
      .find({ where: { email: In(DEMO_USERS.map((u) => u.email)) } });
    const userIdOf = new Map(users.map((u) => [u.email, u.id]));

    const memberByAgency = new Map<number, number>();
    const adminByAgency = new Map<number, number>();
    const coordinatorByProvince = new Map<string, number>();
    let focusAgencyId: number | undefined;
    for (const demo of DEMO_USERS) {
      const userId = userIdOf.get(demo.email);
      const agencyId = agencyIdOf.get(demo.agencyShortName);
      if (userId === undefined || agencyId === undefined) continue;
      if (demo.role === Role.MEMBER) {
        memberByAgency.set(agencyId, userId);
        focusAgencyId = agencyId;
      }
      if (demo.role === Role.AGENCY_ADMIN) adminByAgency.set(agencyId, userId);
      if ('hubSlug' in demo) {
        const hub = SEED_HUBS.find((h) => h.slug === demo.hubSlug);
        if (hub) coordinatorByProvince.set(hub.provinceCode, userId);
      }
    }

    return planDemoReplications({
      innovations,
      agencies: agencies.map((a) => ({
        id: a.id,
        name: a.name,
        shortName: a.shortName,
        regionCode: a.regionCode,
        provinceCode: a.provinceCode,
      })),
      users: { memberByAgency, adminByAgency, coordinatorByProvince },
      now,
      hubProvinceCodes: SEED_HUBS.map((h) => h.provinceCode),
      focusAgencyId,
    });
  }

  private async demoExists(manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM replication WHERE request_note LIKE ? LIMIT 1',
      [`%${DEMO_REPLICATION_MARKER}`],
    );
    return rows.length > 0;
  }

  private async write(manager: EntityManager, plan: DemoReplicationPlan): Promise<DemoReplicationsResult> {
    // level by level, so that each copy can point at the replication it copied
    const ids = new Map<string, number>();
    const maxLevel = Math.max(...plan.replications.map((r) => r.level));
    for (let level = 1; level <= maxLevel; level++) {
      const rows = plan.replications
        .filter((r) => r.level === level)
        .map((r) => {
          // the columns only: the plan's keys and evidence go elsewhere
          const {
            key: _key,
            level: _level,
            sourceKey,
            events: _events,
            modifications: _modifications,
            outcomes: _outcomes,
            documents: _documents,
            checkins: _checkins,
            ...row
          } = r;
          return {
            ...row,
            sourceReplicationId: sourceKey === null ? null : ids.get(sourceKey)!,
            createdAt: r.requestedAt,
            updatedAt: r.lastEventAt,
          };
        });
      await insertAll(manager, Replication, rows);
      const written: Array<{ id: number; innovation_id: number; adopter_agency_id: number }> =
        await manager.query(
          'SELECT id, innovation_id, adopter_agency_id FROM replication WHERE request_note LIKE ?',
          [`%${DEMO_REPLICATION_MARKER}`],
        );
      for (const w of written) ids.set(`${w.innovation_id}:${w.adopter_agency_id}`, Number(w.id));
    }

    const idOf = (key: string): number => {
      const id = ids.get(key);
      if (id === undefined) throw new Error(`demo replication ${key} was not written`);
      return id;
    };
    // events in the order they happened, so that ids follow time as they do in real use
    const events = plan.replications
      .flatMap((r) => r.events.map((e) => ({ ...e, replicationId: idOf(r.key) })))
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.replicationId - b.replicationId);
    const modifications = plan.replications.flatMap((r) =>
      r.modifications.map((m) => ({ ...m, replicationId: idOf(r.key) })),
    );
    const outcomes = [
      ...plan.originOutcomes.map((o) => ({ ...o, replicationId: null })),
      ...plan.replications.flatMap((r) =>
        r.outcomes.map((o) => ({ ...o, replicationId: idOf(r.key), innovationId: r.innovationId })),
      ),
    ];
    const documents = plan.replications.flatMap((r) =>
      r.documents.map((d) => ({ ...d, replicationId: idOf(r.key) })),
    );
    const checkins = plan.replications.flatMap((r) =>
      r.checkins.map((c) => ({ ...c, replicationId: idOf(r.key) })),
    );
    await insertAll(manager, ReplicationEvent, events);
    await insertAll(manager, ReplicationModification, modifications);
    await insertAll(manager, Outcome, outcomes);
    await insertAll(manager, ReplicationDocument, documents);
    await insertAll(manager, ReplicationCheckin, checkins);

    // the funnel counters, recounted from the rows as the service does after every step
    const innovationIds = [...new Set(plan.replications.map((r) => r.innovationId))];
    await manager.query(
      `UPDATE innovation i SET
         agreed_count = (SELECT COUNT(*) FROM replication r WHERE r.innovation_id = i.id AND r.status IN (${sqlList(AGREED_STATES)})),
         replicated_count = (SELECT COUNT(*) FROM replication r WHERE r.innovation_id = i.id AND r.status IN (${sqlList(REPLICATED_STATES)})),
         provinces_reached = (SELECT COUNT(DISTINCT r.adopter_province_code) FROM replication r
                               WHERE r.innovation_id = i.id AND r.status IN (${sqlList(REPLICATED_STATES)})),
         updated_at = updated_at
       WHERE i.id IN (${innovationIds.map(() => '?').join(', ')})`,
      innovationIds,
    );
    return {
      created: true,
      replications: plan.replications.length,
      events: events.length,
      modifications: modifications.length,
      outcomes: outcomes.length,
      documents: documents.length,
      checkins: checkins.length,
    };
  }
}

async function insertAll<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: ReadonlyArray<QueryDeepPartialEntity<T>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + CHUNK) as QueryDeepPartialEntity<T>[])
      .updateEntity(false)
      .execute();
  }
}
