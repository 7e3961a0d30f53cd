import { ALL_YEARS, bucketChanges, DistinctBucket as B } from './distinct-buckets';

describe('bucketChanges', () => {
  it('counts a new member in its year, as first, as last and in all years', () => {
    const changes = bucketChanges([], [2024]);
    expect(changes).toEqual(
      expect.arrayContaining([
        { bucket: B.YEAR, year: 2024, delta: 1 },
        { bucket: B.FIRST, year: 2024, delta: 1 },
        { bucket: B.LAST, year: 2024, delta: 1 },
        { bucket: B.ALL, year: ALL_YEARS, delta: 1 },
      ]),
    );
    expect(changes).toHaveLength(4);
  });

  it('counts a member in all years once, however many years it gains or loses while it stays', () => {
    expect(bucketChanges([2020], [2020, 2021, 2022]).some((c) => c.bucket === B.ALL)).toBe(false);
    expect(bucketChanges([2020, 2021], [2021]).some((c) => c.bucket === B.ALL)).toBe(false);
  });

  it('moves only what changes when a member gains a later year', () => {
    expect(bucketChanges([2020, 2022], [2020, 2022, 2025])).toEqual(
      expect.arrayContaining([
        { bucket: B.YEAR, year: 2025, delta: 1 },
        { bucket: B.LAST, year: 2022, delta: -1 },
        { bucket: B.LAST, year: 2025, delta: 1 },
      ]),
    );
    expect(bucketChanges([2020, 2022], [2020, 2022, 2025])).toHaveLength(3);
  });

  it('moves nothing when a member gains a year it had', () => {
    expect(bucketChanges([2021], [2021])).toEqual([]);
  });

  it('takes a member out of every bucket when it leaves the group', () => {
    const changes = bucketChanges([2019, 2023], []);
    expect(changes).toHaveLength(5);
    expect(changes).toContainEqual({ bucket: B.ALL, year: ALL_YEARS, delta: -1 });
    expect(changes.every((c) => c.delta === -1)).toBe(true);
  });
});
