import type { FieldProblem } from '@jipp/core';

/**
 * Rules shared by the evidence of a replication (modifications, outcomes, documents): text lengths,
 * calendar days and links. Plain functions: each returns why a value is wrong, or null.
 */

/** Links to documents and evidence: the same bound as the column. */
export const MAX_URL_LENGTH = 500;

/** Characters as a person counts them (an emoji is one), not UTF-16 units. */
export function charLength(text: string): number {
  return Array.from(text).length;
}

/** Why a text is too short or too long (after trimming), or null. */
export function textProblem(
  text: string | null | undefined,
  [min, max]: readonly [number, number],
): string | null {
  const length = charLength((text ?? '').trim());
  if (length < min) return `must be at least ${min} characters long`;
  if (length > max) return `must be at most ${max} characters long`;
  return null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why a string is not a real calendar day written YYYY-MM-DD (2026-02-30 is not), or null. */
export function isoDayProblem(day: string | null | undefined): string | null {
  if (!day || !ISO_DAY.test(day)) return 'must be a date written YYYY-MM-DD';
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    return 'is not a calendar day';
  }
  return null;
}

/** Indonesia's easternmost zone (WIT) is UTC+9: its day is the latest one any Indonesian user lives in. */
const WIT_OFFSET_MS = 9 * 3600 * 1000;

/**
 * The latest calendar day in Indonesia at this instant, YYYY-MM-DD. A day after it is in the future
 * for every user; a user in Jakarta at 07:00 may already report the day Jayapura lives in, which is
 * at most a few hours early and never refuses anyone's "today".
 */
export function latestIndonesianDay(now: Date): string {
  return new Date(now.getTime() + WIT_OFFSET_MS).toISOString().slice(0, 10);
}

/** Why a link is not an absolute http(s) address of at most 500 characters, or null. */
export function httpUrlProblem(url: string | null | undefined): string | null {
  const text = (url ?? '').trim();
  if (!text) return 'must be a link (http or https)';
  if (text.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters long`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return 'must be an absolute link (http or https)';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http or https link';
  if (!parsed.hostname) return 'must name a host';
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  return null;
}

/** Collects the problems of named fields, in order, leaving out the fine ones. */
export function problemsOf(checks: ReadonlyArray<[field: string, problem: string | null]>): FieldProblem[] {
  return checks.flatMap(([field, message]) => (message ? [{ field, message }] : []));
}

/** One line that says what is wrong, for the error message. */
export function summarise(problems: readonly FieldProblem[]): string {
  const [first] = problems;
  if (!first) return 'Invalid input.';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `Invalid input: ${first.field} ${first.message}${more}.`;
}
