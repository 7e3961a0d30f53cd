import { AgencyType } from '@jipp/agencies';
import { AwardCompetition, AwardLevel, InnovationStage, InnovationStatus } from '@jipp/innovations';
import { CATEGORY_WORDS, categoriesOfYear } from './scale-vocabulary';
import { DAY_MS, officeTime } from './scale-time';
import { Random, randomFor, STREAM } from './seeded-random';

/** A regional government as the planner sees it (the `seed` command's 552 agencies). */
export interface ScaleAgency {
  id: number;
  name: string;
  shortName: string | null;
  type: AgencyType;
  regionCode: string;
  provinceCode: string;
}

/** An agency with the traits that steer the plan. */
export interface PlannedAgency extends ScaleAgency {
  /** How many innovations it makes, relative to the others. */
  originWeight: number;
  /** How eager it is to adopt others' innovations. */
  adopterWeight: number;
  /** The island group (first digit of the province code): nearby agencies copy each other more. */
  island: number;
  inHub: boolean;
}

export interface PlannedAward {
  competition: AwardCompetition;
  year: number;
  level: AwardLevel;
  /** When KemenPANRB recorded it: at the year's ceremony in December, or earlier when the data set ends. */
  createdAt: number;
}

export interface PlannedInnovation {
  /** Position in creation order: the id is the first free id plus this. */
  index: number;
  origin: number;
  status: InnovationStatus;
  createdAt: number;
  publishedAt: number | null;
  archivedAt: number | null;
  competitionYear: number;
  categoryCode: string;
  launchYear: number;
  stage: InnovationStage;
  digital: boolean;
  popularity: number;
  awards: PlannedAward[];
  /** Replications planned for it (filled in by `allocateReplications`). */
  replications: number;
  viewCount: number;
}

/**
 * KIPP proposals per year: the DESIGN.md figures where known (2014-2019, 2023), the rest assumed
 * (2020: fewer during the pandemic; later years about the 2023 level). Innovations are spread over
 * the years in these proportions.
 */
export const PROPOSALS_PER_YEAR: Readonly<Record<number, number>> = {
  2014: 515,
  2015: 1184,
  2016: 2476,
  2017: 3054,
  2018: 2824,
  2019: 3156,
  2020: 2250,
  2021: 2900,
  2022: 3300,
  2023: 3478,
};
const PROPOSALS_LATER = 3500;
export const FIRST_YEAR = 2014;

/** The second tier of KIPP winners picked from each year's Top 99 (illustrative tiers). */
const SECOND_TIER: Readonly<Record<number, { level: AwardLevel; size: number }>> = {
  2014: { level: AwardLevel.TOP_9, size: 9 },
  2015: { level: AwardLevel.TOP_25, size: 25 },
  2016: { level: AwardLevel.TOP_35, size: 35 },
  2017: { level: AwardLevel.TOP_40, size: 40 },
  2018: { level: AwardLevel.TOP_40, size: 40 },
};
const SECOND_TIER_LATER = { level: AwardLevel.TOP_45, size: 45 };

/** Regions known for many KIPP entries: they innovate more in the plan (an illustrative weighting). */
const PROLIFIC_REGIONS = new Set([
  '35.10',
  '35.78',
  '34.01',
  '33.14',
  '73.71',
  '32.73',
  '35.15',
  '51.03',
  '35',
  '73',
]);

/** Same province: far likelier adopters; same island group: likelier. */
export const SAME_PROVINCE_AFFINITY = 12;
export const SAME_ISLAND_AFFINITY = 2.5;

const islandOf = (provinceCode: string): number => {
  const digit = Number(provinceCode[0]);
  // Kepulauan Riau (21) lies with Sumatra
  return digit === 2 ? 1 : digit;
};

