import {
  EventRateLimiter,
  parseThreadId,
  SOCKET_LIMITS,
  threadOfEvent,
  TypingThrottle,
  type EventVerdict,
} from './socket-limits';

const policy = { ratePerSecond: 20, burst: 40, maxDroppedPerWindow: 60, windowMs: 10_000 };

/** Sends `count` events `gapMs` apart from `start`; returns the verdicts. */
function send(limiter: EventRateLimiter, count: number, start: number, gapMs: number): EventVerdict[] {
  return Array.from({ length: count }, (_, i) => limiter.hit(start + i * gapMs));
}

describe('EventRateLimiter', () => {
  it('lets a burst through, then drops what comes faster than the rate', () => {
    const limiter = new EventRateLimiter(policy, 0);
    const verdicts = send(limiter, 50, 0, 0);
    expect(verdicts.filter((v) => v === 'accept')).toHaveLength(40);
    expect(verdicts.slice(40)).toEqual(Array(10).fill('drop'));
  });

  it('never limits a client that stays at the sustained rate', () => {
    const limiter = new EventRateLimiter(policy, 0);
    expect(new Set(send(limiter, 2000, 0, 50))).toEqual(new Set(['accept']));
  });

  it('refills tokens with time, up to the burst', () => {
    const limiter = new EventRateLimiter(policy, 0);
    send(limiter, 40, 0, 0);
    expect(limiter.hit(0)).toBe('drop');
    expect(limiter.hit(50)).toBe('accept'); // 50 ms at 20/s: one token
    expect(limiter.hit(50)).toBe('drop');
    const later = send(limiter, 45, 60_000, 0); // a long pause refills the bucket to 40, not more
    expect(later.filter((v) => v === 'accept')).toHaveLength(40);
  });

  it('slows a client a little over the rate without ever disconnecting it', () => {
    const limiter = new EventRateLimiter(policy, 0);
    const verdicts = send(limiter, 25 * 120, 0, 40); // 25 events/s for two minutes
    expect(verdicts).toContain('drop');
    expect(verdicts).not.toContain('disconnect');
  });

  it('disconnects a flooder within a second', () => {
    const limiter = new EventRateLimiter(policy, 0);
    const verdicts = send(limiter, 1000, 0, 1); // 1000 events/s
    const first = verdicts.indexOf('disconnect');
    expect(first).toBeGreaterThan(40);
    expect(first).toBeLessThan(1000);
  });

  it('forgives drops from an earlier window', () => {
    const limiter = new EventRateLimiter({ ...policy, maxDroppedPerWindow: 5 }, 0);
    send(limiter, 40, 0, 0);
    expect(send(limiter, 5, 0, 0)).toEqual(Array(5).fill('drop'));
    // a later window counts its drops afresh
    send(limiter, 40, 20_000, 0);
    expect(send(limiter, 5, 20_000, 0)).toEqual(Array(5).fill('drop'));
    expect(limiter.hit(20_000)).toBe('disconnect');
  });

  it('is the policy the gateway uses', () => {
    expect(SOCKET_LIMITS.events).toEqual(policy);
  });
});

describe('TypingThrottle', () => {
  it('lets one typing per thread through per interval', () => {
    const throttle = new TypingThrottle(2000);
    expect(throttle.allow(1, 0)).toBe(true);
    expect(throttle.allow(1, 1999)).toBe(false);
    expect(throttle.allow(2, 1999)).toBe(true);
    expect(throttle.allow(1, 2000)).toBe(true);
    throttle.forget(1);
    expect(throttle.allow(1, 2001)).toBe(true);
  });
});

describe('parseThreadId', () => {
  it('takes positive integer ids only', () => {
    expect(parseThreadId(7)).toBe(7);
    expect(parseThreadId(0xffffffff)).toBe(0xffffffff);
    for (const bad of [0, -1, 1.5, NaN, Infinity, 0x100000000, '7', 'thread:7', null, undefined, {}, [7]])
      expect(parseThreadId(bad)).toBeNull();
  });
});

describe('threadOfEvent', () => {
  it("reads the thread of every thread event from its payload, and nothing from others'", () => {
    expect(threadOfEvent('post:created', { id: 9, threadId: 3 })).toBe(3);
    expect(threadOfEvent('post:updated', { id: 9, threadId: 3 })).toBe(3);
    expect(threadOfEvent('post:hidden', { postId: 9, threadId: 3 })).toBe(3);
    expect(threadOfEvent('thread:updated', { id: 3, locked: true })).toBe(3);
    expect(threadOfEvent('typing', { threadId: 3, userId: 1, name: 'A' })).toBe(3);
    expect(threadOfEvent('post:created', { threadId: 'x' })).toBeNull();
    expect(threadOfEvent('notification:new', { id: 'n1', threadId: 3 })).toBeNull();
    expect(threadOfEvent('toString', { threadId: 3 })).toBeNull();
    expect(threadOfEvent('post:created', null)).toBeNull();
  });
});
