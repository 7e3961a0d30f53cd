import { AppError } from '@jipp/core';
import { ModerationReason } from '../posts/post.entity';

/** A flag's optional note, at most this long. */
export const MAX_FLAG_NOTE = 1000;

/** The reason given most often; a tie goes to the reason that was given first. */
export function mostCommonReason(reasons: readonly ModerationReason[]): ModerationReason {
  // a Map iterates in insertion order: the order each reason was first given
  const counts = new Map<ModerationReason, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  let best: ModerationReason = ModerationReason.OTHER;
  let bestCount = 0;
  for (const [reason, count] of counts) {
    if (count > bestCount) {
      best = reason;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Whether the open flags of a post hide it now, and under which reason: when as many distinct
 * readers as the threshold have open flags on a post that is still shown. (A post already hidden is
 * never hidden again, so under serialised flags the threshold fires exactly once.)
 */
export function autoHideReason(facts: {
  /** The reasons of the post's open flags (one per reader), oldest first. */
  openFlagReasons: readonly ModerationReason[];
  threshold: number;
  hidden: boolean;
}): ModerationReason | null {
  if (facts.hidden || facts.openFlagReasons.length < facts.threshold) return null;
  return mostCommonReason(facts.openFlagReasons);
}

/** Why a reader may not flag a post, or null when they may. */
export function flagRefusal(facts: {
  isAuthor: boolean;
  deleted: boolean;
  hiddenByModerator: boolean;
  alreadyFlagged: boolean;
}): AppError | null {
  if (facts.isAuthor) return AppError.forbidden('You cannot flag your own post.');
  if (facts.alreadyFlagged) return AppError.conflict('You have already flagged this post.');
  if (facts.deleted) return AppError.conflict('This post was deleted: there is nothing left to flag.');
  if (facts.hiddenByModerator) {
    return AppError.conflict('A moderator has already hidden this post.');
  }
  return null;
}

/**
 * Dismissing a flag shows the post again only when the flags alone hid it (auto-hide, no moderator
 * behind it) and no other flag of it is still open.
 */
export function unhidesAfterDismiss(
  post: { hiddenAt: Date | null; hiddenByUserId: number | null },
  openFlagsLeft: number,
): boolean {
  return post.hiddenAt !== null && post.hiddenByUserId === null && openFlagsLeft === 0;
}
