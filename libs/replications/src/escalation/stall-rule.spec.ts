import { validateEnvironment } from '@jipp/core';
import { ReplicationStatus } from '../state/replication-state';
import { isIdle, stallCutoff } from './stall-rule';

const DAY = 24 * 3600 * 1000;
const now = new Date('2025-06-01T03:00:00Z');
const daysAgo = (days: number): Date => new Date(now.getTime() - days * DAY);

describe('isIdle', () => {
  it('stalls the working states whose last event is older than the period', () => {
    for (const status of [
      ReplicationStatus.APPROVED,
      ReplicationStatus.OBSERVING,
      ReplicationStatus.IMITATING,
      ReplicationStatus.MODIFYING,
    ]) {
      expect(isIdle({ status, lastEventAt: daysAgo(61) }, now, 60)).toBe(true);
      expect(isIdle({ status, lastEventAt: daysAgo(59) }, now, 60)).toBe(false);
    }
  });

  it('is not idle at exactly the period, and is one millisecond later', () => {
    const status = ReplicationStatus.OBSERVING;
    expect(isIdle({ status, lastEventAt: daysAgo(60) }, now, 60)).toBe(false);
    expect(isIdle({ status, lastEventAt: new Date(daysAgo(60).getTime() - 1) }, now, 60)).toBe(true);
  });

  it('never stalls a replication that is not being worked on', () => {
    for (const status of [
      ReplicationStatus.REQUESTED,
      ReplicationStatus.REJECTED,
      ReplicationStatus.IMPLEMENTED,
      ReplicationStatus.SUSTAINED,
      ReplicationStatus.STALLED,
      ReplicationStatus.WITHDRAWN,
    ]) {
      expect(isIdle({ status, lastEventAt: daysAgo(1000) }, now, 60)).toBe(false);
    }
  });

  it('follows the configured period', () => {
    expect(isIdle({ status: ReplicationStatus.APPROVED, lastEventAt: daysAgo(8) }, now, 7)).toBe(true);
    expect(stallCutoff(now, 30)).toEqual(daysAgo(30));
    expect(() => stallCutoff(now, 0)).toThrow(RangeError);
  });
});

describe('REPLICATION_STALL_AFTER_DAYS', () => {
  const valid = {
    DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/jipp',
    REDIS_URL: 'redis://127.0.0.1:6379/0',
    JWT_SECRET: 'x'.repeat(32),
  };

  it('defaults to 60 days and refuses a period that is not a positive whole number of days', () => {
    expect(validateEnvironment(valid).REPLICATION_STALL_AFTER_DAYS).toBe(60);
    expect(
      validateEnvironment({ ...valid, REPLICATION_STALL_AFTER_DAYS: '14' }).REPLICATION_STALL_AFTER_DAYS,
    ).toBe(14);
    for (const bad of ['0', '-5', 'sixty', '1.5']) {
      expect(() => validateEnvironment({ ...valid, REPLICATION_STALL_AFTER_DAYS: bad })).toThrow(
        /REPLICATION_STALL_AFTER_DAYS/,
      );
    }
  });
});
