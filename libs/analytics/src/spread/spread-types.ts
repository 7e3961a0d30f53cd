/** The groupings `replicationSpread` offers. */
export enum SpreadGroupBy {
  PROVINCE = 'PROVINCE',
  REGENCY = 'REGENCY',
  CATEGORY = 'CATEGORY',
  YEAR = 'YEAR',
  HUB = 'HUB',
  AGENCY_TYPE = 'AGENCY_TYPE',
}

export interface SpreadFilterInput {
  yearFrom?: number | null;
  yearTo?: number | null;
  categoryId?: number | null;
  hubId?: number | null;
  provinceCode?: string | null;
  awardLevel?: string | null;
}

export interface StatusCount {
  status: string;
  count: number;
}

export interface SpreadRowResult {
  key: string;
  label: string;
  replications: number;
  replicated: number;
  adopterAgencies: number;
  innovationsReplicated: number;
  byStatus: StatusCount[];
}

export interface SpreadResult {
  groupBy: SpreadGroupBy;
  rows: SpreadRowResult[];
  total: SpreadRowResult;
  /** Where the answer came from: the rollups, or the flat fact table for filters they do not hold. */
  source: 'ROLLUP' | 'FACTS';
}

/** States in which an adoption went live (the replications lib's REPLICATED_STATES). */
export const LIVE_STATES: ReadonlySet<string> = new Set(['IMPLEMENTED', 'SUSTAINED']);
