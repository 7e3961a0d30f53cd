import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors/error-code';

/** How long a client should wait before retrying an operation refused while a service is down. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * HTTP 503 with `Retry-After` for an operation that failed only because the database or Redis is
 * down: no data, and every error `SERVICE_UNAVAILABLE` (`formatGraphqlError` gives that code). Load
 * balancers, proxies and clients then know to retry; a partial answer keeps its 200. Apollo reads a
 * status only from errors thrown before execution, so the status is set on the way out, from the
 * formatted errors (after @nestjs/apollo's reset to 200, see below).
 */
export function serviceUnavailableStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length) return;
          if (!errors.every((e) => e.extensions?.['code'] === ErrorCode.SERVICE_UNAVAILABLE)) return;
          if (data && Object.values(data).some((value) => value !== null)) return;
          // @nestjs/apollo's own willSendResponse resets the status of any answer with `data` to 200;
          // the listeners are called together, so this one sets its status a tick after them
          await Promise.resolve();
          response.http.status = 503;
          response.http.headers.set('retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
