import { DistinctBucket } from './distinct-buckets';

/**
 * How a year range's distinct counts are read: from one bucket (or a bucket sum) when the range is
 * open on a side the data never reaches (all years, from a year, up to a year, one year), otherwise
 * by counting the member rows of the range (exact, slower).
 */
export type DistinctPlan =
  | { source: 'bucket'; bucket: DistinctBucket; from?: number; to?: number }
  | { source: 'members'; from: number; to: number }
  | { source: 'empty' };

/**
 * Every year: the all-years bucket (one row per group), whatever years the data holds (empty
 * rollups have no rows), so the data's years need not be read first.
 */
export const ALL_YEARS_PLAN: DistinctPlan = { source: 'bucket', bucket: DistinctBucket.ALL };

/** Whether a range is open on both sides (no year filter at all). */
export function isAllYears(range: { from?: number | null; to?: number | null }): boolean {
  return (range.from ?? null) === null && (range.to ?? null) === null;
}

/** `dataYears`: the first and last request year anywhere in the rollups (null when empty). */
export function distinctPlan(
  range: { from?: number | null; to?: number | null },
  dataYears: { first: number; last: number } | null,
): DistinctPlan {
  if (!dataYears) return { source: 'empty' };
  const from = range.from ?? null;
  const to = range.to ?? null;
  if (from !== null && to !== null && from > to) return { source: 'empty' };
  const openStart = from === null || from <= dataYears.first;
  const openEnd = to === null || to >= dataYears.last;
  if (openStart && openEnd) return ALL_YEARS_PLAN;
  if (openEnd) return { source: 'bucket', bucket: DistinctBucket.LAST, from: from! };
  if (openStart) return { source: 'bucket', bucket: DistinctBucket.FIRST, to: to! };
  if (from === to) return { source: 'bucket', bucket: DistinctBucket.YEAR, from: from!, to: to! };
  return { source: 'members', from: from!, to: to! };
}
