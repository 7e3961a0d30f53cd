import { registerEnumType } from '@nestjs/graphql';

/** The unit of an outcome indicator; it says which values make sense. */
export enum OutcomeUnit {
  PERCENT = 'PERCENT',
  DAYS = 'DAYS',
  HOURS = 'HOURS',
  MINUTES = 'MINUTES',
  COUNT = 'COUNT',
  PEOPLE = 'PEOPLE',
  RUPIAH = 'RUPIAH',
  SCORE = 'SCORE',
  /** A change or index that may go below zero. */
  INDEX = 'INDEX',
}

registerEnumType(OutcomeUnit, { name: 'OutcomeUnit' });

/** Why a value is impossible for a unit, or null when it is fine. */
export function outcomeValueProblem(unit: OutcomeUnit, value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (Math.abs(value) >= 1e14) return 'is too large';
  if (unit === OutcomeUnit.INDEX) return null;
  if (value < 0) return `cannot be negative for ${unit}`;
  if (unit === OutcomeUnit.PERCENT && value > 100) return 'cannot exceed 100 for PERCENT';
  return null;
}
