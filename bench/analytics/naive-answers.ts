/**
 * The dashboard questions answered the naive way: GROUP BY over the base tables (replication,
 * innovation, agency, region, network_member, replication_event, post and thread), never an
 * analytics_* table and never the catalogue's funnel counters (agreed_count, replicated_count,
 * provinces_reached): what a first version without rollups would do. Each answer has the shape
 * of the api's GraphQL answer, so the benchmark can prove both say the same before it times them.
 *
 * Fair to the baseline: one scan per question where one will do (a grouping's rows and its total
 * come from the same `WITH ROLLUP` statement), and the base tables' own indexes where they help.
 * The only columns read as they are kept: views (`innovation.view_count`, the flushed view
 * counter, which no other table holds) and names.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';

export const STATUSES = [
  'REQUESTED',
  'APPROVED',
  'REJECTED',
  'OBSERVING',
  'IMITATING',
  'MODIFYING',
  'IMPLEMENTED',
  'SUSTAINED',
  'STALLED',
  'WITHDRAWN',
] as const;
/** The adoption went live (the issue's "replicated"). */
const LIVE = "('IMPLEMENTED', 'SUSTAINED')";
/** The origin agreed: approved and beyond (the funnel's "agreed"). */
const AGREED = "('APPROVED', 'OBSERVING', 'IMITATING', 'MODIFYING', 'IMPLEMENTED', 'SUSTAINED', 'STALLED')";
const PUBLIC_INNOVATION = "('PUBLISHED', 'ARCHIVED')";
/** Asia/Jakarta is UTC+7 all year; timestamps are stored in UTC. */
const JAKARTA = (column: string): string => `(${column} + INTERVAL 7 HOUR)`;
const jakartaYear = (column: string): string => `YEAR${JAKARTA(column)}`;
const jakartaWeek = (column: string): string =>
  `DATE_FORMAT(DATE${JAKARTA(column)} - INTERVAL WEEKDAY${JAKARTA(column)} DAY, '%Y-%m-%d')`;

const BASE = `FROM replication r
  JOIN innovation i ON i.id = r.innovation_id
  JOIN agency a ON a.id = r.adopter_agency_id`;

export type GroupBy = 'PROVINCE' | 'REGENCY' | 'CATEGORY' | 'YEAR';

export interface SpreadFilter {
  yearFrom?: number;
  yearTo?: number;
  provinceCode?: string;
  categoryId?: number;
}

interface StateCount {
  status: string;
  count: number;
}

interface SpreadRow {
  key: string;
  label: string;
  replications: number;
  replicated: number;
  adopterAgencies: number;
  innovationsReplicated: number;
  byStatus: StateCount[];
}

/**
 * Each grouping's key over the base tables. Adopters that are no regency or city (a province
 * government) fall in the '' group of REGENCY: left out of its rows, kept in its total.
 */
const KEYS: Record<GroupBy, { key: string; join?: string }> = {
  PROVINCE: { key: 'a.province_code' },
  REGENCY: {
    key: "IF(g.level = 'REGENCY', g.code, '')",
    join: 'JOIN region g ON g.code = a.region_code',
  },
  CATEGORY: { key: 'i.category_id' },
  YEAR: { key: jakartaYear('r.requested_at') },
};

const n = (value: unknown): number => Number(value ?? 0);
const byStatusOf = (row: RowDataPacket): StateCount[] =>
  STATUSES.map((status) => ({ status, count: n(row[status]) }))
    .filter((s) => s.count > 0)
    .sort((x, y) => x.status.localeCompare(y.status));

export class NaiveAnswers {
  constructor(private readonly pool: Pool) {}

  private async rows(sql: string, values: unknown[] = []): Promise<RowDataPacket[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(sql, values);
    return rows;
  }

