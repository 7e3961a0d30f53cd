/**
 * The baseline of the forum benchmark: the least a server can do to push a forum post to a thread's
 * readers. A plain Node HTTP server with socket.io attached, the same Redis streams adapter as the
 * api (its own stream) and the same server options (`SOCKET_OPTIONS`, kept equal to the api's
 * gateway; the benchmark checks what the handshakes advertise). No auth, no GraphQL, no database:
 *
 * - socket event `thread:join` (threadId, ack): joins the room `thread:<id>` and acks `{ ok: true }`;
 * - `POST /threads/:id/posts` with a `post:created` message as the JSON body: broadcasts it to the
 *   room and answers `{"ok":true}` (one HTTP request per post, as on the api);
 * - `GET /health`: 200 once Redis answers.
 *
 *   PORT=3001 HOST=127.0.0.1 REDIS_URL=redis://... REDIS_PREFIX=jipp-bench-raw node dist/bench/forum/raw-server.js
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import Redis from 'ioredis';
import { Server, type ServerOptions } from 'socket.io';

/**
 * The api gateway's options (apps/api/src/forum/redis-streams-io.adapter.ts): keep them equal, or the
 * comparison is unfair. The benchmark checks what the handshakes advertise (ping, max payload,
 * recovery) before it measures.
 */
const SOCKET_OPTIONS: Partial<ServerOptions> = {
  path: '/socket.io',
  serveClient: false,
  maxHttpBufferSize: 16 * 1024,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
};

/** The adapter's options as the api sets them, under this server's own stream and keys. */
function adapterOptions(prefix: string): Parameters<typeof createAdapter>[1] {
  return {
    streamName: `${prefix}:socket.io`,
    channelPrefix: `${prefix}:socket.io`,
    sessionKeyPrefix: `${prefix}:socket.io:session:`,
    maxLen: 20_000,
    blockTimeInMs: 1000,
    onlyPlaintext: true,
  };
}

const POSTS_PATH = /^\/threads\/(\d+)\/posts$/;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

function main(): void {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', {
    connectionName: 'jipp-bench-raw-socket.io',
    maxRetriesPerRequest: 2,
  });
  const http = createServer();
  const io = new Server(http, {
    ...SOCKET_OPTIONS,
    adapter: createAdapter(redis, adapterOptions(process.env['REDIS_PREFIX'] ?? 'jipp-bench-raw')),
  });

  io.on('connection', (socket) => {
    socket.on('thread:join', (threadId: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      if (!Number.isInteger(threadId)) {
        ack({ ok: false, code: 'BAD_USER_INPUT', message: 'threadId must be an integer' });
        return;
      }
      void socket.join(`thread:${String(threadId)}`);
      ack({ ok: true });
    });
  });

  http.on('request', (request, response) => {
    // socket.io answers its own path
    if (request.url?.startsWith('/socket.io/')) return;
    if (request.method === 'GET' && request.url === '/health') {
      answer(response, redis.status === 'ready' ? 200 : 503, `{"status":"${redis.status}"}`);
      return;
    }
    const match = request.method === 'POST' ? POSTS_PATH.exec(request.url ?? '') : null;
    if (!match) {
      answer(response, 404, '{"error":"not found"}');
      return;
    }
    readBody(request).then(
      (text) => {
        let message: unknown;
        try {
          message = JSON.parse(text);
        } catch {
          answer(response, 400, '{"error":"the body is not JSON"}');
          return;
        }
        io.to(`thread:${match[1]!}`).emit('post:created', message);
        answer(response, 200, '{"ok":true}');
      },
      () => answer(response, 400, '{"error":"unreadable body"}'),
    );
  });

  const port = Number(process.env['PORT'] ?? 3001);
  http.listen(port, process.env['HOST'] ?? '127.0.0.1', () => {
    console.log(`raw socket.io server on ${port}`);
  });

  const stop = (): void => {
    void io.close();
    redis.disconnect();
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
