import type { FieldProblem } from '@jipp/core';
import { httpUrlProblem, problemsOf, textProblem } from '../evidence/evidence-rules';
import { ACTIVE_STATES, type ReplicationStatus } from '../state/replication-state';
import { DocumentKind } from './replication-document.entity';

export const DOCUMENT_TITLE_LIMITS = [3, 200] as const;

/** Documents are added and removed in any state but the two that closed the request (REJECTED, WITHDRAWN). */
export const DOCUMENT_STATES: readonly ReplicationStatus[] = ACTIVE_STATES;

/** At most this many documents per replication. */
export const MAX_DOCUMENTS = 50;

export interface DocumentData {
  kind: DocumentKind;
  title: string;
  url: string;
}

/** What is wrong with a document link as entered; empty when it may be recorded. */
export function documentProblems(data: DocumentData): FieldProblem[] {
  return problemsOf([
    ['input.kind', Object.values(DocumentKind).includes(data.kind) ? null : 'is not a document kind'],
    ['input.title', textProblem(data.title, DOCUMENT_TITLE_LIMITS)],
    ['input.url', httpUrlProblem(data.url)],
  ]);
}
