import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AnalyticsEventType } from '../projector/analytics-projector.service';
import { withAnalyticsLock } from '../rollups/analytics-lock';
import { SpreadDimension as D } from '../spread/spread-dimension';

export interface RebuildResult {
  facts: number;
  cells: number;
  members: number;
  hubWeeks: number;
  seconds: number;
}

/** Rows per multi-row insert of what is read in the snapshot. */
const BATCH = 1000;
/** The Monday of a timestamp's Asia/Jakarta week, in SQL. */
const weekOf = (column: string) =>
  `DATE_FORMAT(DATE(${column} + INTERVAL 7 HOUR) - INTERVAL WEEKDAY(DATE(${column} + INTERVAL 7 HOUR)) DAY, '%Y-%m-%d')`;

/** Each grouping's key in the fact table (hubs come from a join). */
const DIMENSION_KEYS: Array<{ dim: D; key: string; where?: string }> = [
  { dim: D.NATIONAL, key: "''" },
  { dim: D.PROVINCE, key: 'f.province_code' },
  { dim: D.REGENCY, key: 'f.regency_code', where: 'f.regency_code IS NOT NULL' },
  { dim: D.CATEGORY, key: 'CAST(f.category_id AS CHAR)' },
  { dim: D.AGENCY_TYPE, key: 'f.agency_type' },
];

/**
 * `analytics rebuild`: writes every rollup again from the base tables. Holds the analytics lock
 * (projectors wait, then carry on), reads what counts events (hub weeks, and which outbox events
 * they hold) in one consistent snapshot, and swaps the contents in one transaction: readers see
 * the old rollups until the commit.
 */
@Injectable()
export class AnalyticsRebuildService {
  private readonly logger = new Logger(AnalyticsRebuildService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rebuild(): Promise<RebuildResult> {
    const started = Date.now();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      return await withAnalyticsLock(runner.manager, async () => {
        const snapshot = await this.readSnapshot(runner.manager);
        await runner.startTransaction('READ COMMITTED');
        try {
          const result = await this.write(runner.manager, snapshot);
          await runner.commitTransaction();
          const seconds = (Date.now() - started) / 1000;
          this.logger.log(
            `rebuilt: ${result.facts} replications, ${result.cells} cells, ${result.members} members, ` +
              `${result.hubWeeks} hub weeks in ${seconds.toFixed(1)} s`,
          );
          return { ...result, seconds };
        } catch (error) {
          await runner.rollbackTransaction().catch(() => undefined);
          throw error;
        }
      });
    } finally {
      await runner.release();
    }
  }

  /** Hub weeks and the outbox events they account for, as of one instant. */
  private async readSnapshot(
    manager: EntityManager,
  ): Promise<{ hubWeeks: Array<Array<string | number>>; applied: string[] }> {
    await manager.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await manager.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    try {
      const applied = (
        (await manager.query('SELECT id FROM outbox_event WHERE type IN (?)', [
          Object.values(AnalyticsEventType),
        ])) as Array<{ id: string | number }>
      ).map((r) => String(r.id));
      const weeks = new Map<string, number[]>();
      const count = (rows: Array<{ hub_id: number; week: string; n: string | number }>, at: number) => {
        for (const r of rows) {
          const key = `${r.hub_id}|${r.week}`;
          const counts = weeks.get(key) ?? [0, 0, 0, 0];
          counts[at] = Number(r.n);
          weeks.set(key, counts);
        }
      };
      count(
        await manager.query(
          `SELECT m.network_id AS hub_id, ${weekOf('r.requested_at')} AS week, COUNT(*) AS n
             FROM replication r JOIN network_member m ON m.agency_id = r.adopter_agency_id
            GROUP BY hub_id, week`,
        ),
        0,
      );
      count(
        await manager.query(
          `SELECT m.network_id AS hub_id, ${weekOf('e.occurred_at')} AS week, COUNT(*) AS n
             FROM replication_event e
             JOIN replication r ON r.id = e.replication_id
             JOIN network_member m ON m.agency_id = r.adopter_agency_id
            WHERE e.from_status IS NOT NULL
            GROUP BY hub_id, week`,
        ),
        1,
      );
      count(
        await manager.query(
          `SELECT m.network_id AS hub_id, ${weekOf('e.occurred_at')} AS week, COUNT(*) AS n
             FROM replication_event e
             JOIN replication r ON r.id = e.replication_id
             JOIN network_member m ON m.agency_id = r.adopter_agency_id
            WHERE e.from_status IS NOT NULL AND e.to_status = 'STALLED'
            GROUP BY hub_id, week`,
        ),
        2,
      );
      count(
        await manager.query(
          `SELECT t.hub_id, ${weekOf('p.created_at')} AS week, COUNT(*) AS n
             FROM post p JOIN thread t ON t.id = p.thread_id
            WHERE t.hub_id IS NOT NULL
            GROUP BY t.hub_id, week`,
        ),
        3,
      );
      const hubWeeks = [...weeks].map(([key, counts]) => {
        const [hubId, week] = key.split('|');
        return [Number(hubId), week!, ...counts];
      });
      return { hubWeeks, applied };
    } finally {
      await manager.query('COMMIT');
    }
  }

