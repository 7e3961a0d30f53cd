import type { ApolloServerPlugin } from '@apollo/server';
import { Inject, Injectable } from '@nestjs/common';
import { TokenService } from '@jipp/auth';
import { AppConfig, REDIS_CLIENT, type GraphqlContext } from '@jipp/core';
import type { Redis } from 'ioredis';
import { rateLimitSettings } from './rate-limit-settings';
import { rateLimitsPlugin } from './rate-limits.plugin';
import { RequestRateLimiter } from './request-rate-limiter';

/** The GraphQL api's rate limits (RATE_LIMIT_*), as Apollo plugins: none when RATE_LIMIT_ENABLED is off. */
@Injectable()
export class GraphqlRateLimits {
  private readonly limiter: RequestRateLimiter | undefined;

  constructor(
    @Inject(REDIS_CLIENT) redis: Redis,
    config: AppConfig,
    private readonly tokens: TokenService,
  ) {
    this.limiter = config.get('RATE_LIMIT_ENABLED')
      ? new RequestRateLimiter(redis, rateLimitSettings(config), config.redisKey('rate-limit'))
      : undefined;
  }

  apolloPlugins(): Array<ApolloServerPlugin<GraphqlContext>> {
    if (!this.limiter) return [];
    return [rateLimitsPlugin(this.limiter, (header) => this.tokens.verifyAccessHeader(header, true))];
  }
}
