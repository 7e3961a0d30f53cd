import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { isObservable } from 'rxjs';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { AppConfig, createRedisConnection } from '@jipp/core';
import { SOCKET_LIMITS } from '@jipp/forum';

type NestServer = ReturnType<IoAdapter['createIOServer']>;
type NestServerOptions = Parameters<IoAdapter['createIOServer']>[1];
type NestSocket = Parameters<IoAdapter['bindMessageHandlers']>[0];
type MessageHandler = Parameters<IoAdapter['bindMessageHandlers']>[1][number];
type Transform = Parameters<IoAdapter['bindMessageHandlers']>[2];

/** A client that reconnects within this time gets what it missed (connection state recovery). */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/**
 * Entries the shared stream keeps (about: it is trimmed with `~`). A reconnecting client whose last
 * offset was trimmed away is not recovered and starts afresh, so this bounds how busy two minutes may
 * be across all nodes: 20,000 broadcasts, some 170 a second.
 */
const STREAM_MAX_LEN = 20_000;

/** socket.io-parser's EVENT packet type. */
const EVENT_PACKET = 2;

/** The parts of a restored socket.io session this file touches. */
interface RestoredSession {
  data: unknown;
  missedPackets: unknown[][];
}

/** What a recovering socket missed, held back until the gateway has authenticated it again. */
const held = new WeakMap<object, unknown[][]>();

/**
 * socket.io writes a recovered session's missed packets to the wire as soon as it rebuilds the
 * socket, before any middleware runs: authentication on recovery would refuse the connection only
 * after the packets left. This wrapper keeps them back, keyed by the restored `socket.data` object,
 * for {@link releaseMissedPackets} to send once the gateway has checked the token and the rooms.
 */
function holdingMissedPackets(factory: ReturnType<typeof createAdapter>): ReturnType<typeof createAdapter> {
  // a function, not an arrow: socket.io calls the adapter factory with `new`
  return function (nsp: unknown) {
    const adapter = factory(nsp);
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = (await restore(pid, offset)) as unknown as RestoredSession;
      if (typeof session.data === 'object' && session.data !== null)
        held.set(session.data, session.missedPackets);
      session.missedPackets = [];
      return session as never;
    };
    return adapter;
  };
}

/**
 * Sends a recovered socket the packets it missed that `keep` accepts (in their order, each with its
 * stream offset, as socket.io itself would), drops the others; returns how many were sent.
 */
export function releaseMissedPackets(
  socket: Socket,
  keep: (event: string, payload: unknown) => boolean,
): number {
  const data: unknown = socket.data;
  const packets = typeof data === 'object' && data !== null ? (held.get(data) ?? []) : [];
  if (typeof data === 'object' && data !== null) held.delete(data);
  // the same (internal) call socket.io's Socket constructor makes for missed packets
  const writer = socket as unknown as { packet?: (packet: { type: number; data: unknown[] }) => void };
  if (typeof writer.packet !== 'function') return 0;
  let sent = 0;
  for (const packet of packets) {
    if (typeof packet[0] !== 'string' || !keep(packet[0], packet[1])) continue;
    writer.packet({ type: EVENT_PACKET, data: packet });
    sent += 1;
  }
  return sent;
}

/**
 * socket.io on the api's HTTP server, with the Redis streams adapter: a broadcast on any node
 * reaches the sockets of every node, and a client that reconnects within two minutes gets what it
 * missed (sessions and the stream live in Redis, so it may come back to another node). Middlewares
 * run again on recovery, so the gateway authenticates every reconnection.
 */
export class RedisStreamsIoAdapter extends IoAdapter {
  private redis?: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  /**
   * Builds the server with the project's socket.io (Nest's IoAdapter would use the copy it pins,
   * whose types and instance differ from the one the gateway, the adapter and the tests import).
   */
  override createIOServer(port: number, options?: NestServerOptions): NestServer {
    // the adapter's own connection: it duplicates it for the blocking stream reads and the pub/sub
    this.redis ??= createRedisConnection(this.config.get('REDIS_URL'), {
      connectionName: 'jipp-socket.io',
      maxRetriesPerRequest: 2,
    });
    const adapter = createAdapter(this.redis, {
      streamName: this.config.redisKey('socket.io'),
      channelPrefix: this.config.redisKey('socket.io'),
      sessionKeyPrefix: `${this.config.redisKey('socket.io', 'session')}:`,
      maxLen: STREAM_MAX_LEN,
      // how long a stream read blocks: bounds how long a closing node keeps its reader connection
      blockTimeInMs: 1000,
      onlyPlaintext: true,
    });
    const serverOptions: Partial<ServerOptions> = {
      ...(options as Partial<ServerOptions> | undefined),
      path: '/socket.io',
      serveClient: false,
      maxHttpBufferSize: SOCKET_LIMITS.maxPayloadBytes,
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
      adapter: holdingMissedPackets(adapter),
    };
    // port 0: share the api's HTTP server (as IoAdapter does)
    const server =
      this.httpServer && port === 0
        ? new Server(this.httpServer, serverOptions)
        : new Server(port, serverOptions);
    return server as unknown as NestServer;
  }

  /**
   * One plain listener per `@SubscribeMessage` event on each socket, where Nest's IoAdapter builds an
   * rxjs pipeline per event and socket (about 18 KB a socket). The callback Nest passes is already
   * wrapped by its WsContextCreator (guards, pipes, interceptors, exception filters); this only
   * replaces the plumbing around it and keeps its behaviour: the payload and ack split as
   * {@link IoAdapter.mapPayload} does, a `{ event, data }` result emitted, any other non-null result
   * sent through the ack (unless the handler acks itself), an error logged, and nothing sent once the
   * socket is disconnected. A result that is an Observable (an interceptor's) goes through Nest's own
   * `transform`, as before.
   */
  override bindMessageHandlers(socket: NestSocket, handlers: MessageHandler[], transform: Transform): void {
    for (const handler of handlers) {
      // socket.io passes the event's arguments (the ack last); rxjs' fromEvent gave one or an array
      socket.on(handler.message as string, (...args: unknown[]) => {
        void this.dispatch(socket, handler, args.length > 1 ? args : args[0], transform);
      });
    }
  }

  private async dispatch(
    socket: NestSocket,
    { callback, isAckHandledManually }: MessageHandler,
    payload: unknown,
    transform: Transform,
  ): Promise<void> {
    const { data, ack } = this.mapPayload(payload);
    const respond = (response: unknown): void => {
      if (response === null || response === undefined || socket.disconnected) return;
      const reply = response as { event?: string; data?: unknown };
      if (reply.event) {
        socket.emit(reply.event, reply.data);
        return;
      }
      if (!isAckHandledManually && typeof ack === 'function') (ack as (value: unknown) => void)(response);
    };
    try {
      const result: unknown = await callback(data, ack);
      if (!isObservable(result)) return respond(result);
      // an interceptor's Observable: Nest's transform flattens it, as IoAdapter does
      transform(result).subscribe({ next: respond, error: (error: unknown) => this.logger.error(error) });
    } catch (error) {
      this.logger.error(error);
    }
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    if (this.redis && this.redis.status !== 'end')
      await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}
