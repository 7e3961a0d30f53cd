/** Injection token of the shared ioredis client (commands only; no blocking calls, no subscribe). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
