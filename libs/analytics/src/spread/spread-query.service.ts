import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ANALYTICS_CONNECTION } from '../analytics-connection';
import { AnalyticsLabels } from './analytics-labels';
import { SpreadDimension as D } from './spread-dimension';
import { checkSpreadFilter, factConditions, yearConditions } from './spread-filter';
import { SpreadRows } from './spread-rows';
import { SpreadGroupBy, type SpreadFilterInput, type SpreadResult } from './spread-types';
import { ALL_YEARS_PLAN, distinctPlan, isAllYears, type DistinctPlan } from './year-range';

const DIMENSION: Record<SpreadGroupBy, D> = {
  [SpreadGroupBy.PROVINCE]: D.PROVINCE,
  [SpreadGroupBy.REGENCY]: D.REGENCY,
  [SpreadGroupBy.CATEGORY]: D.CATEGORY,
  [SpreadGroupBy.YEAR]: D.NATIONAL,
  [SpreadGroupBy.HUB]: D.HUB,
  [SpreadGroupBy.AGENCY_TYPE]: D.AGENCY_TYPE,
};

/** The group key of each grouping over the fact table `f` (hubs through the join below). */
const FACT_KEY: Record<SpreadGroupBy, string> = {
  [SpreadGroupBy.PROVINCE]: 'f.province_code',
  [SpreadGroupBy.REGENCY]: 'f.regency_code',
  [SpreadGroupBy.CATEGORY]: 'f.category_id',
  [SpreadGroupBy.YEAR]: 'f.year',
  [SpreadGroupBy.HUB]: 'n.id',
  [SpreadGroupBy.AGENCY_TYPE]: 'f.agency_type',
};

type Row = Record<string, unknown>;

/** One read of an answer, to run in one statement with the others (see `readParts`). */
interface RollupRead {
  /** The select list: `k`, `s` and `n`. */
  columns: string;
  /** What follows FROM: the table, its conditions, its grouping. */
  from: string;
  params: unknown[];
}

/** A row of a rollup read: key (or year), state or member kind, count (SUMs come as strings). */
interface PartRow {
  k: string | number;
  s: string;
  n: number | string;
}

interface KeyScope {
  /** SQL condition on `dim_key`. */
  where: string;
  params: unknown[];
}

/**
 * `replicationSpread`: counts by state, distinct adopters and innovations, per group. Answered
 * from the rollups when the filter is a year range (and a province, for provinces and regencies);
 * other filters are answered from the flat fact table, exact but slower.
 */
@Injectable()
export class SpreadQueryService {
  constructor(
    @InjectDataSource(ANALYTICS_CONNECTION) private readonly db: DataSource,
    private readonly labels: AnalyticsLabels,
  ) {}

  async spread(groupBy: SpreadGroupBy, filter: SpreadFilterInput = {}): Promise<SpreadResult> {
    checkSpreadFilter(filter);
    const rollupHolds =
      !filter.categoryId &&
      !filter.hubId &&
      !filter.awardLevel &&
      (!filter.provinceCode || groupBy === SpreadGroupBy.PROVINCE || groupBy === SpreadGroupBy.REGENCY);
    return rollupHolds ? this.fromRollups(groupBy, filter) : this.fromFacts(groupBy, filter);
  }

  /** The first and last request year in the rollups; null when they are empty. */
  async dataYears(): Promise<{ first: number; last: number } | null> {
    const [row] = (await this.db.query(
      "SELECT MIN(year) AS first, MAX(year) AS last FROM analytics_spread_cell WHERE dim = 'N'",
    )) as Row[];
    return row?.['first'] === null || row?.['first'] === undefined
      ? null
      : { first: Number(row['first']), last: Number(row['last']) };
  }

