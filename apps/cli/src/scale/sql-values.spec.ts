import fc from 'fast-check';
import { jakartaDay } from '@jipp/innovations';
import { wibDay } from './scale-time';
import { dateTimeValue, sqlText } from './sql-values';

describe('SQL values of the scale data', () => {
  it('writes DATETIME(3) in UTC as toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        expect(dateTimeValue(ms)).toBe(new Date(ms).toISOString().slice(0, 23).replace('T', ' '));
      }),
      { numRuns: 2000, seed: 11 },
    );
    // rounds to the millisecond, across a month's end
    expect(dateTimeValue(Date.UTC(2026, 1, 28, 23, 59, 59, 999) + 0.6)).toBe('2026-03-01 00:00:00.000');
    expect(dateTimeValue(null)).toBeNull();
    expect(dateTimeValue(Number.NaN)).toBeNull();
  });

  it('dates figures on the Jakarta calendar as the platform does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        expect(wibDay(ms)).toBe(jakartaDay(new Date(ms)));
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it('escapes text literals', () => {
    expect(sqlText("Jum'at\\\n")).toBe("'Jum\\'at\\\\\\n'");
    expect(sqlText(null)).toBe('NULL');
  });
});