const ORIGIN_BY_TYPE: Partial<Record<AgencyType, number>> = {
  [AgencyType.PEMKOT]: 2.2,
  [AgencyType.PEMPROV]: 1.8,
  [AgencyType.PEMKAB]: 1,
};
const ORIGIN_BY_ISLAND: Record<number, number> = { 1: 1, 3: 1.6, 5: 1.15, 6: 0.9, 7: 1.1, 8: 0.6, 9: 0.45 };
const ADOPTER_BY_TYPE: Partial<Record<AgencyType, number>> = {
  [AgencyType.PEMKOT]: 1.2,
  [AgencyType.PEMPROV]: 0.7,
  [AgencyType.PEMKAB]: 1,
};
const ADOPTER_BY_ISLAND: Record<number, number> = { 1: 1, 3: 1.3, 5: 1.1, 6: 1, 7: 1.1, 8: 0.8, 9: 0.6 };

/** Each agency's traits: by type, island and a random temperament of its own (by region order). */
export function planAgencies(
  agencies: readonly ScaleAgency[],
  hubProvinceCodes: ReadonlySet<string>,
  seed: number,
): PlannedAgency[] {
  return [...agencies]
    .sort((a, b) => (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : a.id - b.id))
    .map((agency, i) => {
      const random = randomFor(seed, STREAM.AGENCY_TRAITS, i);
      const island = islandOf(agency.provinceCode);
      const bali = agency.provinceCode === '51' ? 1.3 : 1;
      const inHub = hubProvinceCodes.has(agency.provinceCode);
      return {
        ...agency,
        island,
        inHub,
        originWeight:
          (ORIGIN_BY_TYPE[agency.type] ?? 1) *
          (ORIGIN_BY_ISLAND[island] ?? 1) *
          bali *
          (PROLIFIC_REGIONS.has(agency.regionCode) ? 2 : 1) *
          random.logNormal(1, 0.5),
        adopterWeight:
          (ADOPTER_BY_TYPE[agency.type] ?? 1) *
          (ADOPTER_BY_ISLAND[island] ?? 1) *
          (inHub ? 1.5 : 1) *
          random.logNormal(1, 0.5),
      };
    });
}

/** Picks an index with probability proportional to its weight, from cumulative weights. */
export function pickCumulative(cumulative: Float64Array, random: Random): number {
  const roll = random.next() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > roll) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function cumulativeOf(weights: ArrayLike<number>): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) cumulative[i] = sum += weights[i]!;
  return cumulative;
}

const yearStart = (year: number): number => Date.UTC(year, 0, 1);

/**
 * The innovations, in creation order: every agency originates at least one when there are enough,
 * the rest go by origin weight; mostly published, some drafts (recent) and archived ones (older);
 * spread over the years like KIPP proposals; categories of their competition year (the year they were
 * published, or written for drafts); popularity from a heavy-tailed (Pareto) draw, raised by awards.
 */
