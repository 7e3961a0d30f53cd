import type { Random } from './seeded-random';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** Asia/Jakarta (WIB) is UTC+7 all year. */
const WIB_MS = 7 * HOUR_MS;

/**
 * A moment at or after `at` when people at a local government work: a random minute of 08:00-16:00
 * WIB on that day, or on the Monday after when it is a weekend (right after `at` when the drawn minute
 * has passed). Always after `notBefore`: a step follows the one before it.
 */
export function officeTime(at: number, notBefore: number, random: Random): number {
  let day = Math.floor((at + WIB_MS) / DAY_MS);
  // 1 January 1970 was a Thursday: (day + 4) % 7 is 0 on Sundays and 6 on Saturdays
  const weekday = (day + 4) % 7;
  if (weekday === 6) day += 2;
  else if (weekday === 0) day += 1;
  let result = day * DAY_MS - WIB_MS + 8 * HOUR_MS + Math.floor(random.next() * 8 * 60) * MINUTE_MS;
  if (result < at) result = at + Math.round(random.between(1, 60) * MINUTE_MS);
  if (result <= notBefore) result = notBefore + Math.round(random.between(5, 120) * MINUTE_MS);
  return result;
}

const dayTexts = new Map<number, string>();

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), cached: a data set spans a few thousand days. */
export function dayText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayTexts.set(day, text);
  }
  return text;
}

/** The Asia/Jakarta calendar day of a moment (as `jakartaDay` of @jipp/innovations), without a Date. */
export function wibDay(at: number): string {
  return dayText(Math.floor((at + WIB_MS) / DAY_MS));
}
