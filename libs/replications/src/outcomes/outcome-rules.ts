import type { FieldProblem } from '@jipp/core';
import { isoDayProblem, problemsOf, textProblem } from '../evidence/evidence-rules';
import { AGREED_STATES, type ReplicationStatus } from '../state/replication-state';
import { outcomeValueProblem, OutcomeUnit } from './outcome-unit';

export const OUTCOME_TEXT_LIMITS = { indicator: [3, 200], source: [3, 500] } as const;

/** Figures before this day are typing mistakes, not baselines. */
export const EARLIEST_OUTCOME_DAY = '2000-01-01';

/**
 * A replica's outcomes are recorded and updated once it was approved, through implementation and the
 * check-ins after it (IMPLEMENTED, SUSTAINED), and while stalled; never on a closed request.
 */
export const OUTCOME_STATES: readonly ReplicationStatus[] = AGREED_STATES;

/** At most this many outcome indicators per replica, or for the origin itself. */
export const MAX_OUTCOMES = 30;

export interface OutcomeData {
  /** A replica's outcome: exactly one of this and `innovationId`. */
  replicationId?: number | null;
  /** The origin agency's own outcome for its innovation. */
  innovationId?: number | null;
  indicator: string;
  unit: OutcomeUnit;
  baselineValue: number;
  baselineDate: string;
  latestValue?: number | null;
  latestDate?: string | null;
  source?: string | null;
}

/** A check-in: the latest figure and its day. */
export interface OutcomeUpdateData {
  latestValue: number;
  latestDate: string;
  /** Omitted: kept; null: cleared. */
  source?: string | null;
}

const given = (value: unknown): boolean => value !== null && value !== undefined;

/** Why a day is not a real one between the earliest outcome day (or `notBefore`) and today, or null. */
function dayProblem(day: string | null | undefined, today: string, notBefore?: string): string | null {
  const problem = isoDayProblem(day);
  if (problem) return problem;
  if (day! > today) return 'cannot be in the future';
  if (day! < EARLIEST_OUTCOME_DAY) return `cannot be before ${EARLIEST_OUTCOME_DAY}`;
  if (notBefore && !isoDayProblem(notBefore) && day! < notBefore) {
    return `cannot be before the baseline date (${notBefore})`;
  }
  return null;
}

function valueProblem(unit: OutcomeUnit, value: number | null | undefined): string | null {
  if (typeof value !== 'number') return 'must be a number';
  return outcomeValueProblem(unit, value);
}

const sourceProblem = (source: string | null | undefined): string | null =>
  given(source) ? textProblem(source, OUTCOME_TEXT_LIMITS.source) : null;

/** What is wrong with a new outcome; `today` is the latest Indonesian day (YYYY-MM-DD). */
export function outcomeProblems(data: OutcomeData, today: string): FieldProblem[] {
  const unitKnown = Object.values(OutcomeUnit).includes(data.unit);
  const hasLatestValue = given(data.latestValue);
  const hasLatestDate = given(data.latestDate);
  return problemsOf([
    [
      'input.replicationId',
      given(data.replicationId) === given(data.innovationId)
        ? "give exactly one of replicationId (a replica's outcome) or innovationId (the origin's own)"
        : null,
    ],
    ['input.indicator', textProblem(data.indicator, OUTCOME_TEXT_LIMITS.indicator)],
    ['input.unit', unitKnown ? null : 'is not an outcome unit'],
    ['input.baselineValue', unitKnown ? valueProblem(data.unit, data.baselineValue) : null],
    ['input.baselineDate', dayProblem(data.baselineDate, today)],
    [
      'input.latestValue',
      hasLatestValue
        ? unitKnown
          ? valueProblem(data.unit, data.latestValue)
          : null
        : hasLatestDate
          ? 'is needed with latestDate'
          : null,
    ],
    [
      'input.latestDate',
      hasLatestDate
        ? dayProblem(data.latestDate, today, data.baselineDate)
        : hasLatestValue
          ? 'is needed with latestValue'
          : null,
    ],
    ['input.source', sourceProblem(data.source)],
  ]);
}

/** What is wrong with a check-in update of an outcome measured in `outcome.unit` since its baseline. */
export function outcomeUpdateProblems(
  outcome: { unit: OutcomeUnit; baselineDate: string },
  data: OutcomeUpdateData,
  today: string,
): FieldProblem[] {
  return problemsOf([
    ['input.latestValue', valueProblem(outcome.unit, data.latestValue)],
    ['input.latestDate', dayProblem(data.latestDate, today, outcome.baselineDate)],
    ['input.source', sourceProblem(data.source)],
  ]);
}
