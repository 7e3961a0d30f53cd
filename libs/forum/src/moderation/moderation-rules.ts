import { AppError, Role, type AuthUser } from '@jipp/core';
import type { Thread } from '../threads/thread.entity';
import { mayModerate } from '../access/forum-rules';
import { ModerationActionKind } from './moderation-action.entity';

/** A moderator says why, in a sentence: 3 to 1000 characters. */
export const MODERATION_REASON_MIN = 3;
export const MODERATION_REASON_MAX = 1000;

/** Slow mode: at most an hour between two posts of one user in a thread. */
export const MAX_SLOW_MODE_SECONDS = 3600;

/** A mute lasts at most a year; longer exclusions are an account matter, not a forum one. */
export const MAX_MUTE_DAYS = 365;

/** The trimmed reason, or BAD_USER_INPUT on `input.reason`. */
export function checkModerationReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < MODERATION_REASON_MIN || trimmed.length > MODERATION_REASON_MAX) {
    throw AppError.badInput(
      `Give a reason of ${MODERATION_REASON_MIN} to ${MODERATION_REASON_MAX} characters: the moderation log shows it.`,
      [
        {
          field: 'input.reason',
          message: `must be ${MODERATION_REASON_MIN} to ${MODERATION_REASON_MAX} characters`,
        },
      ],
    );
  }
  return trimmed;
}

export function checkSlowModeSeconds(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SLOW_MODE_SECONDS) {
    throw AppError.badInput(`Slow mode is 0 (off) to ${MAX_SLOW_MODE_SECONDS} seconds.`, [
      { field: 'input.seconds', message: `must be an integer from 0 to ${MAX_SLOW_MODE_SECONDS}` },
    ]);
  }
}

/** A mute ends in the future, at most MAX_MUTE_DAYS from now. */
export function checkMuteUntil(until: Date, now: Date): void {
  const latest = now.getTime() + MAX_MUTE_DAYS * 24 * 3600 * 1000;
  if (Number.isNaN(until.getTime()) || until.getTime() <= now.getTime() || until.getTime() > latest) {
    throw AppError.badInput(
      `A mute ends in the future and at most ${MAX_MUTE_DAYS} days from now (${new Date(latest).toISOString()}).`,
      [{ field: 'input.until', message: `must be after now and within ${MAX_MUTE_DAYS} days` }],
    );
  }
}

/** What a moderation request of a thread gets. */
export type ModerationDecision = 'ALLOW' | 'FORBIDDEN' | 'NOT_FOUND';

/**
 * Moderators act; everyone else is refused. A coordinator outside the scope hears FORBIDDEN (they
 * know hubs exist, and "not yours" is the useful answer); any other user who cannot even read the
 * thread hears NOT_FOUND, so a closed forum is not revealed.
 */
export function moderationDecision(
  user: AuthUser | null,
  facts: { coordinatesScope: boolean; canRead: boolean },
): ModerationDecision {
  if (mayModerate(user, facts.coordinatesScope)) return 'ALLOW';
  if (user?.role === Role.COORDINATOR || facts.canRead) return 'FORBIDDEN';
  return 'NOT_FOUND';
}

/**
 * The hub a moderation action is logged under: for a coordinator, the first hub of the thread's
 * scope they coordinate; for a national admin (or the platform), the thread's hub when its scope is
 * exactly one hub, else null (national).
 */
export function actingHubId(
  user: AuthUser | null,
  scopeHubIds: readonly number[],
  coordinatedHubIds: readonly number[],
): number | null {
  if (user?.role === Role.COORDINATOR) {
    const mine = new Set(coordinatedHubIds);
    const hub = scopeHubIds.find((id) => mine.has(id));
    if (hub !== undefined) return hub;
  }
  return scopeHubIds.length === 1 ? scopeHubIds[0]! : null;
}

export type ThreadModerationKind =
  | ModerationActionKind.PIN
  | ModerationActionKind.UNPIN
  | ModerationActionKind.LOCK
  | ModerationActionKind.UNLOCK
  | ModerationActionKind.SET_SLOW_MODE;

export type ThreadModerationState = Pick<Thread, 'pinned' | 'locked' | 'slowModeSeconds'>;

/**
 * What an action changes on a thread, or null when the thread already is that way: such a repeat
 * writes nothing (no log row) and answers the unchanged thread.
 */
export function threadPatch(
  kind: ThreadModerationKind,
  thread: ThreadModerationState,
  slowModeSeconds = 0,
): Partial<ThreadModerationState> | null {
  switch (kind) {
    case ModerationActionKind.PIN:
      return thread.pinned ? null : { pinned: true };
    case ModerationActionKind.UNPIN:
      return thread.pinned ? { pinned: false } : null;
    case ModerationActionKind.LOCK:
      return thread.locked ? null : { locked: true };
    case ModerationActionKind.UNLOCK:
      return thread.locked ? { locked: false } : null;
    case ModerationActionKind.SET_SLOW_MODE:
      return thread.slowModeSeconds === slowModeSeconds ? null : { slowModeSeconds };
  }
}
