import { ErrorCode } from '@jipp/core';
import fc from 'fast-check';
import { ModerationReason } from '../posts/post.entity';
import { autoHideReason, flagRefusal, mostCommonReason, unhidesAfterDismiss } from './flag-rules';

const { SPAM, ABUSE, OFF_TOPIC, OTHER } = ModerationReason;
const none = { isAuthor: false, deleted: false, hiddenByModerator: false, alreadyFlagged: false };

describe('flag rules', () => {
  it('names the most common reason, the earliest on a tie', () => {
    expect(mostCommonReason([SPAM, ABUSE, ABUSE])).toBe(ABUSE);
    expect(mostCommonReason([OFF_TOPIC, SPAM, SPAM, OFF_TOPIC])).toBe(OFF_TOPIC);
    expect(mostCommonReason([ABUSE])).toBe(ABUSE);
    expect(mostCommonReason([])).toBe(OTHER);
  });

  it('hides a shown post when the open flags reach the threshold', () => {
    expect(autoHideReason({ openFlagReasons: [SPAM, SPAM], threshold: 3, hidden: false })).toBeNull();
    expect(autoHideReason({ openFlagReasons: [SPAM, ABUSE, SPAM], threshold: 3, hidden: false })).toBe(SPAM);
    expect(autoHideReason({ openFlagReasons: [ABUSE], threshold: 1, hidden: false })).toBe(ABUSE);
    // already hidden (by the flags or a moderator): never again
    expect(
      autoHideReason({ openFlagReasons: [SPAM, SPAM, SPAM, SPAM], threshold: 3, hidden: true }),
    ).toBeNull();
  });

  it('fires exactly once along any sequence of serialised flags (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...Object.values(ModerationReason)), { maxLength: 20 }),
        fc.integer({ min: 1, max: 10 }),
        (reasons, threshold) => {
          let hidden = false;
          let fired = 0;
          for (let i = 1; i <= reasons.length; i++) {
            if (autoHideReason({ openFlagReasons: reasons.slice(0, i), threshold, hidden })) {
              fired++;
              hidden = true;
            }
          }
          return fired === (reasons.length >= threshold ? 1 : 0);
        },
      ),
    );
  });

  it('refuses flags on one own post, twice, on deleted posts and on posts a moderator hid', () => {
    expect(flagRefusal(none)).toBeNull();
    expect(flagRefusal({ ...none, isAuthor: true })?.code).toBe(ErrorCode.FORBIDDEN);
    expect(flagRefusal({ ...none, alreadyFlagged: true })?.code).toBe(ErrorCode.CONFLICT);
    expect(flagRefusal({ ...none, deleted: true })?.code).toBe(ErrorCode.CONFLICT);
    expect(flagRefusal({ ...none, hiddenByModerator: true })?.code).toBe(ErrorCode.CONFLICT);
  });

  it('shows an auto-hidden post again once its last open flag is dismissed', () => {
    const at = new Date();
    expect(unhidesAfterDismiss({ hiddenAt: at, hiddenByUserId: null }, 0)).toBe(true);
    expect(unhidesAfterDismiss({ hiddenAt: at, hiddenByUserId: null }, 1)).toBe(false);
    expect(unhidesAfterDismiss({ hiddenAt: at, hiddenByUserId: 9 }, 0)).toBe(false);
    expect(unhidesAfterDismiss({ hiddenAt: null, hiddenByUserId: null }, 0)).toBe(false);
  });
});
