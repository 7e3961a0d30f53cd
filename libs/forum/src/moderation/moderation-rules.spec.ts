import { ErrorCode, Role, type AuthUser } from '@jipp/core';
import fc from 'fast-check';
import { ModerationActionKind } from './moderation-action.entity';
import {
  actingHubId,
  checkModerationReason,
  checkMuteUntil,
  checkSlowModeSeconds,
  MAX_MUTE_DAYS,
  moderationDecision,
  threadPatch,
} from './moderation-rules';

const user = (role: Role): AuthUser => ({ id: 1, agencyId: 1, role });
const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { extensions?: { code?: unknown } }).extensions?.code;
  }
};

describe('moderation rules', () => {
  it('wants a reason of 3 to 1000 characters, trimmed', () => {
    expect(checkModerationReason('  Spam berulang  ')).toBe('Spam berulang');
    expect(codeOf(() => checkModerationReason('  ok '))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => checkModerationReason('x'.repeat(1001)))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(checkModerationReason('abc')).toBe('abc');
    expect(checkModerationReason('x'.repeat(1000))).toHaveLength(1000);
  });

  it('keeps slow mode between 0 and an hour, in whole seconds', () => {
    expect(codeOf(() => checkSlowModeSeconds(0))).toBeNull();
    expect(codeOf(() => checkSlowModeSeconds(3600))).toBeNull();
    expect(codeOf(() => checkSlowModeSeconds(3601))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => checkSlowModeSeconds(-1))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => checkSlowModeSeconds(1.5))).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('ends a mute in the future and within a year', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const day = 24 * 3600 * 1000;
    expect(codeOf(() => checkMuteUntil(new Date(now.getTime() + day), now))).toBeNull();
    expect(codeOf(() => checkMuteUntil(new Date(now.getTime() + MAX_MUTE_DAYS * day), now))).toBeNull();
    expect(codeOf(() => checkMuteUntil(new Date(now.getTime() + MAX_MUTE_DAYS * day + 1), now))).toBe(
      ErrorCode.BAD_USER_INPUT,
    );
    expect(codeOf(() => checkMuteUntil(now, now))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => checkMuteUntil(new Date('nonsense'), now))).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('lets moderators act, tells other coordinators and readers FORBIDDEN, hides closed forums', () => {
    expect(moderationDecision(user(Role.ADMIN), { coordinatesScope: false, canRead: true })).toBe('ALLOW');
    expect(moderationDecision(user(Role.COORDINATOR), { coordinatesScope: true, canRead: true })).toBe(
      'ALLOW',
    );
    expect(moderationDecision(user(Role.COORDINATOR), { coordinatesScope: false, canRead: false })).toBe(
      'FORBIDDEN',
    );
    expect(moderationDecision(user(Role.MEMBER), { coordinatesScope: false, canRead: true })).toBe(
      'FORBIDDEN',
    );
    expect(moderationDecision(user(Role.AGENCY_ADMIN), { coordinatesScope: true, canRead: true })).toBe(
      'FORBIDDEN',
    );
    expect(moderationDecision(user(Role.MEMBER), { coordinatesScope: false, canRead: false })).toBe(
      'NOT_FOUND',
    );
    expect(moderationDecision(null, { coordinatesScope: false, canRead: false })).toBe('NOT_FOUND');
  });

  it('never lets anyone but a moderator act (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(Role)),
        fc.boolean(),
        fc.boolean(),
        (role, coordinatesScope, canRead) => {
          const decision = moderationDecision(user(role), { coordinatesScope, canRead });
          const moderator = role === Role.ADMIN || (role === Role.COORDINATOR && coordinatesScope);
          return (decision === 'ALLOW') === moderator;
        },
      ),
    );
  });

  it('logs an action under the hub the coordinator acted for, or the only hub, or nationally', () => {
    expect(actingHubId(user(Role.COORDINATOR), [3, 5, 7], [7, 5])).toBe(5);
    expect(actingHubId(user(Role.ADMIN), [4], [])).toBe(4);
    expect(actingHubId(user(Role.ADMIN), [4, 9], [])).toBeNull();
    expect(actingHubId(null, [4], [])).toBe(4);
    expect(actingHubId(null, [], [])).toBeNull();
  });

  it('changes a thread only when it is not already that way', () => {
    const plain = { pinned: false, locked: false, slowModeSeconds: 0 };
    const set = { pinned: true, locked: true, slowModeSeconds: 30 };
    expect(threadPatch(ModerationActionKind.PIN, plain)).toEqual({ pinned: true });
    expect(threadPatch(ModerationActionKind.PIN, set)).toBeNull();
    expect(threadPatch(ModerationActionKind.UNPIN, set)).toEqual({ pinned: false });
    expect(threadPatch(ModerationActionKind.UNPIN, plain)).toBeNull();
    expect(threadPatch(ModerationActionKind.LOCK, plain)).toEqual({ locked: true });
    expect(threadPatch(ModerationActionKind.LOCK, set)).toBeNull();
    expect(threadPatch(ModerationActionKind.UNLOCK, set)).toEqual({ locked: false });
    expect(threadPatch(ModerationActionKind.UNLOCK, plain)).toBeNull();
    expect(threadPatch(ModerationActionKind.SET_SLOW_MODE, set, 30)).toBeNull();
    expect(threadPatch(ModerationActionKind.SET_SLOW_MODE, set, 0)).toEqual({ slowModeSeconds: 0 });
    expect(threadPatch(ModerationActionKind.SET_SLOW_MODE, plain, 60)).toEqual({ slowModeSeconds: 60 });
  });
});