  private async write(
    manager: EntityManager,
    snapshot: { hubWeeks: Array<Array<string | number>>; applied: string[] },
  ): Promise<Omit<RebuildResult, 'seconds'>> {
    for (const table of [
      'analytics_replication_fact',
      'analytics_spread_cell',
      'analytics_spread_total',
      'analytics_spread_member',
      'analytics_spread_distinct',
      'analytics_hub_week',
      'analytics_applied_event',
    ]) {
      await manager.query(`DELETE FROM ${table}`);
    }
    for (let i = 0; i < snapshot.applied.length; i += BATCH) {
      await manager.query('INSERT INTO analytics_applied_event (outbox_event_id) VALUES ?', [
        snapshot.applied.slice(i, i + BATCH).map((id) => [id]),
      ]);
    }
    for (let i = 0; i < snapshot.hubWeeks.length; i += BATCH) {
      await manager.query(
        `INSERT INTO analytics_hub_week (hub_id, week_start, new_replications, transitions, stalled, forum_posts)
         VALUES ?`,
        [snapshot.hubWeeks.slice(i, i + BATCH)],
      );
    }

    const facts = (await manager.query(
      `INSERT INTO analytics_replication_fact
         (replication_id, innovation_id, adopter_agency_id, category_id, province_code, regency_code,
          agency_type, hub_ids, year, status)
       SELECT r.id, r.innovation_id, r.adopter_agency_id, i.category_id, r.adopter_province_code,
              IF(LOCATE('.', r.adopter_region_code) > 0, r.adopter_region_code, NULL), a.type,
              COALESCE(h.hub_ids, ''), YEAR(r.requested_at + INTERVAL 7 HOUR), r.status
         FROM replication r
         JOIN innovation i ON i.id = r.innovation_id
         JOIN agency a ON a.id = r.adopter_agency_id
         LEFT JOIN (SELECT agency_id, GROUP_CONCAT(network_id ORDER BY network_id) AS hub_ids
                      FROM network_member GROUP BY agency_id) h ON h.agency_id = r.adopter_agency_id`,
    )) as { affectedRows: number };

    let cells = 0;
    let members = 0;
    const sources = [
      ...DIMENSION_KEYS.map(({ dim, key, where }) => ({
        dim,
        key,
        from: 'analytics_replication_fact f',
        where: where ?? '1 = 1',
      })),
      {
        dim: D.HUB,
        key: 'CAST(m.network_id AS CHAR)',
        from: 'analytics_replication_fact f JOIN network_member m ON m.agency_id = f.adopter_agency_id',
        where: '1 = 1',
      },
    ];
    for (const { dim, key, from, where } of sources) {
      const c = (await manager.query(
        `INSERT INTO analytics_spread_cell (dim, dim_key, year, status, replications)
         SELECT '${dim}', ${key}, f.year, f.status, COUNT(*) FROM ${from} WHERE ${where}
          GROUP BY ${key}, f.year, f.status`,
      )) as { affectedRows: number };
      cells += c.affectedRows;
      for (const [kind, column] of [
        ['A', 'f.adopter_agency_id'],
        ['I', 'f.innovation_id'],
      ] as const) {
        const m = (await manager.query(
          `INSERT INTO analytics_spread_member (dim, dim_key, member_kind, member_id, year, replications)
           SELECT '${dim}', ${key}, '${kind}', ${column}, f.year, COUNT(*) FROM ${from} WHERE ${where}
            GROUP BY ${key}, ${column}, f.year`,
        )) as { affectedRows: number };
        members += m.affectedRows;
      }
    }
    await manager.query(
      `INSERT INTO analytics_spread_total (dim, dim_key, status, replications)
       SELECT dim, dim_key, status, SUM(replications) FROM analytics_spread_cell GROUP BY dim, dim_key, status`,
    );
    await manager.query(
      `INSERT INTO analytics_spread_distinct (dim, dim_key, member_kind, bucket, year, members)
       SELECT dim, dim_key, member_kind, 'Y', year, COUNT(*) FROM analytics_spread_member
        GROUP BY dim, dim_key, member_kind, year`,
    );
    await manager.query(
      `INSERT INTO analytics_spread_distinct (dim, dim_key, member_kind, bucket, year, members)
       SELECT dim, dim_key, member_kind, 'A', 0, COUNT(DISTINCT member_id) FROM analytics_spread_member
        GROUP BY dim, dim_key, member_kind`,
    );
    for (const [bucket, pick] of [
      ['F', 'MIN'],
      ['L', 'MAX'],
    ] as const) {
      await manager.query(
        `INSERT INTO analytics_spread_distinct (dim, dim_key, member_kind, bucket, year, members)
         SELECT dim, dim_key, member_kind, '${bucket}', y, COUNT(*)
           FROM (SELECT dim, dim_key, member_kind, member_id, ${pick}(year) AS y
                   FROM analytics_spread_member GROUP BY dim, dim_key, member_kind, member_id) t
          GROUP BY dim, dim_key, member_kind, y`,
      );
    }
    return { facts: facts.affectedRows, cells, members, hubWeeks: snapshot.hubWeeks.length };
  }
}
