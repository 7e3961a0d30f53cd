import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { AuthUser, GraphqlContext, RequestLike } from '@jipp/core';
import { rateLimitAddress } from './client-address';
import { operationCost } from './operation-cost';
import type { Caller, RequestRateLimiter } from './request-rate-limiter';

/** Verifies an `Authorization` header leniently: the user it names, or undefined for a bad token. */
export type AccessHeaderVerifier = (header: string) => Promise<AuthUser | undefined>;

async function callerOf(request: RequestLike, verify: AccessHeaderVerifier): Promise<Caller> {
  if (request.user === undefined) {
    const header = request.headers['authorization'];
    const value = Array.isArray(header) ? header[0] : header;
    if (typeof value === 'string' && value.length > 0) {
      const user = await verify(value);
      // the access guard takes a user already on the request as it is, instead of verifying again;
      // a bad token is left to the guard, which refuses it unless the operation is public
      if (user) request.user = user;
    }
  }
  return { userId: request.user?.id, ip: rateLimitAddress(request.ip ?? 'unknown') };
}

/**
 * Rate limits, checked once per request after Apollo resolved the operation (so its type and root
 * fields are known) and before anything executes: a refused request does no work, and answers
 * HTTP 429 with `Retry-After`.
 */
export function rateLimitsPlugin(
  limiter: RequestRateLimiter,
  verify: AccessHeaderVerifier,
): ApolloServerPlugin<GraphqlContext> {
  // the listener keeps no state of its own: one object serves every request
  const listener: GraphQLRequestListener<GraphqlContext> = {
    async didResolveOperation({ operation, document, contextValue }) {
      const caller = await callerOf(contextValue.req, verify);
      await limiter.consume(caller, operationCost(operation, document));
    },
  };
  return { requestDidStart: async () => listener };
}
