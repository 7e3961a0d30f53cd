/**
 * The GraphQL documents the pages send, and the shapes of their answers (the analytics contract:
 * replicationSpread, topInnovations, gapMap, innovationFunnel, lineageGraph). One document per page,
 * so a page costs one round trip.
 */

export interface StateCount {
  status: string;
  count: number;
}

export interface SpreadRow {
  key: string;
  label: string;
  replications: number;
  replicated: number;
  adopterAgencies: number;
  innovationsReplicated: number;
  byStatus: StateCount[];
}

export interface ReplicationSpread {
  groupBy: string;
  rows: SpreadRow[];
  total: SpreadRow;
}

export interface TopInnovation {
  innovationId: number;
  title: string;
  originAgencyName: string;
  provinceCode: string;
  value: number;
  replications: number;
  provinces: number;
  views: number;
}

export interface Province {
  code: string;
  name: string;
}

export interface GapRegion {
  code: string;
  name: string;
  replications: number;
  replicated: number;
  adopterAgencies: number;
  innovationsReplicated: number;
}

export interface GapMap {
  provinceCode: string;
  provinceName: string;
  categoryId: number | null;
  regions: GapRegion[];
  withoutAdoption: GapRegion[];
}

export interface Category {
  id: number;
  name: string;
  nameEn: string;
  competitionYear: number;
}

export interface InnovationFunnel {
  innovationId: number;
  title: string;
  originAgencyName: string;
  views: number;
  watchers: number;
  requests: number;
  agreed: number;
  replicated: number;
  provincesReached: number;
  byStatus: StateCount[];
}

export interface LineageGraphNode {
  id: string;
  kind: 'INNOVATION' | 'REPLICATION';
  label: string;
  agencyName: string;
  provinceCode: string | null;
  status: string | null;
  depth: number;
}

export interface LineageGraph {
  innovationId: number;
  nodes: LineageGraphNode[];
  edges: Array<{ source: string; target: string }>;
}

/** The live feed's event (socket.io `replication:event`). */
export interface ReplicationFeedEvent {
  replicationId: number;
  innovationId: number;
  innovationTitle: string;
  adopterAgencyName: string;
  adopterProvinceCode: string;
  action: string | null;
  from: string | null;
  to: string;
  at: string;
}

const SPREAD_ROW =
  'key label replications replicated adopterAgencies innovationsReplicated byStatus { status count }';
const GAP_REGION = 'code name replications replicated adopterAgencies innovationsReplicated';

export interface OverviewData {
  byYear: ReplicationSpread;
  byCategory: ReplicationSpread;
  byProvince: ReplicationSpread;
  top: TopInnovation[];
  provinces: Province[];
  innovationCategories: Array<Pick<Category, 'id' | 'competitionYear'>>;
}

/** How many innovations the overview's top list shows. */
export const OVERVIEW_TOP_COUNT = 10;

export const OVERVIEW_QUERY = `query DashboardOverview($top: Int!) {
  byYear: replicationSpread(groupBy: YEAR) { groupBy rows { ${SPREAD_ROW} } total { ${SPREAD_ROW} } }
  byCategory: replicationSpread(groupBy: CATEGORY) { groupBy rows { ${SPREAD_ROW} } total { ${SPREAD_ROW} } }
  byProvince: replicationSpread(groupBy: PROVINCE) { groupBy rows { ${SPREAD_ROW} } total { ${SPREAD_ROW} } }
  top: topInnovations(by: REPLICATIONS, first: $top) {
    innovationId title originAgencyName provinceCode value replications provinces views
  }
  provinces { code name }
  innovationCategories { id competitionYear }
}`;

export interface ProvinceData {
  gapMap: GapMap;
  spread: ReplicationSpread;
  innovationCategories: Category[];
}

export const PROVINCE_QUERY = `query DashboardProvince($provinceCode: String!, $categoryId: Int) {
  gapMap(provinceCode: $provinceCode, categoryId: $categoryId) {
    provinceCode provinceName categoryId
    regions { ${GAP_REGION} }
    withoutAdoption { ${GAP_REGION} }
  }
  spread: replicationSpread(groupBy: PROVINCE, filter: { provinceCode: $provinceCode, categoryId: $categoryId }) {
    groupBy rows { ${SPREAD_ROW} } total { ${SPREAD_ROW} }
  }
  innovationCategories { id name nameEn competitionYear }
}`;

export interface InnovationData {
  innovationFunnel: InnovationFunnel;
  lineageGraph: LineageGraph;
}

export const INNOVATION_QUERY = `query DashboardInnovation($innovationId: Int!) {
  innovationFunnel(innovationId: $innovationId) {
    innovationId title originAgencyName views watchers requests agreed replicated provincesReached
    byStatus { status count }
  }
  lineageGraph(innovationId: $innovationId) {
    innovationId
    nodes { id kind label agencyName provinceCode status depth }
    edges { source target }
  }
}`;

export const PROVINCES_QUERY = `query DashboardProvinces { provinces { code name } }`;

export const LOGIN_MUTATION = `mutation DashboardLogin($input: LoginInput!) { login(input: $input) { accessToken } }`;

export const TOTALS_QUERY = `query DashboardTotals {
  byYear: replicationSpread(groupBy: YEAR) { total { ${SPREAD_ROW} } }
}`;