  private async fromRollups(groupBy: SpreadGroupBy, filter: SpreadFilterInput): Promise<SpreadResult> {
    const dim = DIMENSION[groupBy];
    const province = filter.provinceCode ?? null;
    const scope: KeyScope = !province
      ? { where: '1 = 1', params: [] }
      : groupBy === SpreadGroupBy.PROVINCE
        ? { where: 'dim_key = ?', params: [province] }
        : { where: 'dim_key LIKE ?', params: [`${province}.%`] };
    const totalDim = province ? D.PROVINCE : D.NATIONAL;
    const totalScope: KeyScope = { where: 'dim_key = ?', params: [province ?? ''] };
    const years = yearConditions(filter);
    const byYear = groupBy === SpreadGroupBy.YEAR;
    const cellReads = {
      cells: this.cells(dim, scope, years, byYear),
      totals: this.cells(totalDim, totalScope, years, false),
    };
    const distinctReads = (plan: DistinctPlan) => ({
      distinct: byYear
        ? // one year each: the year bucket
          {
            columns: 'year AS k, member_kind AS s, members AS n',
            from: `analytics_spread_distinct
                    WHERE dim = 'N' AND dim_key = '' AND bucket = 'Y' AND ${years.where}`,
            params: years.params,
          }
        : this.distinct(dim, scope, plan),
      distinctTotal: this.distinct(totalDim, totalScope, plan),
    });
    // all years: one statement. A year range's distinct counts wait for the data's years, so its
    // cells go ahead in a statement of their own. The names are read beside.
    const range = { from: filter.yearFrom, to: filter.yearTo };
    const counts = isAllYears(range)
      ? this.readParts({ ...cellReads, ...distinctReads(ALL_YEARS_PLAN) })
      : Promise.all([
          this.readParts(cellReads),
          this.dataYears().then((dataYears) => this.readParts(distinctReads(distinctPlan(range, dataYears)))),
        ]).then(([cells, distinct]) => ({ ...cells, ...distinct }));
    const [parts, names] = await Promise.all([counts, this.labels.allOf(groupBy)]);

    const rows = new SpreadRows();
    const total = new SpreadRows();
    for (const c of parts.cells) rows.addStatus(String(c.k), c.s, Number(c.n));
    for (const c of parts.totals) total.addStatus('ALL', c.s, Number(c.n));
    for (const d of parts.distinct) rows.setDistinct(String(d.k), d.s as 'A' | 'I', Number(d.n));
    for (const d of parts.distinctTotal) total.setDistinct('ALL', d.s as 'A' | 'I', Number(d.n));
    return this.answer(groupBy, rows, total, 'ROLLUP', names);
  }

  /**
   * Runs the rollup reads of an answer as one statement (a UNION ALL of the parts, each row tagged
   * with its part): one round trip to the database instead of one per part, which is most of what
   * an answer costs the api. Every part selects `k` (key), `s` (state or member kind) and `n`.
   */
  private async readParts<P extends string>(
    parts: Record<P, RollupRead | null>,
  ): Promise<Record<P, PartRow[]>> {
    const names = Object.keys(parts) as P[];
    const out = Object.fromEntries(names.map((name) => [name, [] as PartRow[]])) as Record<P, PartRow[]>;
    const reads = names.flatMap((name, index) => {
      const read = parts[name];
      return read ? [{ index, read }] : [];
    });
    if (reads.length === 0) return out;
    const sql = reads.map(
      ({ index, read }) => `(SELECT ${index} AS part, ${read.columns} FROM ${read.from})`,
    );
    const rows = (await this.db.query(
      sql.join(' UNION ALL '),
      reads.flatMap(({ read }) => read.params),
    )) as Array<PartRow & { part: number }>;
    for (const row of rows) out[names[row.part]!].push(row);
    return out;
  }

  /** The labelled rows (years in order, other groups most replications first) and the total. */
  private async answer(
    groupBy: SpreadGroupBy,
    rows: SpreadRows,
    total: SpreadRows,
    source: SpreadResult['source'],
    names?: Map<string, string>,
  ): Promise<SpreadResult> {
    const labels = names ?? (await this.labels.of(groupBy, rows.keys()));
    return {
      groupBy,
      rows: rows.result(
        labels,
        groupBy === SpreadGroupBy.YEAR ? (a, b) => Number(a.key) - Number(b.key) : undefined,
      ),
      total: total.single('ALL', 'Semua'),
      source,
    };
  }

