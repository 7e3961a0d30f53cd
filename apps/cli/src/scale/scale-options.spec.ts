import {
  dataSetPrefix,
  DEFAULT_SCALE_SEED,
  registrationPrefix,
  SCALE_PRESETS,
  scaleOptionsOf,
} from './scale-options';

const NOW = new Date('2026-11-22T15:30:00Z');

describe('seed --scale options', () => {
  it('takes a preset, the default seed and today (UTC) as the end of the data set', () => {
    expect(scaleOptionsOf({ scale: 'large' }, NOW, 60)).toEqual({
      scale: 'large',
      ...SCALE_PRESETS.large,
      seed: DEFAULT_SCALE_SEED,
      asOf: new Date('2026-11-22T00:00:00Z'),
      stallAfterDays: 60,
    });
    expect(scaleOptionsOf({ scale: 'small', seed: '7', asOf: '2025-01-31' }, NOW, 30)).toMatchObject({
      innovations: 2000,
      replications: 20000,
      seed: 7,
      asOf: new Date('2025-01-31T00:00:00Z'),
      stallAfterDays: 30,
    });
  });

  it('says what is wrong with a bad value', () => {
    const problem = (given: { scale: string; seed?: string; asOf?: string }) =>
      (scaleOptionsOf(given, NOW, 60) as { problem?: string }).problem;
    expect(problem({ scale: 'huge' })).toMatch(/--scale must be one of small, large/);
    expect(problem({ scale: 'small', seed: '-1' })).toMatch(/--seed/);
    expect(problem({ scale: 'small', seed: '1e3' })).toMatch(/--seed/);
    expect(problem({ scale: 'small', asOf: '2025-02-30' })).toMatch(/YYYY-MM-DD/);
    expect(problem({ scale: 'small', asOf: '22-11-2026' })).toMatch(/YYYY-MM-DD/);
    expect(problem({ scale: 'small', asOf: '2026-11-23' })).toMatch(/future/);
    expect(problem({ scale: 'small', asOf: '2015-06-01' })).toMatch(/2016/);
  });

  it('marks the data set in the registration numbers by scale, seed and day', () => {
    const prefix = registrationPrefix('large', 20260404, new Date('2026-11-01T00:00:00Z'));
    expect(prefix).toBe('SKALA-large-20260404-20261101-');
    expect(prefix.startsWith(dataSetPrefix('large', 20260404))).toBe(true);
    expect(prefix.startsWith(dataSetPrefix('large', 2026040))).toBe(false);
  });
});
