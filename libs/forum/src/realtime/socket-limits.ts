import type { ServerToClientEvents } from './forum-events';

/** What one forum socket may do. */
export const SOCKET_LIMITS = {
  /** Largest message a client may send, in bytes (socket.io `maxHttpBufferSize`; bigger closes it). */
  maxPayloadBytes: 16 * 1024,
  /** Threads one socket may follow at once. */
  maxThreadRooms: 50,
  /** One `typing` per thread per socket in this many milliseconds; the others are dropped. */
  typingIntervalMs: 2000,
  /** Events a socket may send: a sustained rate, a burst, and the flood that ends the connection. */
  events: { ratePerSecond: 20, burst: 40, maxDroppedPerWindow: 60, windowMs: 10_000 },
} as const;

export interface EventRatePolicy {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: how many events may come at once after a quiet spell. */
  burst: number;
  /** Dropped events within one window that end the connection. */
  maxDroppedPerWindow: number;
  windowMs: number;
}

/** `accept`: handle the event; `drop`: refuse it (slowed); `disconnect`: the socket floods. */
export type EventVerdict = 'accept' | 'drop' | 'disconnect';

/**
 * A token bucket per socket: each event takes a token, tokens come back at `ratePerSecond` up to
 * `burst`. Events without a token are dropped; a socket that keeps sending anyway (more than
 * `maxDroppedPerWindow` dropped events in `windowMs`) is a flooder and is disconnected. Pure: the
 * caller passes the time.
 */
export class EventRateLimiter {
  private tokens: number;
  private refilledAt: number;
  private windowStart: number;
  private dropped = 0;

  constructor(
    private readonly policy: EventRatePolicy,
    now: number,
  ) {
    this.tokens = policy.burst;
    this.refilledAt = now;
    this.windowStart = now;
  }

  hit(now: number): EventVerdict {
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.policy.burst, this.tokens + (elapsed * this.policy.ratePerSecond) / 1000);
    this.refilledAt = Math.max(this.refilledAt, now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'accept';
    }
    if (now - this.windowStart >= this.policy.windowMs) {
      this.windowStart = now;
      this.dropped = 0;
    }
    this.dropped += 1;
    return this.dropped > this.policy.maxDroppedPerWindow ? 'disconnect' : 'drop';
  }
}

/** At most one `typing` per thread every `intervalMs`. Pure: the caller passes the time. */
export class TypingThrottle {
  private readonly last = new Map<number, number>();

  constructor(private readonly intervalMs: number) {}

  allow(threadId: number, now: number): boolean {
    const previous = this.last.get(threadId);
    if (previous !== undefined && now - previous < this.intervalMs) return false;
    this.last.set(threadId, now);
    return true;
  }

  /** Forgets a thread the socket left. */
  forget(threadId: number): void {
    this.last.delete(threadId);
  }
}

/** A thread id as a client may send it: a positive integer within the id column's range, else null. */
export function parseThreadId(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= 0xffffffff
    ? value
    : null;
}

/** Where each thread event carries its thread; events not listed are not about one thread. */
const THREAD_FIELD: Partial<Record<keyof ServerToClientEvents, string>> = {
  'post:created': 'threadId',
  'post:updated': 'threadId',
  'post:hidden': 'threadId',
  'thread:updated': 'id',
  typing: 'threadId',
};

/**
 * The thread a server event is about, from its payload (every thread event carries it), or null for
 * an event that is not about one thread. Used to filter what a recovered socket missed.
 */
export function threadOfEvent(event: string, payload: unknown): number | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const field = Object.prototype.hasOwnProperty.call(THREAD_FIELD, event)
    ? THREAD_FIELD[event as keyof ServerToClientEvents]
    : undefined;
  return field === undefined ? null : parseThreadId((payload as Record<string, unknown>)[field]);
}
