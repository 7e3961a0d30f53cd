import { ErrorCode } from '@jipp/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Fastify's error for a body over `bodyLimit` (or a content-length that says so). */
const BODY_TOO_LARGE = 'FST_ERR_CTP_BODY_TOO_LARGE';

/**
 * A body over Fastify's `bodyLimit` is refused while it is read, before any route sees it, and Nest's
 * error handler answers `{ statusCode, message }`. This gives that 413 the shape of every other
 * GraphQL error instead, with a code a client can rely on. Other 413s (a multipart upload's) keep
 * the answer they have.
 */
export function registerPayloadTooLargeAnswer(fastify: FastifyInstance, maxBytes: number): void {
  const body = JSON.stringify({
    errors: [
      {
        message: `The request body is larger than ${maxBytes} bytes.`,
        extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE, maxBytes },
      },
    ],
  });
  const refused = new WeakSet<FastifyRequest>();
  fastify.addHook('onError', async (request, _reply, error) => {
    if ((error as { code?: unknown }).code === BODY_TOO_LARGE) refused.add(request);
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!refused.has(request)) return payload;
    reply.code(413).header('content-type', 'application/json; charset=utf-8');
    return body;
  });
}