  /**
   * Replications per key (or year) and state: over all years from the totals, one row per group
   * and state; for a year range (or per year) summed from the year cells.
   */
  private cells(
    dim: D,
    scope: KeyScope,
    years: { where: string; params: unknown[] },
    byYear: boolean,
  ): RollupRead {
    if (!byYear && years.params.length === 0) {
      return {
        columns: 'dim_key AS k, status AS s, replications AS n',
        from: `analytics_spread_total WHERE dim = ? AND ${scope.where}`,
        params: [dim, ...scope.params],
      };
    }
    return {
      columns: `${byYear ? 'year' : 'dim_key'} AS k, status AS s, SUM(replications) AS n`,
      from: `analytics_spread_cell WHERE dim = ? AND ${scope.where} AND ${years.where} GROUP BY k, s`,
      params: [dim, ...scope.params, ...years.params],
    };
  }

  /** Distinct adopters (A) and innovations (I) per key of a grouping, as the plan reads them. */
  private distinct(dim: D, scope: KeyScope, plan: DistinctPlan): RollupRead | null {
    if (plan.source === 'empty') return null;
    if (plan.source === 'members') {
      return {
        columns: 'dim_key AS k, member_kind AS s, COUNT(DISTINCT member_id) AS n',
        from: `analytics_spread_member WHERE dim = ? AND ${scope.where} AND year BETWEEN ? AND ?
                GROUP BY dim_key, member_kind`,
        params: [dim, ...scope.params, plan.from, plan.to],
      };
    }
    const years: string[] = [];
    const params: unknown[] = [dim, plan.bucket, ...scope.params];
    if (plan.from !== undefined) {
      years.push('year >= ?');
      params.push(plan.from);
    }
    if (plan.to !== undefined) {
      years.push('year <= ?');
      params.push(plan.to);
    }
    return {
      columns: 'dim_key AS k, member_kind AS s, SUM(members) AS n',
      from: `analytics_spread_distinct
              WHERE dim = ? AND bucket = ? AND ${scope.where} ${years.map((y) => `AND ${y}`).join(' ')}
              GROUP BY dim_key, member_kind`,
      params,
    };
  }

  private async fromFacts(groupBy: SpreadGroupBy, filter: SpreadFilterInput): Promise<SpreadResult> {
    const { where, params } = factConditions(filter);
    const key = FACT_KEY[groupBy];
    const from =
      groupBy === SpreadGroupBy.HUB
        ? 'analytics_replication_fact f JOIN network n ON FIND_IN_SET(n.id, f.hub_ids) > 0'
        : 'analytics_replication_fact f';
    const grouped = groupBy === SpreadGroupBy.REGENCY ? `${where} AND f.regency_code IS NOT NULL` : where;
    const rows = new SpreadRows();
    const total = new SpreadRows();
    const cells = (await this.db.query(
      `SELECT ${key} AS k, f.status, COUNT(*) AS n FROM ${from} WHERE ${grouped} GROUP BY k, f.status`,
      params,
    )) as Row[];
    for (const c of cells) rows.addStatus(String(c['k']), String(c['status']), Number(c['n']));
    const distinct = (await this.db.query(
      `SELECT ${key} AS k, COUNT(DISTINCT f.adopter_agency_id) AS a, COUNT(DISTINCT f.innovation_id) AS i
         FROM ${from} WHERE ${grouped} GROUP BY k`,
      params,
    )) as Row[];
    for (const d of distinct) {
      rows.setDistinct(String(d['k']), 'A', Number(d['a']));
      rows.setDistinct(String(d['k']), 'I', Number(d['i']));
    }
    const totals = (await this.db.query(
      `SELECT f.status, COUNT(*) AS n FROM analytics_replication_fact f WHERE ${where} GROUP BY f.status`,
      params,
    )) as Row[];
    for (const c of totals) total.addStatus('ALL', String(c['status']), Number(c['n']));
    const [all] = (await this.db.query(
      `SELECT COUNT(DISTINCT f.adopter_agency_id) AS a, COUNT(DISTINCT f.innovation_id) AS i
         FROM analytics_replication_fact f WHERE ${where}`,
      params,
    )) as Row[];
    total.setDistinct('ALL', 'A', Number(all?.['a'] ?? 0));
    total.setDistinct('ALL', 'I', Number(all?.['i'] ?? 0));
    return this.answer(groupBy, rows, total, 'FACTS');
  }
}
