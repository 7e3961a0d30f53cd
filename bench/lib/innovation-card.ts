/**
 * The catalogue card the raw baselines answer (`graphql/` and `catalogue/`), built from a row of the
 * api's innovation statement (`api-statements.ts`: TypeORM's `alias_column` names) the way the api's
 * GraphQL answer shows it.
 */

export interface Region {
  code: string;
  name: string;
}

export interface Award {
  competition: unknown;
  year: unknown;
  level: unknown;
}

type Row = Record<string, unknown>;

/** An innovation's card: its category, origin agency, province, regency (null for a province), awards and funnel. */
export function innovationCard(
  row: Row,
  awards: Award[],
  regions: ReadonlyMap<string, Region>,
): Record<string, unknown> {
  const sdg = row['innovation_sdg_goals'] as string;
  const regionCode = row['innovation_region_code'] as string;
  const provinceCode = row['innovation_province_code'] as string;
  const province = regions.get(provinceCode)!;
  const regency = regionCode === provinceCode ? null : regions.get(regionCode)!;
  return {
    id: row['innovation_id'],
    slug: row['innovation_slug'],
    title: row['innovation_title'],
    summary: row['innovation_summary'],
    launchYear: row['innovation_launch_year'],
    digital: row['innovation_digital'] === 1,
    stage: row['innovation_stage'],
    sdgGoals: (sdg ? sdg.split(',') : []).map(Number).sort((a, b) => a - b),
    category: { id: row['category_id'], name: row['category_name'] },
    originAgency: {
      id: row['originAgency_id'],
      name: row['originAgency_name'],
      shortName: row['originAgency_short_name'],
      type: row['originAgency_type'],
    },
    province: { code: province.code, name: province.name },
    regency: regency && { code: regency.code, name: regency.name },
    awards,
    funnel: {
      viewed: row['innovation_view_count'],
      interested: row['innovation_watcher_count'],
      replicated: row['innovation_replicated_count'],
    },
  };
}

/** The awards rows (the api's awards statement) by innovation, every id present, in the rows' order. */
export function awardsByInnovation(ids: readonly number[], rows: readonly Row[]): Map<number, Award[]> {
  const byInnovation = new Map<number, Award[]>(ids.map((id) => [id, []]));
  for (const a of rows) {
    byInnovation.get(a['award_innovation_id'] as number)?.push({
      competition: a['award_competition'],
      year: a['award_year'],
      level: a['award_level'],
    });
  }
  return byInnovation;
}

/**
 * An innovation's awards from the JSON array its statement read (`awards_json`: text on MariaDB,
 * parsed on MySQL, NULL for none), newest first then by id, as the api orders them.
 */
export function awardsFromJson(value: unknown): Award[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const items = Array.isArray(parsed) ? (parsed as Array<Record<string, unknown>>) : [];
  return [...items]
    .sort((a, b) => Number(b['year']) - Number(a['year']) || Number(a['id']) - Number(b['id']))
    .map((a) => ({ competition: a['competition'], year: a['year'], level: a['level'] }));
}
