import { isEmail, isURL } from 'class-validator';
import { AwardCompetition, AwardLevel } from '../awards/award-enums';
import { SLUG_PATTERN } from '../innovations/slug';

/**
 * The rules one cell of an import file must follow: the same limits as the GraphQL inputs
 * (`innovation.inputs.ts`), as plain functions. Each returns the value or why the cell is wrong.
 */
export type Checked<T> = { value: T } | { problem: string };

/** Innovations are recorded from independence on; a launch cannot be in the future. */
export const FIRST_LAUNCH_YEAR = 1945;
/** The earliest award year an admin may record. */
export const FIRST_AWARD_YEAR = 2000;
export const MAX_SLUG_LENGTH = 150;
export const MAX_AWARD_TITLE = 120;

/** [min, max] characters of the describable texts. */
export const TEXT_LIMITS = {
  title: [5, 200],
  summary: [20, 2000],
  problem: [20, 10000],
  approach: [20, 10000],
  novelty: [1, 10000],
  impact: [1, 10000],
} as const;

export const CONTACT_LIMITS = { contactUnit: 200, contactName: 120, contactEmail: 254, referenceUrl: 500 };

const REGISTRATION_NUMBER = /^[A-Za-z0-9][A-Za-z0-9./_-]{0,59}$/;
const PHONE = /^\+?[0-9 ()-]{6,40}$/;

/** Characters as a person counts them (an emoji is one), not UTF-16 units. */
export function charLength(text: string): number {
  return Array.from(text).length;
}

export function checkText(text: string, min: number, max: number): Checked<string> {
  const length = charLength(text);
  if (length < min || length > max) {
    return { problem: `must be ${min}-${max} characters long (it has ${length})` };
  }
  return { value: text };
}

export function checkMaxText(text: string, max: number): Checked<string> {
  const length = charLength(text);
  return length > max
    ? { problem: `must be at most ${max} characters long (it has ${length})` }
    : { value: text };
}

export function checkRegistrationNumber(text: string): Checked<string> {
  return REGISTRATION_NUMBER.test(text)
    ? { value: text }
    : { problem: 'must be 1-60 letters, digits, . / _ - (starting with a letter or digit)' };
}

export function checkSlug(text: string): Checked<string> {
  if (text.length > MAX_SLUG_LENGTH) return { problem: `must be at most ${MAX_SLUG_LENGTH} characters long` };
  return SLUG_PATTERN.test(text)
    ? { value: text }
    : { problem: 'must be lower-case letters and digits joined by hyphens, e.g. akta-lahir-keliling' };
}

/** `2018:KESEHATAN` -> competition year and category code. */
export function parseCategoryKey(text: string): Checked<{ year: number; code: string }> {
  const match = /^(\d{4})\s*:\s*([A-Za-z][A-Za-z0-9_]{0,39})$/.exec(text);
  if (!match) return { problem: 'must be YEAR:CODE, e.g. 2018:KESEHATAN' };
  return { value: { year: Number(match[1]), code: match[2]!.toUpperCase() } };
}

const TRUE_WORDS = new Set(['ya', 'true']);
const FALSE_WORDS = new Set(['tidak', 'false']);

/** `ya` / `tidak` / `true` / `false`, in any case. */
export function parseYesNo(text: string): Checked<boolean> {
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return { value: true };
  if (FALSE_WORDS.has(word)) return { value: false };
  return { problem: 'must be ya, tidak, true or false' };
}

/** One value of a string enum, in any case. */
export function parseEnumValue<T extends string>(text: string, values: Record<string, T>): Checked<T> {
  const wanted = text.toUpperCase();
  const found = Object.values(values).find((v) => v === wanted);
  return found ? { value: found } : { problem: `must be one of ${Object.values(values).join(', ')}` };
}

