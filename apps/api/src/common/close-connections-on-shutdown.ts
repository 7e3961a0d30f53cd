import type { FastifyAdapter } from '@nestjs/platform-fastify';

/**
 * Once the api begins to shut down (Nest marks its Fastify adapter first thing on SIGTERM), every
 * answer tells the client to close its connection. Otherwise a kept-alive connection that was busy
 * when the server stopped listening stays open after its last answer, and closing the server waits
 * for the client to drop it: the fault tests measured exits of 10 s under load instead of well under
 * one. Requests in flight still get their answers.
 */
export function closeConnectionsOnShutdown(adapter: FastifyAdapter): void {
  // private in Nest's typings; set by `beforeClose()`, before the shutdown hooks run
  const state = adapter as unknown as { isShuttingDown?: boolean };
  adapter.getInstance().addHook('onSend', (_request, reply, payload, done) => {
    if (state.isShuttingDown) void reply.header('connection', 'close');
    done(null, payload);
  });
}
