import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, REDIS_CLIENT } from '@jipp/core';
import type { Redis } from 'ioredis';

/** What is announced on the channel when a user's access is revoked. */
interface RevocationMessage {
  userId: number;
  /** Epoch ms: every access token issued up to this moment is refused. */
  at: number;
}

/** Called once per revocation a node learns of (its own or another node's). */
export type RevocationListener = (userId: number) => void;

/** The sorted set of revocations (member: user id, score: epoch ms), one access token lifetime long. */
export const accessRevocationsKey = (config: AppConfig): string => config.redisKey('auth', 'revoked');

/** The channel every api node follows to learn of a revocation as it happens. */
export const accessRevocationsChannel = (config: AppConfig): string => config.redisKey('auth', 'revocations');

/**
 * Access tokens revoked before they expire: a deactivated user's. An access token is a signed JWT
 * that any node verifies on its own for its whole life (ACCESS_TOKEN_TTL_SECONDS); revoking the
 * refresh tokens alone would leave a deactivated user reading, posting and holding sockets until
 * then. So a revocation (user id, moment) is written to a Redis sorted set, trimmed to one token
 * lifetime, and announced on a channel. Every api node keeps the set in memory: the api's
 * AccessRevocationFollower loads it at boot and after every reconnection and follows the channel.
 * Checking a token costs a map lookup. The worker and the CLI load AuthModule too but verify no
 * access tokens, so only the api follows the set.
 */
@Injectable()
export class AccessRevocations {
  /** User id → epoch ms up to which that user's access tokens are refused. */
  private readonly revokedUntil = new Map<number, number>();
  private readonly listeners: RevocationListener[] = [];
  private readonly key: string;
  private readonly channel: string;
  private readonly lifetimeMs: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.key = accessRevocationsKey(config);
    this.channel = accessRevocationsChannel(config);
    this.lifetimeMs = config.get('ACCESS_TOKEN_TTL_SECONDS') * 1000;
  }

  /**
   * Revokes every access token the user holds now: recorded in Redis for the other nodes and new
   * ones, announced, and applied on this node at once. Call it inside the transaction that disables
   * the user, before it commits: when Redis fails it rejects and the change is rolled back whole, so
   * a user is never disabled while their tokens still work.
   */
  async revoke(userId: number): Promise<void> {
    const at = Date.now();
    const message: RevocationMessage = { userId, at };
    // an unreachable Redis rejects here and reaches the client as SERVICE_UNAVAILABLE. Announced only
    // once recorded: a transaction's PUBLISH would go out even when its ZADD failed. Should the
    // announcement fail after the record, the user stays active and merely signs in again (a token
    // issued after the revocation is accepted): the safe side.
    const results = await this.redis
      .multi()
      .zadd(this.key, at, String(userId))
      .zremrangebyscore(this.key, '-inf', `(${at - this.lifetimeMs}`)
      .exec();
    const failed = results
      ? results.find(([error]) => error)?.[0]
      : new Error('Redis discarded the transaction');
    if (failed) throw failed;
    await this.redis.publish(this.channel, JSON.stringify(message));
    this.remember(userId, at);
  }

  /** Whether a token of this user issued at `issuedAtSeconds` (its `iat`) is refused. */
  refuses(userId: number, issuedAtSeconds: number): boolean {
    const until = this.revokedUntil.get(userId);
    if (until === undefined) return false;
    if (until < Date.now() - this.lifetimeMs) {
      // every token issued before it has expired: the entry has done its work
      this.revokedUntil.delete(userId);
      return false;
    }
    // `iat` counts whole seconds: a token of the revocation's own second is refused too
    return issuedAtSeconds * 1000 <= until;
  }

  /** Called for each revocation this node learns of, e.g. to close the user's sockets. */
  onRevoked(listener: RevocationListener): void {
    this.listeners.push(listener);
  }

  /** A message of the channel; anything that is not one is ignored. */
  receive(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    const { userId, at } = (parsed ?? {}) as Partial<RevocationMessage>;
    if (Number.isSafeInteger(userId) && Number.isFinite(at)) this.remember(userId!, at!);
  }

  /** Reads the whole set from Redis (the revocations of the last token lifetime). */
  async reload(): Promise<number> {
    const entries = await this.redis.zrangebyscore(
      this.key,
      Date.now() - this.lifetimeMs,
      '+inf',
      'WITHSCORES',
    );
    for (let i = 0; i + 1 < entries.length; i += 2) {
      this.remember(Number(entries[i]), Number(entries[i + 1]));
    }
    return entries.length / 2;
  }

  /** Keeps the later of two revocations of a user; tells the listeners of a new one. */
  private remember(userId: number, at: number): void {
    const known = this.revokedUntil.get(userId);
    if (known !== undefined && known >= at) return;
    this.revokedUntil.set(userId, at);
    for (const listener of this.listeners) listener(userId);
  }
}