  /** replicationSpread: per group and in total, counts by status and distinct adopters and innovations. */
  async replicationSpread(groupBy: GroupBy, filter: SpreadFilter = {}): Promise<unknown> {
    const grouping = KEYS[groupBy];
    if (!grouping) throw new Error(`the baseline answers groupBy ${Object.keys(KEYS).join(', ')} only`);
    const where: string[] = [];
    const values: unknown[] = [];
    for (const [field, value] of Object.entries(filter)) {
      if (value === undefined || value === null) continue;
      const condition = {
        yearFrom: `${jakartaYear('r.requested_at')} >= ?`,
        yearTo: `${jakartaYear('r.requested_at')} <= ?`,
        provinceCode: 'a.province_code = ?',
        categoryId: 'i.category_id = ?',
      }[field];
      if (!condition) throw new Error(`the baseline has no filter ${field}`);
      where.push(condition);
      values.push(value);
    }
    const grouped = await this.rows(
      `SELECT ${grouping.key} AS k, COUNT(*) AS replications,
              ${STATUSES.map((s) => `SUM(r.status = '${s}') AS \`${s}\``).join(', ')},
              COUNT(DISTINCT r.adopter_agency_id) AS adopters, COUNT(DISTINCT r.innovation_id) AS innovations
         ${BASE} ${grouping.join ?? ''}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY k WITH ROLLUP`,
      values,
    );
    const toRow = (row: RowDataPacket, key: string, label: string): SpreadRow => {
      const byStatus = byStatusOf(row);
      return {
        key,
        label,
        replications: n(row['replications']),
        replicated: byStatus
          .filter((s) => s.status === 'IMPLEMENTED' || s.status === 'SUSTAINED')
          .reduce((sum, s) => sum + s.count, 0),
        adopterAgencies: n(row['adopters']),
        innovationsReplicated: n(row['innovations']),
        byStatus,
      };
    };
    // WITH ROLLUP: the last row (key NULL) is the total
    const totalRow = grouped.find((row) => row['k'] === null);
    const groups = grouped.filter((row) => row['k'] !== null && row['k'] !== '');
    const labels = await this.labels(
      groupBy,
      groups.map((row) => String(row['k'])),
    );
    const rows = groups.map((row) =>
      toRow(row, String(row['k']), labels.get(String(row['k'])) ?? String(row['k'])),
    );
    rows.sort(
      groupBy === 'YEAR'
        ? (x, y) => Number(x.key) - Number(y.key)
        : (x, y) => y.replications - x.replications || x.key.localeCompare(y.key),
    );
    const empty = { replications: 0, adopters: 0, innovations: 0 } as unknown as RowDataPacket;
    return {
      replicationSpread: { groupBy, rows, total: toRow(totalRow ?? empty, 'ALL', 'Semua') },
    };
  }

  private async labels(groupBy: GroupBy, keys: string[]): Promise<Map<string, string>> {
    if (groupBy === 'YEAR') return new Map(keys.map((k) => [k, k]));
    if (keys.length === 0) return new Map();
    const rows =
      groupBy === 'CATEGORY'
        ? await this.rows('SELECT id AS k, name FROM innovation_category WHERE id IN (?)', [keys])
        : await this.rows('SELECT code AS k, name FROM region WHERE code IN (?)', [keys]);
    return new Map(rows.map((row) => [String(row['k']), String(row['name'])]));
  }

  /** gapMap: every regency and city of the province with what it adopted, and the ones with nothing. */
  async gapMap(provinceCode: string, categoryId: number | null = null): Promise<unknown> {
    const [province] = await this.rows("SELECT name FROM region WHERE code = ? AND level = 'PROVINCE'", [
      provinceCode,
    ]);
    if (!province) throw new Error(`no province ${provinceCode}`);
    const regions = await this.rows(
      "SELECT code, name FROM region WHERE province_code = ? AND level = 'REGENCY' ORDER BY code",
      [provinceCode],
    );
    const counts = await this.rows(
      `SELECT a.region_code AS k, COUNT(*) AS replications, SUM(r.status IN ${LIVE}) AS replicated,
              COUNT(DISTINCT r.adopter_agency_id) AS adopters, COUNT(DISTINCT r.innovation_id) AS innovations
         ${BASE}
        WHERE a.province_code = ? ${categoryId === null ? '' : 'AND i.category_id = ?'}
        GROUP BY a.region_code`,
      categoryId === null ? [provinceCode] : [provinceCode, categoryId],
    );
    const byRegion = new Map(counts.map((row) => [String(row['k']), row]));
    const all = regions.map((region) => {
      const row = byRegion.get(String(region['code']));
      return {
        code: String(region['code']),
        name: String(region['name']),
        replications: n(row?.['replications']),
        replicated: n(row?.['replicated']),
        adopterAgencies: n(row?.['adopters']),
        innovationsReplicated: n(row?.['innovations']),
      };
    });
    return {
      gapMap: {
        provinceCode,
        provinceName: String(province['name']),
        categoryId,
        regions: all,
        withoutAdoption: all.filter((r) => r.replications === 0),
      },
    };
  }

  /**
   * topInnovations (no filter): the published innovations with the most live replications (or
   * provinces reached by them), counted from the replications. Innovations without any
   * replication never rank here; the check would show it if that ever reached the top.
   */
  async topInnovations(by: 'REPLICATIONS' | 'PROVINCES', first: number): Promise<unknown> {
    const value = by === 'REPLICATIONS' ? 'replications' : 'provinces';
    // grouped first, then joined: with the join inside, MariaDB reaches innovation through its
    // status index instead of its key and takes a hundred times longer (seconds on 20,000 rows)
    const ranked = await this.rows(
      `SELECT t.id, t.replications, t.provinces
         FROM (SELECT r.innovation_id AS id, SUM(r.status IN ${LIVE}) AS replications,
                      COUNT(DISTINCT IF(r.status IN ${LIVE}, a.province_code, NULL)) AS provinces
                 FROM replication r JOIN agency a ON a.id = r.adopter_agency_id
                GROUP BY r.innovation_id) t
         JOIN innovation i ON i.id = t.id AND i.status = 'PUBLISHED'
        ORDER BY t.${value} DESC, t.id DESC LIMIT ?`,
      [first],
    );
    const details = ranked.length
      ? await this.rows(
          `SELECT i.id, i.title, o.name AS agency, i.province_code, i.view_count
             FROM innovation i JOIN agency o ON o.id = i.origin_agency_id WHERE i.id IN (?)`,
          [ranked.map((row) => row['id'])],
        )
      : [];
    const byId = new Map(details.map((row) => [n(row['id']), row]));
    return {
      topInnovations: ranked.map((row) => {
        const innovation = byId.get(n(row['id']))!;
        return {
          innovationId: n(row['id']),
          title: String(innovation['title']),
          originAgencyName: String(innovation['agency']),
          provinceCode: String(innovation['province_code']),
          value: n(row[value]),
          replications: n(row['replications']),
          provinces: n(row['provinces']),
          views: n(innovation['view_count']),
        };
      }),
    };
  }

  /** innovationFunnel: the innovation's requests by state, and what they reached, from its replications. */
  async innovationFunnel(innovationId: number): Promise<unknown> {
    const [innovation] = await this.rows(
      `SELECT i.title, o.name AS agency, i.view_count,
              (SELECT COUNT(*) FROM innovation_watch w WHERE w.innovation_id = i.id) AS watchers
         FROM innovation i JOIN agency o ON o.id = i.origin_agency_id
        WHERE i.id = ? AND i.status IN ${PUBLIC_INNOVATION}`,
      [innovationId],
    );
    if (!innovation) throw new Error(`no public innovation ${innovationId}`);
    const [counts] = await this.rows(
      `SELECT COUNT(*) AS requests, SUM(r.status IN ${AGREED}) AS agreed, SUM(r.status IN ${LIVE}) AS replicated,
              COUNT(DISTINCT IF(r.status IN ${LIVE}, a.province_code, NULL)) AS provinces,
              ${STATUSES.map((s) => `SUM(r.status = '${s}') AS \`${s}\``).join(', ')}
         FROM replication r JOIN agency a ON a.id = r.adopter_agency_id
        WHERE r.innovation_id = ?`,
      [innovationId],
    );
    return {
      innovationFunnel: {
        innovationId,
        title: String(innovation['title']),
        originAgencyName: String(innovation['agency']),
        views: n(innovation['view_count']),
        watchers: n(innovation['watchers']),
        requests: n(counts!['requests']),
        agreed: n(counts!['agreed']),
        replicated: n(counts!['replicated']),
        provincesReached: n(counts!['provinces']),
        byStatus: byStatusOf(counts!),
      },
    };
  }

  /**
   * hubActivity: per Asia/Jakarta week from the Monday of `from` through the week of `to` (whole
   * weeks, as the api counts them), the replications the hub's member agencies requested, the
   * steps they took (events after the request), the stalls among them, and the posts in the hub's
   * threads. Every week, zeros included.
   */
  async hubActivity(hubId: number, from: string, to: string): Promise<unknown> {
    const [hub] = await this.rows('SELECT name FROM network WHERE id = ?', [hubId]);
    if (!hub) throw new Error(`no hub ${hubId}`);
    const DAY = 86_400_000;
    const fromDay = Date.parse(`${from}T00:00:00Z`);
    const start = fromDay - ((new Date(fromDay).getUTCDay() + 6) % 7) * DAY;
    const weeks = Math.floor((Date.parse(`${to}T00:00:00Z`) - start) / (7 * DAY)) + 1;
    // the range in UTC: Monday 00:00 WIB of the first week up to Monday 00:00 WIB after the last
    const utc = (day: number): string =>
      new Date(day - 7 * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
    const range = [utc(start), utc(start + weeks * 7 * DAY)];
    // three independent counts at once, on three pooled connections: the api reads one table
    const [requested, steps, posts] = await Promise.all([
      this.rows(
        `SELECT ${jakartaWeek('r.requested_at')} AS week, COUNT(*) AS n
           FROM replication r JOIN network_member m ON m.agency_id = r.adopter_agency_id AND m.network_id = ?
          WHERE r.requested_at >= ? AND r.requested_at < ?
          GROUP BY week`,
        [hubId, ...range],
      ),
      this.rows(
        `SELECT ${jakartaWeek('e.occurred_at')} AS week, COUNT(*) AS n, SUM(e.to_status = 'STALLED') AS stalled
           FROM replication_event e
           JOIN replication r ON r.id = e.replication_id
           JOIN network_member m ON m.agency_id = r.adopter_agency_id AND m.network_id = ?
          WHERE e.from_status IS NOT NULL AND e.occurred_at >= ? AND e.occurred_at < ?
          GROUP BY week`,
        [hubId, ...range],
      ),
      this.rows(
        `SELECT ${jakartaWeek('p.created_at')} AS week, COUNT(*) AS n
           FROM post p JOIN thread t ON t.id = p.thread_id
          WHERE t.hub_id = ? AND p.created_at >= ? AND p.created_at < ?
          GROUP BY week`,
        [hubId, ...range],
      ),
    ]);
    const weekly = (rows: RowDataPacket[], column = 'n'): Map<string, number> =>
      new Map(rows.map((row) => [String(row['week']), n(row[column])]));
    const [newReplications, transitions, stalled, forumPosts] = [
      weekly(requested),
      weekly(steps),
      weekly(steps, 'stalled'),
      weekly(posts),
    ];
    return {
      hubActivity: {
        hubId,
        hubName: String(hub['name']),
        from,
        to,
        weeks: Array.from({ length: weeks }, (_, index) => {
          const weekStart = new Date(start + index * 7 * DAY).toISOString().slice(0, 10);
          return {
            weekStart,
            newReplications: newReplications.get(weekStart) ?? 0,
            transitions: transitions.get(weekStart) ?? 0,
            stalled: stalled.get(weekStart) ?? 0,
            forumPosts: forumPosts.get(weekStart) ?? 0,
          };
        }),
      },
    };
  }
}
