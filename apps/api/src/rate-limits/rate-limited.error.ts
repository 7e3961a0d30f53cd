import { AppError, ErrorCode } from '@jipp/core';
import type { OperationClass } from './operation-cost';

export type LimitScope = 'user' | 'ip';

export interface Refusal {
  operations: OperationClass;
  per: LimitScope;
  limit: number;
  windowSeconds: number;
  msBeforeNext: number;
}

const WHAT: Record<OperationClass, string> = {
  reads: 'queries',
  mutations: 'changes',
  logins: 'sign-in attempts',
  posts: 'forum posts and edits',
};

/**
 * RATE_LIMITED, with the wait in `retryAfterSeconds` and `retryAt`. The `http` extension is read
 * (and removed) by Apollo: when the refusal comes before execution, it makes the answer an HTTP 429
 * with `Retry-After`.
 */
export function rateLimitedError(refusal: Refusal, now = Date.now()): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  const retryAt = new Date(now + retryAfterSeconds * 1000).toISOString();
  const from = refusal.per === 'user' ? 'this account' : 'this address';
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `Too many ${WHAT[refusal.operations]} from ${from}: at most ${refusal.limit} every ${refusal.windowSeconds} s. Try again in ${retryAfterSeconds} s (at ${retryAt}).`,
    {
      retryAfterSeconds,
      retryAt,
      limit: { operations: refusal.operations, per: refusal.per },
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  );
}
