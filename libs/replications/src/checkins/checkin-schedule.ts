import { CHECKIN_MONTHS } from './replication-checkin.entity';

/** Asia/Jakarta (WIB) is UTC+7 all year: Indonesia has no daylight saving time. */
export const JAKARTA_UTC_OFFSET_MINUTES = 7 * 60;

/**
 * Adds calendar months the way people count them, on the Asia/Jakarta wall clock: the same day of
 * the month at the same time, or the month's last day when it is shorter (31 January + 1 month =
 * 28 or 29 February; 31 August + 6 months = end of February).
 */
export function addCalendarMonths(
  at: Date,
  months: number,
  utcOffsetMinutes = JAKARTA_UTC_OFFSET_MINUTES,
): Date {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  const offsetMs = utcOffsetMinutes * 60_000;
  // the wall clock, read through the UTC getters
  const wall = new Date(at.getTime() + offsetMs);
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + months; // Date.UTC carries months past December into years
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(wall.getUTCDate(), lastDay),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  return new Date(shifted - offsetMs);
}

export interface DueCheckin {
  months: number;
  dueAt: Date;
}

/** The check-ins that have fallen due by `now` for a replication implemented at `implementedAt`. */
export function dueCheckins(
  implementedAt: Date,
  now: Date,
  months: readonly number[] = CHECKIN_MONTHS,
): DueCheckin[] {
  return months
    .map((m) => ({ months: m, dueAt: addCalendarMonths(implementedAt, m) }))
    .filter((checkin) => checkin.dueAt.getTime() <= now.getTime());
}

/**
 * A bound for a database pre-filter: no replication implemented after it has a `months` check-in due
 * by `now` (every month, even a clamped one, lasts at least 28 days).
 */
export function implementedNoLaterThan(now: Date, months: number): Date {
  return new Date(now.getTime() - months * 28 * 24 * 3600 * 1000);
}