export function planInnovations(
  agencies: readonly PlannedAgency[],
  count: number,
  seed: number,
  asOf: number,
): PlannedInnovation[] {
  const random = randomFor(seed, STREAM.INNOVATIONS, 0);
  const lastYear = new Date(asOf).getUTCFullYear();
  const years: Array<[number, number]> = [];
  for (let year = FIRST_YEAR; year <= lastYear; year++) {
    const proposals = PROPOSALS_PER_YEAR[year] ?? PROPOSALS_LATER;
    // the current year counts for the part of it that has passed (a published one needs two days)
    const span = Math.min(yearStart(year + 1), asOf - 2 * DAY_MS) - yearStart(year);
    if (span > 0) years.push([year, (proposals * span) / (yearStart(year + 1) - yearStart(year))]);
  }
  const origins = cumulativeOf(agencies.map((a) => a.originWeight));
  const everyAgencyOnce = count >= 2 * agencies.length;

  const planned: PlannedInnovation[] = [];
  for (let n = 0; n < count; n++) {
    const origin = everyAgencyOnce && n < agencies.length ? n : pickCumulative(origins, random);
    const draft = random.chance(0.06);
    let createdAt: number;
    let publishedAt: number | null = null;
    let archivedAt: number | null = null;
    let competitionYear: number;
    if (draft) {
      // drafts are being written now: created in the last eighteen months
      createdAt = officeTime(asOf - random.between(2, 540) * DAY_MS, 0, random);
      if (createdAt > asOf) createdAt = asOf - random.between(1, 12) * 3600 * 1000;
      competitionYear = new Date(createdAt).getUTCFullYear();
    } else {
      competitionYear = random.weighted(years);
      const from = yearStart(competitionYear);
      const to = Math.min(yearStart(competitionYear + 1), asOf - 2 * DAY_MS);
      const moment = random.between(from, to);
      publishedAt = officeTime(moment, 0, random);
      // office hours may push it past the year's end (or the data set's): then it stays where it fell
      if (publishedAt >= to) publishedAt = moment;
      // written a few days to two months before it was published
      createdAt = officeTime(publishedAt - random.between(4, 60) * DAY_MS, 0, random);
      const age = asOf - publishedAt;
      if (age > 400 * DAY_MS && random.chance(0.055)) {
        archivedAt = officeTime(
          publishedAt + random.between(365 * DAY_MS, age - DAY_MS),
          publishedAt,
          random,
        );
        if (archivedAt > asOf - 3600 * 1000) archivedAt = asOf - 3600 * 1000;
      }
    }
    const categories = categoriesOfYear(competitionYear);
    const categoryCode = random.weighted(
      categories.map((c) => [c.code, CATEGORY_WORDS[c.code]?.weight ?? 1] as const),
    );
    const yearsBefore = random.weighted([
      [0, 20],
      [1, 45],
      [2, 25],
      [3, 10],
    ]);
    planned.push({
      index: 0,
      origin,
      status: draft
        ? InnovationStatus.DRAFT
        : archivedAt !== null
          ? InnovationStatus.ARCHIVED
          : InnovationStatus.PUBLISHED,
      createdAt,
      publishedAt,
      archivedAt,
      competitionYear,
      categoryCode,
      launchYear: Math.max(FIRST_YEAR, competitionYear - yearsBefore),
      stage: random.weighted([
        [InnovationStage.IMPLEMENTED, 70],
        [InnovationStage.TRIAL, 22],
        [InnovationStage.INITIATIVE, 8],
      ]),
      digital: random.chance(Math.min(0.85, 0.35 + 0.04 * (competitionYear - FIRST_YEAR))),
      // many innovations are never asked for; of the others most are copied a little, a few by hundreds
      popularity: draft || random.chance(0.4) ? 0 : random.pareto(1.1),
      awards: [],
      replications: 0,
      viewCount: 0,
    });
  }
  // ids follow creation, as they do in real use
  planned.sort((a, b) => a.createdAt - b.createdAt);
  planned.forEach((innovation, index) => (innovation.index = index));
  planAwards(planned, seed, asOf);
  return planned;
}

/**
 * Each finished competition year's KIPP Top 99 (3% of the year's entries at most) and its second tier,
 * picked by popularity (weighted sampling without replacement), and a few IGA winners from 2017 on.
 * An award makes an innovation more popular still.
 */
