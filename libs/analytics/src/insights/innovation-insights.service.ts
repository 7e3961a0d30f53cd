import { AppError, type AuthUser } from '@jipp/core';
import { canRead, InnovationStatus } from '@jipp/innovations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ANALYTICS_CONNECTION } from '../analytics-connection';
import { checkSpreadFilter, factConditions } from '../spread/spread-filter';
import type { SpreadFilterInput, StatusCount } from '../spread/spread-types';

export enum TopInnovationsBy {
  REPLICATIONS = 'REPLICATIONS',
  PROVINCES = 'PROVINCES',
  VIEWS = 'VIEWS',
}

export interface InnovationFunnelResult {
  innovationId: number;
  title: string;
  originAgencyName: string;
  views: number;
  watchers: number;
  requests: number;
  agreed: number;
  replicated: number;
  provincesReached: number;
  byStatus: StatusCount[];
}

export interface TopInnovationResult {
  innovationId: number;
  title: string;
  originAgencyName: string;
  provinceCode: string;
  value: number;
  replications: number;
  provinces: number;
  views: number;
}

export const MAX_TOP_INNOVATIONS = 100;
/** Drafts have no funnel; an archived innovation keeps its own (for who may still read it). */
const FUNNEL_STATUSES = ['PUBLISHED', 'ARCHIVED'];
const ORDER_COLUMN: Record<TopInnovationsBy, string> = {
  [TopInnovationsBy.REPLICATIONS]: 'i.replicated_count',
  [TopInnovationsBy.PROVINCES]: 'i.provinces_reached',
  [TopInnovationsBy.VIEWS]: 'i.view_count',
};

type Row = Record<string, unknown>;

/** An innovation's funnel, and the innovations that spread furthest. Public data only. */
@Injectable()
export class InnovationInsightsService {
  constructor(@InjectDataSource(ANALYTICS_CONNECTION) private readonly db: DataSource) {}

  async funnel(innovationId: number, viewer: AuthUser | null = null): Promise<InnovationFunnelResult> {
    const [row] = (await this.db.query(
      `SELECT i.id, i.title, a.name AS agency, i.view_count, i.watcher_count, i.agreed_count,
              i.replicated_count, i.provinces_reached, i.status, i.origin_agency_id
         FROM innovation i JOIN agency a ON a.id = i.origin_agency_id
        WHERE i.id = ? AND i.status IN (?)`,
      [innovationId, FUNNEL_STATUSES],
    )) as Row[];
    // an archived innovation left the catalogue: like its page, its funnel is for the origin
    // agency and national admins only
    const ownership = row && {
      status: String(row['status']) as InnovationStatus,
      originAgencyId: Number(row['origin_agency_id']),
    };
    if (!ownership || !canRead(viewer, ownership)) throw AppError.notFound('Innovation', innovationId);
    const statuses = (await this.db.query(
      `SELECT status, COUNT(*) AS n FROM analytics_replication_fact WHERE innovation_id = ?
        GROUP BY status ORDER BY status`,
      [innovationId],
    )) as Row[];
    const byStatus = statuses.map((s) => ({ status: String(s['status']), count: Number(s['n']) }));
    return {
      innovationId,
      title: String(row['title']),
      originAgencyName: String(row['agency']),
      views: Number(row['view_count']),
      watchers: Number(row['watcher_count']),
      requests: byStatus.reduce((sum, s) => sum + s.count, 0),
      agreed: Number(row['agreed_count']),
      replicated: Number(row['replicated_count']),
      provincesReached: Number(row['provinces_reached']),
      byStatus,
    };
  }

  /**
   * Without a filter: the catalogue's own counters (live replications, provinces reached, views),
   * read down an index. With one: live replications and provinces in the filtered replications,
   * counted from the fact table; views are not kept per year, region or hub, so they take no filter.
   */
  async top(
    by: TopInnovationsBy,
    filter: SpreadFilterInput = {},
    first = 10,
  ): Promise<TopInnovationResult[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_TOP_INNOVATIONS) {
      throw AppError.badInput(`first must be between 1 and ${MAX_TOP_INNOVATIONS}.`, [
        { field: 'first', message: `not between 1 and ${MAX_TOP_INNOVATIONS}` },
      ]);
    }
    checkSpreadFilter(filter);
    const filtered = Object.values(filter).some((v) => v !== null && v !== undefined);
    if (!filtered) {
      // innovations first, down the (status, counter, id) index: the optimiser would rather start
      // from the 555 agencies and sort every innovation
      const column = ORDER_COLUMN[by];
      const rows = (await this.db.query(
        `SELECT i.id, i.title, a.name AS agency, i.province_code, i.replicated_count, i.provinces_reached,
                i.view_count, ${column} AS value
           FROM innovation i STRAIGHT_JOIN agency a ON a.id = i.origin_agency_id
          WHERE i.status = 'PUBLISHED'
          ORDER BY ${column} DESC, i.id DESC LIMIT ?`,
        [first],
      )) as Row[];
      return rows.map((r) => topRow(r));
    }
    if (by === TopInnovationsBy.VIEWS) {
      throw AppError.badInput('Views are counted for all time and everywhere: VIEWS takes no filter.', [
        { field: 'filter', message: 'not available for VIEWS' },
      ]);
    }
    const { where, params } = factConditions(filter);
    const value = by === TopInnovationsBy.REPLICATIONS ? 'replications' : 'provinces';
    const rows = (await this.db.query(
      `SELECT i.id, i.title, a.name AS agency, i.province_code, i.view_count, t.replications, t.provinces,
              t.${value} AS value
         FROM (SELECT f.innovation_id,
                      SUM(f.status IN ('IMPLEMENTED', 'SUSTAINED')) AS replications,
                      COUNT(DISTINCT IF(f.status IN ('IMPLEMENTED', 'SUSTAINED'), f.province_code, NULL)) AS provinces
                 FROM analytics_replication_fact f WHERE ${where}
                GROUP BY f.innovation_id) t
         JOIN innovation i ON i.id = t.innovation_id AND i.status = 'PUBLISHED'
         JOIN agency a ON a.id = i.origin_agency_id
        WHERE t.${value} > 0
        ORDER BY value DESC, i.id DESC LIMIT ?`,
      [...params, first],
    )) as Row[];
    return rows.map((r) => topRow(r));
  }
}

function topRow(r: Row): TopInnovationResult {
  return {
    innovationId: Number(r['id']),
    title: String(r['title']),
    originAgencyName: String(r['agency']),
    provinceCode: String(r['province_code']),
    value: Number(r['value']),
    replications: Number(r['replications'] ?? r['replicated_count']),
    provinces: Number(r['provinces'] ?? r['provinces_reached']),
    views: Number(r['view_count']),
  };
}
