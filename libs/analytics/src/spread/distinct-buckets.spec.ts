import { bucketChanges, DistinctBucket as B } from './distinct-buckets';

describe('bucketChanges', () => {
  it('counts a new member in its year, as first and as last', () => {
    expect(bucketChanges([], [2024])).toEqual(
      expect.arrayContaining([
        { bucket: B.YEAR, year: 2024, delta: 1 },
        { bucket: B.FIRST, year: 2024, delta: 1 },
        { bucket: B.LAST, year: 2024, delta: 1 },
      ]),
    );
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
    expect(changes).toHaveLength(4);
    expect(changes.every((c) => c.delta === -1)).toBe(true);
  });
});