/** `3;10` (or `3, 10`) -> [3, 10]: each goal 1-17, once. */
export function parseSdgGoals(text: string): Checked<number[]> {
  const goals: number[] = [];
  for (const part of text.split(/[;,\s]+/).filter(Boolean)) {
    const goal = /^\d{1,2}$/.test(part) ? Number(part) : NaN;
    if (!(goal >= 1 && goal <= 17)) return { problem: `"${part}" is not an SDG goal (1-17)` };
    if (goals.includes(goal)) return { problem: `goal ${goal} is listed twice` };
    goals.push(goal);
  }
  return { value: goals.sort((a, b) => a - b) };
}

/** A four-digit year within [min, max]. */
export function parseYear(text: string, min: number, max: number): Checked<number> {
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(year >= min && year <= max)) return { problem: `must be a year from ${min} to ${max}` };
  return { value: year };
}

export function checkEmail(text: string): Checked<string> {
  if (!isEmail(text)) return { problem: 'must be an e-mail address' };
  return checkMaxText(text, CONTACT_LIMITS.contactEmail);
}

export function checkPhone(text: string): Checked<string> {
  return PHONE.test(text) ? { value: text } : { problem: 'must be a phone number, e.g. +62 333 123456' };
}

export function checkUrl(text: string): Checked<string> {
  if (!isURL(text, { protocols: ['http', 'https'], require_protocol: true })) {
    return { problem: 'must be an http(s) address, e.g. https://example.go.id/inovasi' };
  }
  return checkMaxText(text, CONTACT_LIMITS.referenceUrl);
}

export interface AwardEntry {
  competition: AwardCompetition;
  year: number;
  level: AwardLevel;
  /** The competition's name; only for OTHER. */
  title: string | null;
}

/**
 * `KIPP:2019:TOP_45;IGA:2020:WINNER;OTHER:2021:WINNER:Anugerah Pelayanan Prima` -> awards.
 * Each is COMPETITION:YEAR:LEVEL, plus the competition's name for OTHER; at most once each.
 */
export function parseAwards(text: string, currentYear: number): Checked<AwardEntry[]> {
  const awards: AwardEntry[] = [];
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [competitionText = '', yearText = '', levelText = '', ...rest] = part.split(':');
    const title = rest.join(':').trim() || null;
    const competition = parseEnumValue(competitionText.trim(), AwardCompetition);
    if ('problem' in competition) return { problem: `"${part}": the competition ${competition.problem}` };
    const year = parseYear(yearText.trim(), FIRST_AWARD_YEAR, currentYear);
    if ('problem' in year) return { problem: `"${part}": the year ${year.problem}` };
    const level = parseEnumValue(levelText.trim(), AwardLevel);
    if ('problem' in level) return { problem: `"${part}": the level ${level.problem}` };
    if (competition.value === AwardCompetition.OTHER && !title) {
      return { problem: `"${part}": name the competition when it is OTHER (OTHER:YEAR:LEVEL:Name)` };
    }
    if (competition.value !== AwardCompetition.OTHER && title) {
      return { problem: `"${part}": only OTHER awards take a name; use COMPETITION:YEAR:LEVEL` };
    }
    if (title && charLength(title) > MAX_AWARD_TITLE) {
      return {
        problem: `"${part}": the competition name must be at most ${MAX_AWARD_TITLE} characters long`,
      };
    }
    const award = { competition: competition.value, year: year.value, level: level.value, title };
    if (
      awards.some(
        (a) => a.competition === award.competition && a.year === award.year && a.level === award.level,
      )
    ) {
      return { problem: `"${part}" is listed twice` };
    }
    awards.push(award);
  }
  return { value: awards };
}

/** The text `parseAwards` reads back (a `;` in an OTHER competition's name becomes `,`). */
export function formatAwards(awards: readonly AwardEntry[]): string {
  return awards
    .map((a) => [a.competition, a.year, a.level, ...(a.title ? [a.title.replace(/;/g, ',')] : [])].join(':'))
    .join(';');
}
