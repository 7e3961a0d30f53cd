import type { FieldProblem } from '@jipp/core';
import { problemsOf, textProblem } from '../evidence/evidence-rules';
import { ReplicationStatus, WORKING_STATES } from '../state/replication-state';
import { ModificationAspect } from './modification-aspect';

/** [min, max] characters of what was changed and why. */
export const MODIFICATION_TEXT_LIMITS = { whatChanged: [5, 4000], why: [5, 4000] } as const;

/** Modifications are recorded, and corrected, while the adopter is still working on it. */
export const MODIFICATION_STATES: readonly ReplicationStatus[] = WORKING_STATES;

/** At most this many modifications per replication: a list a reader can take in. */
export const MAX_MODIFICATIONS = 50;

export interface ModificationData {
  aspect: ModificationAspect;
  whatChanged: string;
  why: string;
}

/** What is wrong with a modification as entered; empty when it may be recorded. */
export function modificationProblems(data: ModificationData): FieldProblem[] {
  return problemsOf([
    [
      'input.aspect',
      Object.values(ModificationAspect).includes(data.aspect) ? null : 'is not a modification aspect',
    ],
    ['input.whatChanged', textProblem(data.whatChanged, MODIFICATION_TEXT_LIMITS.whatChanged)],
    ['input.why', textProblem(data.why, MODIFICATION_TEXT_LIMITS.why)],
  ]);
}

/**
 * Why a modification may not be removed, or null. Entering MODIFYING needed a recorded modification
 * or a note saying nothing changed: once there, the last one goes only if such a note exists, so the
 * record never ends up saying nothing about what was changed.
 */
export function modificationRemovalProblem(replication: {
  status: ReplicationStatus;
  noModificationNote: string | null;
  /** Modifications left after this removal. */
  remaining: number;
}): string | null {
  if (
    replication.status === ReplicationStatus.MODIFYING &&
    replication.remaining === 0 &&
    !replication.noModificationNote?.trim()
  ) {
    return 'it is the last modification of a replication in MODIFYING: record the one that replaces it first';
  }
  return null;
}
