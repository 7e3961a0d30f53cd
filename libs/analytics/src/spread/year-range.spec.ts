import { DistinctBucket as B } from './distinct-buckets';
import { ALL_YEARS_PLAN, distinctPlan, isAllYears } from './year-range';

const data = { first: 2018, last: 2026 };

describe('distinctPlan', () => {
  it('reads all years from the all-years bucket', () => {
    expect(distinctPlan({}, data)).toEqual({ source: 'bucket', bucket: B.ALL });
    expect(distinctPlan({ from: 2010, to: 2030 }, data)).toEqual({ source: 'bucket', bucket: B.ALL });
  });

  it('reads an open end from last years and an open start from first years', () => {
    expect(distinctPlan({ from: 2021 }, data)).toEqual({ source: 'bucket', bucket: B.LAST, from: 2021 });
    expect(distinctPlan({ from: 2021, to: 2026 }, data)).toEqual({
      source: 'bucket',
      bucket: B.LAST,
      from: 2021,
    });
    expect(distinctPlan({ to: 2022 }, data)).toEqual({ source: 'bucket', bucket: B.FIRST, to: 2022 });
  });

  it('reads one year from its year bucket, and a range inside the data from the members', () => {
    expect(distinctPlan({ from: 2022, to: 2022 }, data)).toEqual({
      source: 'bucket',
      bucket: B.YEAR,
      from: 2022,
      to: 2022,
    });
    expect(distinctPlan({ from: 2020, to: 2023 }, data)).toEqual({ source: 'members', from: 2020, to: 2023 });
  });

  it('has nothing to read in empty rollups or a reversed range', () => {
    expect(distinctPlan({}, null)).toEqual({ source: 'empty' });
    expect(distinctPlan({ from: 2024, to: 2020 }, data)).toEqual({ source: 'empty' });
  });

  it('plans every year without the data years, as distinctPlan would with any data', () => {
    expect(isAllYears({})).toBe(true);
    expect(isAllYears({ from: null, to: undefined })).toBe(true);
    expect(isAllYears({ from: 2020 })).toBe(false);
    expect(isAllYears({ to: 2020 })).toBe(false);
    expect(distinctPlan({}, data)).toEqual(ALL_YEARS_PLAN);
  });
});
