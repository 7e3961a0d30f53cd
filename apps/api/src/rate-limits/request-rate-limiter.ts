import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { OPERATION_CLASSES, type OperationClass, type OperationCost } from './operation-cost';
import { rateLimitedError, type LimitScope, type Refusal } from './rate-limited.error';
import type { RateLimitSettings } from './rate-limit-settings';
import { SPEND_SCRIPT, type SpendAnswer } from './spend.script';

/** Who is asking: the signed-in user (if any) and the client IP as Fastify sees it. */
export interface Caller {
  userId?: number;
  ip: string;
}

/** One counter: a class of operations, per user or per IP. */
interface Counter {
  operations: OperationClass;
  per: LimitScope;
  limit: number;
  keyPrefix: string;
  /** Counts on this node alone, standing in for Redis while Redis cannot. */
  local: RateLimiterMemory;
}

interface Check {
  counter: Counter;
  /** The user id or the IP. */
  id: string;
  /** The Redis key (also the key of a refusal remembered in process). */
  key: string;
  points: number;
}

interface Verdict {
  refusedBy?: Check;
  msBeforeNext: number;
}

/** The shared client with the spend script defined on it (see `defineCommand`). */
type ClientWithSpend = Redis & {
  jippRateLimitSpend(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<SpendAnswer>;
};

const ALLOWED: Verdict = { msBeforeNext: 0 };

/**
 * How long a request waits for Redis before the in-process counters answer instead. Redis answers
 * in well under a millisecond; only a hung server or a cut network takes this long.
 */
const REDIS_ANSWER_TIMEOUT_MS = 200;
/** After a timeout, Redis is left alone for this long, so a hung server delays one request, not all. */
const REDIS_SUSPENDED_MS = 5000;
/** Refusals remembered in process at most (an attack from many addresses must not grow it for ever). */
const MAX_REMEMBERED_REFUSALS = 10_000;

/**
 * Counts each request against the limits of its classes, per signed-in user and per client IP.
 *
 * The counts live in Redis, so every api node counts together, and all the counters of a request
 * (user and IP, of each class it touches) are checked and spent by one script: one command, one
 * round trip, and a request refused by one counter costs nothing on the others (a user over their
 * own limit does not use up the limit of everyone behind the same address).
 *
 * When Redis is not connected, fails or does not answer in time, each node counts on its own in
 * memory with the same limits, rather than refusing or holding requests. A counter that refused is
 * remembered in process until its window ends, so a client that keeps trying is refused without
 * asking Redis again.
 */
export class RequestRateLimiter {
  private readonly logger = new Logger(RequestRateLimiter.name);
  private readonly counters: Record<OperationClass, Record<LimitScope, Counter>>;
  /** Check key -> epoch ms until which it refuses (learnt from a refusal). */
  private readonly refusedUntil = new Map<string, number>();
  private readonly redis: ClientWithSpend;
  private redisSuspendedUntil = 0;
  private redisFailing = false;

  constructor(
    redis: Redis,
    private readonly settings: RateLimitSettings,
    keyPrefix: string,
  ) {
    // defined once per client; ioredis sends EVALSHA, and the script itself only when Redis lacks it
    redis.defineCommand('jippRateLimitSpend', { lua: SPEND_SCRIPT });
    this.redis = redis as ClientWithSpend;
    const counter = (operations: OperationClass, per: LimitScope): Counter => {
      const limits = settings.limits[operations];
      const limit = per === 'user' ? limits.perUser : limits.perIp;
      return {
        operations,
        per,
        limit,
        keyPrefix: `${keyPrefix}:${operations}:${per}:`,
        local: new RateLimiterMemory({ points: limit, duration: settings.windowSeconds }),
      };
    };
    this.counters = Object.fromEntries(
      OPERATION_CLASSES.map((operations) => [
        operations,
        { user: counter(operations, 'user'), ip: counter(operations, 'ip') },
      ]),
    ) as Record<OperationClass, Record<LimitScope, Counter>>;
  }

  /** Spends the request's points, or throws RATE_LIMITED saying how long to wait. */
  async consume(caller: Caller, cost: OperationCost): Promise<void> {
    const checks: Check[] = [];
    for (const [operations, points] of cost) {
      const counters = this.counters[operations];
      if (caller.userId !== undefined) checks.push(this.check(counters.user, String(caller.userId), points));
      checks.push(this.check(counters.ip, caller.ip, points));
    }

    const now = Date.now();
    for (const check of checks) {
      const until = this.refusedUntil.get(check.key);
      if (until === undefined) continue;
      if (until > now) throw rateLimitedError(this.refusal(check.counter, until - now), now);
      this.refusedUntil.delete(check.key);
    }

    const verdict = await this.spend(checks, now);
    if (!verdict.refusedBy) return;
    this.remember(verdict.refusedBy.key, now + verdict.msBeforeNext);
    throw rateLimitedError(this.refusal(verdict.refusedBy.counter, verdict.msBeforeNext), now);
  }

  private check(counter: Counter, id: string, points: number): Check {
    return { counter, id, key: counter.keyPrefix + id, points };
  }

  /** Through Redis unless it is not connected, suspended, failing or too slow to answer. */
  private async spend(checks: Check[], now: number): Promise<Verdict> {
    // the shared client queues commands while it reconnects: count in memory instead of waiting
    if (now < this.redisSuspendedUntil || this.redis.status !== 'ready') return this.spendInProcess(checks);

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), REDIS_ANSWER_TIMEOUT_MS);
    });
    try {
      const verdict = await Promise.race([this.spendInRedis(checks), timedOut]);
      if (verdict) {
        if (this.redisFailing) this.logger.log('Redis answers rate-limit checks again');
        this.redisFailing = false;
        return verdict;
      }
      this.redisSuspendedUntil = Date.now() + REDIS_SUSPENDED_MS;
      this.logger.warn(
        `Redis did not answer a rate-limit check within ${REDIS_ANSWER_TIMEOUT_MS} ms: counting in process for ${REDIS_SUSPENDED_MS / 1000} s`,
      );
    } catch (error) {
      // once per outage: the error repeats on every request until Redis is back
      if (!this.redisFailing) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          `A rate-limit check failed in Redis (${reason}): counting in process until it works again`,
        );
      }
      this.redisFailing = true;
    } finally {
      clearTimeout(timer);
    }
    return this.spendInProcess(checks);
  }

  private async spendInRedis(checks: Check[]): Promise<Verdict> {
    const args: Array<string | number> = checks.map((c) => c.key);
    args.push(this.settings.windowSeconds * 1000);
    for (const check of checks) args.push(check.points, check.counter.limit);
    const [refused, msBeforeNext] = await this.redis.jippRateLimitSpend(checks.length, ...args);
    return refused === 0 ? ALLOWED : { refusedBy: checks[refused - 1], msBeforeNext };
  }

  /** The same rule on this node's own counters; the counters that allowed a refused request get their points back. */
  private async spendInProcess(checks: Check[]): Promise<Verdict> {
    const outcomes = await Promise.allSettled(checks.map((c) => c.counter.local.consume(c.id, c.points)));
    let verdict = ALLOWED;
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.status === 'fulfilled') continue;
      // a memory counter rejects only with a refusal; anything else would be a bug: let it pass
      if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
      if (!verdict.refusedBy || outcome.reason.msBeforeNext > verdict.msBeforeNext) {
        verdict = { refusedBy: checks[i], msBeforeNext: outcome.reason.msBeforeNext };
      }
    }
    if (verdict.refusedBy) {
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.status === 'fulfilled')
          await checks[i]!.counter.local.reward(checks[i]!.id, checks[i]!.points);
      }
    }
    return verdict;
  }

  private refusal(counter: Counter, msBeforeNext: number): Refusal {
    return {
      operations: counter.operations,
      per: counter.per,
      limit: counter.limit,
      windowSeconds: this.settings.windowSeconds,
      msBeforeNext,
    };
  }

  private remember(key: string, until: number): void {
    if (this.refusedUntil.size >= MAX_REMEMBERED_REFUSALS) {
      const now = Date.now();
      for (const [known, knownUntil] of this.refusedUntil)
        if (knownUntil <= now) this.refusedUntil.delete(known);
      if (this.refusedUntil.size >= MAX_REMEMBERED_REFUSALS) this.refusedUntil.clear();
    }
    this.refusedUntil.set(key, until);
  }
}
