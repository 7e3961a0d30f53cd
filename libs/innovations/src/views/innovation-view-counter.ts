import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, REDIS_CLIENT } from '@jipp/core';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import {
  jakartaDay,
  jakartaDayEndsAt,
  pendingField,
  SEEN_GRACE_SECONDS,
  visitorKey,
  type Visitor,
} from './view-day';
import { viewKeys, type ViewKeys } from './view-keys';

/**
 * KEYS: the day's seen-set of the innovation, the pending hash. ARGV: visitor, pending field, when the
 * seen-set expires (Unix seconds). Adds the visitor to the seen-set and, only when they are new today,
 * counts one pending view. Returns 1 when counted, 0 when the visitor was already counted.
 */
const RECORD_VIEW_LUA = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('EXPIREAT', KEYS[1], ARGV[3])
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
return 1
`;

const RECORD_VIEW = 'jippRecordInnovationView';

interface RecordViewCommand {
  [RECORD_VIEW](
    seenKey: string,
    pendingKey: string,
    visitor: string,
    field: string,
    expiresAt: number,
  ): Promise<number>;
}

/** At most one warning per minute while Redis is unavailable, not one per page view. */
const WARN_INTERVAL_MS = 60_000;
/**
 * Visitor-days this node remembers as already answered by Redis (about 100 bytes each: some 10 MB
 * at most). Past it, the least recently seen are forgotten and simply asked of Redis again.
 */
const ANSWERED_HERE_MAX = 100_000;

/**
 * The visitor as this node's memory names them: as `visitorKey` does, but with the IP as it is, since
 * it never leaves the process (`visitorKey` hashes it for Redis, which costs a SHA-256 per view).
 */
function rememberedAs(visitor: Visitor): string {
  return 'ip' in visitor ? `ip:${visitor.ip}` : visitorKey(visitor);
}

/**
 * Counts an innovation's views: at most once per visitor per innovation per Asia/Jakarta day, in one
 * atomic Redis round trip. The database is written later, in batches, by `ViewFlushService`.
 * `record` never rejects and is not meant to be awaited by a request: a page view never waits on a
 * write, and Redis being down loses some view counts, never a page.
 *
 * The day's seen-set in Redis is what every api node shares. Once Redis has answered for a visitor,
 * an innovation and a day, the answer for the rest of that day can only be "already counted", so
 * this node remembers it and does not ask again: a visitor who reloads or comes back to a page costs
 * no Redis round trip. The memory is bounded and per node; a node that has not seen the visitor asks
 * Redis, which still counts them once.
 */
@Injectable()
export class InnovationViewCounter {
  private readonly logger = new Logger(InnovationViewCounter.name);
  private readonly keys: ViewKeys;
  /**
   * `day:innovationId:visitor` (see `rememberedAs`) -> true. No expiry is needed: the day is part of
   * the key, so a past day's entry never answers a view again and is forgotten as the LRU fills.
   */
  private readonly answeredHere = new LRUCache<string, true>({ max: ANSWERED_HERE_MAX });
  private lastWarnAt = 0;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.keys = viewKeys(config);
    redis.defineCommand(RECORD_VIEW, { numberOfKeys: 2, lua: RECORD_VIEW_LUA });
  }

  /** Counts the view when the visitor is new today; resolves whether it counted, false on any failure. */
  async record(innovationId: number, visitor: Visitor, at = new Date()): Promise<boolean> {
    try {
      const day = jakartaDay(at);
      const answered = `${day}:${innovationId}:${rememberedAs(visitor)}`;
      if (this.answeredHere.has(answered)) return false;
      // while Redis reconnects, drop the view instead of queueing commands behind it
      if (this.redis.status !== 'ready') throw new Error(`Redis connection is ${this.redis.status}`);
      const counted = await (this.redis as unknown as RecordViewCommand)[RECORD_VIEW](
        this.keys.seen(day, innovationId),
        this.keys.pending,
        visitorKey(visitor),
        pendingField(day, innovationId),
        jakartaDayEndsAt(at) + SEEN_GRACE_SECONDS,
      );
      this.answeredHere.set(answered, true);
      return counted === 1;
    } catch (error) {
      this.warn(error);
      return false;
    }
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarnAt < WARN_INTERVAL_MS) return;
    this.lastWarnAt = now;
    this.logger.warn(
      `innovation view not counted: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
