import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PRINCIPALS, type Principal, type Scope } from './authorization-world';

/** The sections of the expectations file. */
export const GROUPS = ['queries', 'mutations', 'socket_events'] as const;
export type Group = (typeof GROUPS)[number];

/**
 * What a call may answer. `allowed`: it succeeded. `filtered`: it succeeded, but the other side's
 * object was left out (a list, a mark-read, an event that reaches no one). The three refusals are
 * the stable error codes the app answers with. Any other answer fails the cell (a template sends
 * valid requests only).
 */
export const OUTCOMES = ['allowed', 'filtered', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type Expectation = Record<Principal, Record<Scope, Outcome>>;

/** Every operation's expectation, keyed `<group>.<operation>`. */
export type Expectations = Map<string, Expectation>;

export const keyOf = (group: Group, operation: string): string => `${group}.${operation}`;

const isOutcome = (value: unknown): value is Outcome =>
  typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);

/** Reads and checks the file; every problem of its format is reported at once. */
export function loadExpectations(path: string): Expectations {
  const document = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const problems: string[] = [];
  const expectations: Expectations = new Map();
  for (const key of Object.keys(document ?? {})) {
    if (!(GROUPS as readonly string[]).includes(key)) problems.push(`unknown section ${key}`);
  }
  for (const group of GROUPS) {
    const operations = (document?.[group] ?? {}) as Record<string, unknown>;
    for (const [operation, entry] of Object.entries(operations)) {
      const where = `${group}.${operation}`;
      if (typeof entry !== 'object' || entry === null) {
        problems.push(`${where}: expected a map of principals`);
        continue;
      }
      const values = entry as Record<string, unknown>;
      const expectation = {} as Expectation;
      for (const extra of Object.keys(values).filter((k) => !(PRINCIPALS as readonly string[]).includes(k))) {
        problems.push(`${where}: unknown principal ${extra}`);
      }
      for (const principal of PRINCIPALS) {
        const value = values[principal];
        if (isOutcome(value)) {
          expectation[principal] = { own: value, other: value };
        } else if (typeof value === 'object' && value !== null) {
          const scoped = value as Record<string, unknown>;
          const own = scoped['own'];
          const other = scoped['other'];
          if (!isOutcome(own) || !isOutcome(other) || Object.keys(scoped).length !== 2) {
            problems.push(`${where}.${principal}: expected { own: <outcome>, other: <outcome> }`);
            continue;
          }
          expectation[principal] = { own, other };
        } else {
          problems.push(`${where}.${principal}: missing, or not one of ${OUTCOMES.join(', ')}`);
        }
      }
      expectations.set(where, expectation);
    }
  }
  if (problems.length) throw new Error(`${path} is malformed:\n  ${problems.join('\n  ')}`);
  return expectations;
}

/** Whether an expectation names different outcomes for the two scopes of a principal. */
export function dependsOnScope(expectation: Expectation): boolean {
  return PRINCIPALS.some((p) => expectation[p].own !== expectation[p].other);
}
