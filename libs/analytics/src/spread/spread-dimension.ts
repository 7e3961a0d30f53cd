/** How the rollups group replications; the letter is the `dim` column of the rollup tables. */
export enum SpreadDimension {
  NATIONAL = 'N',
  PROVINCE = 'P',
  REGENCY = 'R',
  CATEGORY = 'C',
  HUB = 'H',
  AGENCY_TYPE = 'T',
}

/** What distinct counts are kept of: adopter agencies and innovations. */
export enum MemberKind {
  AGENCY = 'A',
  INNOVATION = 'I',
}

export const MEMBER_KINDS: readonly MemberKind[] = [MemberKind.AGENCY, MemberKind.INNOVATION];

/** The groups a replication is counted in, read from its fact row. */
export interface FactShape {
  innovationId: number;
  adopterAgencyId: number;
  categoryId: number;
  provinceCode: string;
  regencyCode: string | null;
  agencyType: string;
  /** Ascending, comma-separated. */
  hubIds: string;
  year: number;
  status: string;
}

export interface Scope {
  dim: SpreadDimension;
  key: string;
}

export function hubIdsOf(fact: Pick<FactShape, 'hubIds'>): number[] {
  return fact.hubIds ? fact.hubIds.split(',').map(Number) : [];
}

/** Every group the replication counts in: the nation, its province, regency, category, type and hubs. */
export function scopesOf(fact: FactShape): Scope[] {
  const scopes: Scope[] = [
    { dim: SpreadDimension.NATIONAL, key: '' },
    { dim: SpreadDimension.PROVINCE, key: fact.provinceCode },
    { dim: SpreadDimension.CATEGORY, key: String(fact.categoryId) },
    { dim: SpreadDimension.AGENCY_TYPE, key: fact.agencyType },
  ];
  if (fact.regencyCode) scopes.push({ dim: SpreadDimension.REGENCY, key: fact.regencyCode });
  for (const hubId of hubIdsOf(fact)) scopes.push({ dim: SpreadDimension.HUB, key: String(hubId) });
  return scopes;
}

/** A regency or city code ("35.10") rather than a province's ("35"). */
export function regencyCodeOf(regionCode: string): string | null {
  return regionCode.includes('.') ? regionCode : null;
}

/** The calendar year of an instant in Asia/Jakarta (UTC+7 all year round). */
export function jakartaYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();
}

/** The Monday (YYYY-MM-DD) of the Asia/Jakarta week an instant falls in. */
export function jakartaWeekStart(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  const weekday = (local.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - weekday),
  );
  return monday.toISOString().slice(0, 10);
}
