import type { AppConfig } from '@jipp/core';
import type { OperationClass } from './operation-cost';

/** Points one caller may spend on a class per window: as a signed-in user, and from one client IP. */
export interface ClassLimits {
  perUser: number;
  perIp: number;
}

export interface RateLimitSettings {
  windowSeconds: number;
  limits: Record<OperationClass, ClassLimits>;
}

/** The RATE_LIMIT_* entries of the configuration, per class. */
export function rateLimitSettings(config: AppConfig): RateLimitSettings {
  return {
    windowSeconds: config.get('RATE_LIMIT_WINDOW_SECONDS'),
    limits: {
      reads: {
        perUser: config.get('RATE_LIMIT_READS_PER_USER'),
        perIp: config.get('RATE_LIMIT_READS_PER_IP'),
      },
      mutations: {
        perUser: config.get('RATE_LIMIT_MUTATIONS_PER_USER'),
        perIp: config.get('RATE_LIMIT_MUTATIONS_PER_IP'),
      },
      logins: {
        perUser: config.get('RATE_LIMIT_LOGINS_PER_USER'),
        perIp: config.get('RATE_LIMIT_LOGINS_PER_IP'),
      },
      posts: {
        perUser: config.get('RATE_LIMIT_POSTS_PER_USER'),
        perIp: config.get('RATE_LIMIT_POSTS_PER_IP'),
      },
    },
  };
}