function planAwards(innovations: PlannedInnovation[], seed: number, asOf: number): void {
  const random = randomFor(seed, STREAM.AWARDS, 0);
  const byYear = new Map<number, PlannedInnovation[]>();
  for (const innovation of innovations) {
    if (innovation.publishedAt === null) continue;
    const list = byYear.get(innovation.competitionYear) ?? [];
    list.push(innovation);
    byYear.set(innovation.competitionYear, list);
  }
  const lastYear = new Date(asOf).getUTCFullYear();
  const sample = (pool: readonly PlannedInnovation[], k: number): PlannedInnovation[] =>
    pool
      .map((innovation) => ({ innovation, key: Math.log(1 - random.next()) / innovation.popularity }))
      .sort((a, b) => b.key - a.key || a.innovation.index - b.innovation.index)
      .slice(0, k)
      .map((entry) => entry.innovation);
  for (const [year, pool] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
    if (year >= lastYear) continue;
    const top99 = sample(pool, Math.min(99, Math.round(pool.length * 0.03)));
    const tier = SECOND_TIER[year] ?? SECOND_TIER_LATER;
    const second = new Set(sample(top99, Math.round((tier.size * top99.length) / 99)));
    const ceremony = officeTime(Date.UTC(year, 11, 10), 0, random);
    const award = (innovation: PlannedInnovation, competition: AwardCompetition, level: AwardLevel) =>
      innovation.awards.push({
        competition,
        year,
        level,
        createdAt: Math.max(innovation.publishedAt!, Math.min(ceremony, asOf - DAY_MS)),
      });
    for (const innovation of top99) {
      award(innovation, AwardCompetition.KIPP, AwardLevel.TOP_99);
      if (second.has(innovation)) award(innovation, AwardCompetition.KIPP, tier.level);
    }
    if (year >= 2017) {
      for (const innovation of sample(pool, Math.min(25, Math.round(pool.length * 0.008)))) {
        award(innovation, AwardCompetition.IGA, AwardLevel.WINNER);
      }
    }
  }
  for (const innovation of innovations) {
    if (innovation.awards.length) {
      innovation.popularity = Math.max(1, innovation.popularity) * (2 + innovation.awards.length);
    }
  }
}

/** Days in which an innovation could be asked for: from publication to archiving or the end. */
export function requestWindowDays(innovation: PlannedInnovation, asOf: number): number {
  if (innovation.publishedAt === null) return 0;
  return ((innovation.archivedAt ?? asOf) - innovation.publishedAt) / DAY_MS - 1;
}

/**
 * Splits `total` replications over the innovations by popularity and by how long they could be asked
 * for, each at most `cap` (there are only so many agencies): capped shares go to the others, the rest
 * by largest remainder. Also sets the view counters, which follow interest.
 */
export function allocateReplications(
  innovations: PlannedInnovation[],
  total: number,
  cap: number,
  seed: number,
  asOf: number,
): void {
  const weights = innovations.map((innovation) => {
    const days = requestWindowDays(innovation, asOf);
    return days < 2 ? 0 : innovation.popularity * (1 - Math.exp(-days / 500));
  });
  const capacity = weights.reduce((sum, w) => sum + (w > 0 ? cap : 0), 0);
  if (capacity < total) {
    throw new Error(`cannot place ${total} replications: ${capacity} fit in these innovations`);
  }
  const counts = new Array<number>(innovations.length).fill(0);
  let open = innovations.map((_, i) => i).filter((i) => weights[i]! > 0);
  let remaining = total;
  for (;;) {
    const sum = open.reduce((s, i) => s + weights[i]!, 0);
    const capped = open.filter((i) => (remaining * weights[i]!) / sum >= cap);
    if (capped.length === 0) {
      const shares = open.map((i) => ({ i, share: (remaining * weights[i]!) / sum }));
      let left = remaining;
      for (const { i, share } of shares) {
        counts[i] = Math.floor(share);
        left -= counts[i]!;
      }
      shares.sort((a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)) || a.i - b.i);
      for (let k = 0; k < left; k++) counts[shares[k]!.i]!++;
      break;
    }
    for (const i of capped) counts[i] = cap;
    remaining -= capped.length * cap;
    const cappedSet = new Set(capped);
    open = open.filter((i) => !cappedSet.has(i));
  }
  const random = randomFor(seed, STREAM.INNOVATIONS, 1);
  innovations.forEach((innovation, i) => {
    innovation.replications = counts[i]!;
    const years = Math.max(0, requestWindowDays(innovation, asOf)) / 365;
    innovation.viewCount =
      innovation.publishedAt === null
        ? 0
        : Math.round(
            counts[i]! * random.between(15, 40) + random.logNormal(80, 0.9) * Math.sqrt(years + 0.1),
          );
  });
}
