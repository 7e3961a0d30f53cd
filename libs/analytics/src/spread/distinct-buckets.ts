/** The distinct-count buckets of `analytics_spread_distinct`. */
export enum DistinctBucket {
  /** Members with a replication in the year. */
  YEAR = 'Y',
  /** Members whose first year in the group is the year. */
  FIRST = 'F',
  /** Members whose last year in the group is the year. */
  LAST = 'L',
  /** Members with a replication in any year: one row per group, at year `ALL_YEARS`. */
  ALL = 'A',
}

/** The year of the `ALL` bucket's rows. */
export const ALL_YEARS = 0;

export interface BucketChange {
  bucket: DistinctBucket;
  year: number;
  delta: number;
}

/**
 * How one member's buckets move when the set of years it has replications in changes from
 * `before` to `after` (either may be empty: the member joins or leaves the group).
 */
export function bucketChanges(before: readonly number[], after: readonly number[]): BucketChange[] {
  const changes = new Map<string, BucketChange>();
  const move = (bucket: DistinctBucket, year: number | undefined, delta: number) => {
    if (year === undefined) return;
    const key = `${bucket}${year}`;
    const change = changes.get(key) ?? { bucket, year, delta: 0 };
    change.delta += delta;
    changes.set(key, change);
  };
  const was = new Set(before);
  const is = new Set(after);
  for (const year of is) if (!was.has(year)) move(DistinctBucket.YEAR, year, 1);
  for (const year of was) if (!is.has(year)) move(DistinctBucket.YEAR, year, -1);
  const min = (years: Set<number>) => (years.size ? Math.min(...years) : undefined);
  const max = (years: Set<number>) => (years.size ? Math.max(...years) : undefined);
  move(DistinctBucket.FIRST, min(was), -1);
  move(DistinctBucket.FIRST, min(is), 1);
  move(DistinctBucket.LAST, max(was), -1);
  move(DistinctBucket.LAST, max(is), 1);
  if (was.size === 0 && is.size > 0) move(DistinctBucket.ALL, ALL_YEARS, 1);
  if (was.size > 0 && is.size === 0) move(DistinctBucket.ALL, ALL_YEARS, -1);
  return [...changes.values()].filter((c) => c.delta !== 0);
}
