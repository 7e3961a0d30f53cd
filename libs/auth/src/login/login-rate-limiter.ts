import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, AppError, REDIS_CLIENT } from '@jipp/core';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';

/**
 * Counts failed logins per account and per client IP in Redis (shared by every api node). Once a
 * limit is reached, further attempts are refused with RATE_LIMITED until the window passes, for
 * known and unknown e-mails alike, so the error reveals nothing about who has an account.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly perAccount: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis, config: AppConfig) {
    const duration = config.get('LOGIN_FAILURE_WINDOW_SECONDS');
    this.perAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: config.redisKey('login-failures', 'account'),
      points: config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT'),
      duration,
    });
    this.perIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: config.redisKey('login-failures', 'ip'),
      points: config.get('LOGIN_MAX_FAILURES_PER_IP'),
      duration,
    });
  }

  private static accountKey(email: string): string {
    return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  }

  /** Refuses the attempt when either limit is already used up. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const used = await Promise.all([
      this.perAccount.get(LoginRateLimiter.accountKey(email)),
      this.perIp.get(ip),
    ]);
    const waitMs = Math.max(
      0,
      ...[this.perAccount, this.perIp].map((limiter, i) =>
        (used[i]?.consumedPoints ?? 0) >= limiter.points ? (used[i]?.msBeforeNext ?? 0) : 0,
      ),
    );
    if (waitMs > 0) {
      const wait = Math.ceil(waitMs / 1000);
      throw AppError.rateLimited(
        `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`,
        wait,
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.perAccount.penalty(LoginRateLimiter.accountKey(email), 1),
      this.perIp.penalty(ip, 1),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(LoginRateLimiter.accountKey(email));
  }
}
