import { addCalendarMonths, dueCheckins, implementedNoLaterThan } from './checkin-schedule';

/** A moment on the Asia/Jakarta wall clock (UTC+7). */
const wib = (local: string): Date => new Date(`${local}+07:00`);

describe('addCalendarMonths', () => {
  it('keeps the day of the month and the time of day', () => {
    expect(addCalendarMonths(wib('2024-03-15T09:30:00.250'), 6)).toEqual(wib('2024-09-15T09:30:00.250'));
    expect(addCalendarMonths(wib('2024-03-15T09:30:00'), 12)).toEqual(wib('2025-03-15T09:30:00'));
    expect(addCalendarMonths(wib('2024-03-15T09:30:00'), 24)).toEqual(wib('2026-03-15T09:30:00'));
  });

  it('ends on the last day of a shorter month', () => {
    expect(addCalendarMonths(wib('2025-01-31T10:00:00'), 1)).toEqual(wib('2025-02-28T10:00:00'));
    expect(addCalendarMonths(wib('2024-01-31T10:00:00'), 1)).toEqual(wib('2024-02-29T10:00:00'));
    expect(addCalendarMonths(wib('2024-08-31T10:00:00'), 6)).toEqual(wib('2025-02-28T10:00:00'));
    expect(addCalendarMonths(wib('2024-03-31T10:00:00'), 6)).toEqual(wib('2024-09-30T10:00:00'));
    // a leap day plus a year is the last day of the next February
    expect(addCalendarMonths(wib('2024-02-29T10:00:00'), 12)).toEqual(wib('2025-02-28T10:00:00'));
    expect(addCalendarMonths(wib('2024-02-29T10:00:00'), 48)).toEqual(wib('2028-02-29T10:00:00'));
  });

  it('carries months over the year end', () => {
    expect(addCalendarMonths(wib('2024-11-30T08:00:00'), 3)).toEqual(wib('2025-02-28T08:00:00'));
    expect(addCalendarMonths(wib('2024-07-31T08:00:00'), 6)).toEqual(wib('2025-01-31T08:00:00'));
  });

  it('counts days on the Jakarta calendar, not the UTC one', () => {
    // 31 January 05:00 WIB is still 30 January in UTC: a month later is 28 February 05:00 WIB
    const at = wib('2025-01-31T05:00:00');
    expect(at.toISOString()).toBe('2025-01-30T22:00:00.000Z');
    expect(addCalendarMonths(at, 1)).toEqual(wib('2025-02-28T05:00:00'));
    // and on the UTC calendar when asked to
    expect(addCalendarMonths(new Date('2025-01-31T05:00:00Z'), 1, 0)).toEqual(
      new Date('2025-02-28T05:00:00Z'),
    );
  });

  it('goes back as well, and refuses fractions', () => {
    expect(addCalendarMonths(wib('2025-03-31T12:00:00'), -1)).toEqual(wib('2025-02-28T12:00:00'));
    expect(addCalendarMonths(wib('2025-03-31T12:00:00'), 0)).toEqual(wib('2025-03-31T12:00:00'));
    expect(() => addCalendarMonths(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('dueCheckins', () => {
  const implementedAt = wib('2024-08-31T14:00:00');

  it('raises nothing before six months', () => {
    expect(dueCheckins(implementedAt, wib('2025-02-28T13:59:59.999'))).toEqual([]);
  });

  it('falls due at the calendar moment, one check-in after the other', () => {
    expect(dueCheckins(implementedAt, wib('2025-02-28T14:00:00'))).toEqual([
      { months: 6, dueAt: wib('2025-02-28T14:00:00') },
    ]);
    expect(dueCheckins(implementedAt, wib('2025-09-01T00:00:00')).map((c) => c.months)).toEqual([6, 12]);
    expect(dueCheckins(implementedAt, wib('2026-08-31T14:00:00'))).toEqual([
      { months: 6, dueAt: wib('2025-02-28T14:00:00') },
      { months: 12, dueAt: wib('2025-08-31T14:00:00') },
      { months: 24, dueAt: wib('2026-08-31T14:00:00') },
    ]);
  });
});

describe('implementedNoLaterThan', () => {
  it('never excludes a replication whose check-in is due', () => {
    // the shortest months: the bound must lie on or after every implementation with a due check-in
    for (const start of ['2024-08-31', '2025-01-31', '2024-01-31', '2023-08-29', '2024-12-31']) {
      const implementedAt = wib(`${start}T23:59:00`);
      for (const months of [1, 6, 12, 24]) {
        const due = addCalendarMonths(implementedAt, months);
        expect(implementedAt.getTime()).toBeLessThanOrEqual(implementedNoLaterThan(due, months).getTime());
      }
    }
  });
});
