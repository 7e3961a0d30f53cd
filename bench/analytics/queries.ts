/**
 * The dashboard's nine questions (see apps/api/schema.gql), each a GraphQL body sent unchanged to
 * the api and to the naive server. The subjects that depend on the data (the last year, the most
 * replicated innovation, a hub and its last 26 weeks) are picked from the base tables first.
 */
import { createConnection } from 'mysql2/promise';

const ROW = `key label replications replicated adopterAgencies innovationsReplicated byStatus { status count }`;

const SPREAD = `query ReplicationSpread($groupBy: SpreadGroupBy!, $filter: SpreadFilter) {
  replicationSpread(groupBy: $groupBy, filter: $filter) {
    groupBy
    rows { ${ROW} }
    total { ${ROW} }
  }
}`;

const REGION = 'code name replications replicated adopterAgencies innovationsReplicated';
const GAP_MAP = `query GapMap($provinceCode: String!, $categoryId: Int) {
  gapMap(provinceCode: $provinceCode, categoryId: $categoryId) {
    provinceCode provinceName categoryId
    regions { ${REGION} }
    withoutAdoption { ${REGION} }
  }
}`;

const TOP = `query TopInnovations($by: TopInnovationsBy!, $first: Int!) {
  topInnovations(by: $by, first: $first) {
    innovationId title originAgencyName provinceCode value replications provinces views
  }
}`;

const FUNNEL = `query InnovationFunnel($innovationId: Int!) {
  innovationFunnel(innovationId: $innovationId) {
    innovationId title originAgencyName views watchers requests agreed replicated provincesReached
    byStatus { status count }
  }
}`;

const HUB = `query HubActivity($hubId: Int!, $from: String!, $to: String!) {
  hubActivity(hubId: $hubId, from: $from, to: $to) {
    hubId hubName from to
    weeks { weekStart newReplications transitions stalled forumPosts }
  }
}`;

/** Jawa Timur: the province with the most regencies and cities on Java (38). */
export const PROVINCE = '35';
export const HUB_WEEKS = 26;
export const TOP_FIRST = 10;

export interface Subjects {
  /** The last year (Asia/Jakarta) any replication was requested in. */
  lastYear: number;
  /** The published innovation with the most live replications (ties: the highest id, as the ranking). */
  innovationId: number;
  /** The hub with the most member agencies (ties: the lowest id). */
  hub: { id: number; name: string; members: number };
  /** The last HUB_WEEKS weeks of the data: from the Monday HUB_WEEKS - 1 weeks before `to`'s. */
  hubFrom: string;
  hubTo: string;
}

export interface DashboardQuery {
  /** Shown in the table, e.g. `spread PROVINCE`. */
  name: string;
  /** The root field of the answer: `data.<field>`. */
  field: string;
  body: string;
}

const DAY = 86_400_000;
const iso = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** Reads the subjects from the base tables; `lastDay` (YYYY-MM-DD) is the day the data ends. */
export async function pickSubjects(databaseUrl: string, lastDay: string): Promise<Subjects> {
  const connection = await createConnection({ uri: databaseUrl, timezone: 'Z' });
  try {
    const [[years], [top], [hubs]] = await Promise.all([
      connection.query('SELECT YEAR(MAX(requested_at) + INTERVAL 7 HOUR) AS y FROM replication'),
      connection.query(
        `SELECT t.id FROM (SELECT innovation_id AS id, COUNT(*) AS n FROM replication
                            WHERE status IN ('IMPLEMENTED', 'SUSTAINED') GROUP BY innovation_id) t
           JOIN innovation i ON i.id = t.id AND i.status = 'PUBLISHED'
          ORDER BY t.n DESC, t.id DESC LIMIT 1`,
      ),
      connection.query(
        `SELECT n.id, n.name, COUNT(*) AS members
           FROM network n JOIN network_member m ON m.network_id = n.id
          GROUP BY n.id, n.name ORDER BY members DESC, n.id LIMIT 1`,
      ),
    ]);
    const year = (years as Array<{ y: number | null }>)[0]?.y;
    const innovation = (top as Array<{ id: number }>)[0];
    const hub = (hubs as Array<{ id: number; name: string; members: number }>)[0];
    if (!year || !innovation || !hub) throw new Error('the analytics dataset has no replications or no hubs');
    const to = Date.parse(`${lastDay}T00:00:00Z`);
    const monday = to - ((new Date(to).getUTCDay() + 6) % 7) * DAY;
    return {
      lastYear: Number(year),
      innovationId: Number(innovation.id),
      hub: { id: Number(hub.id), name: hub.name, members: Number(hub.members) },
      hubFrom: iso(monday - (HUB_WEEKS - 1) * 7 * DAY),
      hubTo: lastDay,
    };
  } finally {
    await connection.end();
  }
}

const body = (operationName: string, query: string, variables: Record<string, unknown>): string =>
  JSON.stringify({ operationName, query, variables });

export function dashboardQueries(subjects: Subjects): DashboardQuery[] {
  const spread = (name: string, variables: Record<string, unknown>): DashboardQuery => ({
    name,
    field: 'replicationSpread',
    body: body('ReplicationSpread', SPREAD, variables),
  });
  const since = subjects.lastYear - 2;
  return [
    spread('spread PROVINCE', { groupBy: 'PROVINCE' }),
    spread('spread YEAR', { groupBy: 'YEAR' }),
    spread('spread CATEGORY', { groupBy: 'CATEGORY' }),
    spread(`spread REGENCY of ${PROVINCE}`, { groupBy: 'REGENCY', filter: { provinceCode: PROVINCE } }),
    spread(`spread PROVINCE from ${since}`, { groupBy: 'PROVINCE', filter: { yearFrom: since } }),
    {
      name: `gapMap ${PROVINCE}`,
      field: 'gapMap',
      body: body('GapMap', GAP_MAP, { provinceCode: PROVINCE }),
    },
    {
      name: `topInnovations REPLICATIONS ${TOP_FIRST}`,
      field: 'topInnovations',
      body: body('TopInnovations', TOP, { by: 'REPLICATIONS', first: TOP_FIRST }),
    },
    {
      name: `innovationFunnel #${subjects.innovationId}`,
      field: 'innovationFunnel',
      body: body('InnovationFunnel', FUNNEL, { innovationId: subjects.innovationId }),
    },
    {
      name: `hubActivity #${subjects.hub.id} ${HUB_WEEKS} weeks`,
      field: 'hubActivity',
      body: body('HubActivity', HUB, {
        hubId: subjects.hub.id,
        from: subjects.hubFrom,
        to: subjects.hubTo,
      }),
    },
  ];
}
