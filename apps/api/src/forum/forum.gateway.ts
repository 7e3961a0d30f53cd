import { Catch, Logger, UseFilters, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { ExtendedError, Server, Socket } from 'socket.io';
import { AccessRevocations, TokenService, UsersService, UserStatus } from '@jipp/auth';
import { AppError, ErrorCode, SignedIn, type AuthUser } from '@jipp/core';
import {
  EventRateLimiter,
  ForumAccess,
  parseThreadId,
  SOCKET_LIMITS,
  threadOfEvent,
  threadRoom,
  TypingThrottle,
  userRoom,
  type ClientToServerEvents,
  type RoomAck,
  type ServerToClientEvents,
} from '@jipp/forum';
import { releaseMissedPackets } from './redis-streams-io.adapter';

/** What the handshake puts in `socket.data` (and socket.io keeps across a recovered reconnection). */
export interface ForumSocketData {
  user: AuthUser;
  /** Shown with `typing`. */
  name: string;
  /** When the access token expires (ms since the epoch): the socket is dropped then. */
  tokenExpiresAt: number;
}

export type ForumServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  ForumSocketData
>;
export type ForumSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  ForumSocketData
>;

/** Per-socket state that never leaves this node (socket.data is persisted for recovery; this is not). */
interface SocketLimits {
  events: EventRateLimiter;
  typing: TypingThrottle;
  expiry: NodeJS.Timeout;
}

const refuse = (code: ErrorCode, message: string): RoomAck => ({ ok: false, code, message });

/** The thread of a room name the gateway built, else null (user rooms, the socket's own room). */
function threadOfRoom(room: string): number | null {
  const match = /^thread:(\d{1,10})$/.exec(room);
  const id = match ? parseThreadId(Number(match[1])) : null;
  return id !== null && threadRoom(id) === room ? id : null;
}

/** When a verified JWT expires (ms), from its `exp` claim; null when it has none. */
function expiryOf(token: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Errors of socket event handlers (the global access guard's refusals included) go back through
 * the event's acknowledgement as `{ ok: false, code, message }`, like a GraphQL error's code.
 */
@Catch()
export class ForumSocketErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ForumGateway');

  catch(error: unknown, host: ArgumentsHost): void {
    const ack = host.getArgs().find((arg): arg is (result: RoomAck) => void => typeof arg === 'function');
    if (error instanceof AppError) {
      ack?.(refuse(error.code, error.message));
      return;
    }
    this.logger.error(error);
    ack?.(refuse(ErrorCode.INTERNAL, 'Something went wrong on our side.'));
  }
}

/**
 * The forum's socket.io door. A socket authenticates once per connection (and again on every
 * reconnection, recovered or not) with `auth.token`, an access token; it is dropped when the token
 * expires. It follows threads by joining their rooms, each join checked against the database. Every
 * event states its access rule, enforced by the global guard (default deny), and counts against the
 * socket's rate limit.
 */
@WebSocketGateway()
@UseFilters(ForumSocketErrorFilter)
export class ForumGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer()
  server?: ForumServer;

  private readonly logger = new Logger(ForumGateway.name);
  private readonly limits = new WeakMap<ForumSocket, SocketLimits>();

  constructor(
    private readonly tokens: TokenService,
    private readonly users: UsersService,
    private readonly access: ForumAccess,
    private readonly revocations: AccessRevocations,
  ) {}

  afterInit(server: ForumServer): void {
    // a deactivated user's sockets on this node close at once, session and all; reconnecting is
    // refused (the token is revoked, the account disabled)
    this.revocations.onRevoked((userId) => server.local.in(userRoom(userId)).disconnectSockets(true));
    server.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => {
          const known = error instanceof AppError;
          if (!known) this.logger.error(error);
          const refusal: ExtendedError = new Error(known ? error.message : 'Could not connect.');
          refusal.data = { code: known ? error.code : ErrorCode.INTERNAL };
          next(refusal);
        },
      );
    });
  }

  handleConnection(socket: ForumSocket): void {
    const delay = Math.min(Math.max(0, socket.data.tokenExpiresAt - Date.now()), 2 ** 31 - 1);
    // closing the transport (not the socket) keeps the session: a client that reconnects with a fresh
    // token within the recovery window gets what it missed; one with the stale token is refused
    const expiry = setTimeout(() => socket.conn.close(), delay);
    expiry.unref();
    const limits: SocketLimits = {
      events: new EventRateLimiter(SOCKET_LIMITS.events, Date.now()),
      typing: new TypingThrottle(SOCKET_LIMITS.typingIntervalMs),
      expiry,
    };
    this.limits.set(socket, limits);
    socket.use((event, next) => {
      const verdict = limits.events.hit(Date.now());
      if (verdict === 'accept') return next();
      if (verdict === 'disconnect') {
        if (socket.connected) {
          this.logger.warn(`Disconnecting user ${socket.data.user.id}'s socket: it floods events.`);
          socket.disconnect(true);
        }
        return;
      }
      const ack = event[event.length - 1] as unknown;
      if (typeof ack === 'function')
        (ack as (result: RoomAck) => void)(
          refuse(
            ErrorCode.RATE_LIMITED,
            `Too many events: slow down (${SOCKET_LIMITS.events.ratePerSecond} a second).`,
          ),
        );
      next(new Error('rate limited'));
    });
    // through the adapter, so it carries a stream offset: the client can recover from now on
    socket.emit('session', {
      userId: socket.data.user.id,
      tokenExpiresAt: new Date(socket.data.tokenExpiresAt).toISOString(),
    });
  }

  handleDisconnect(socket: ForumSocket): void {
    const limits = this.limits.get(socket);
    if (limits) clearTimeout(limits.expiry);
    this.limits.delete(socket);
  }

  /** Follows a thread: its posts, edits, moderation and typing reach this socket from now on. */
  @SignedIn()
  @SubscribeMessage('thread:join')
  async join(@ConnectedSocket() socket: ForumSocket, @MessageBody() raw: unknown): Promise<RoomAck> {
    const threadId = parseThreadId(raw);
    if (threadId === null) return refuse(ErrorCode.BAD_USER_INPUT, 'A thread id is a positive integer.');
    const room = threadRoom(threadId);
    const full = () => !socket.rooms.has(room) && this.threadRooms(socket) >= SOCKET_LIMITS.maxThreadRooms;
    const tooMany = refuse(
      ErrorCode.RATE_LIMITED,
      `A connection follows at most ${SOCKET_LIMITS.maxThreadRooms} threads: leave one first.`,
    );
    if (full()) return tooMany;
    // checked at every join, also for a room already joined: access may have changed since
    if (!(await this.mayRead(socket.data.user, threadId))) {
      await socket.leave(room);
      return refuse(ErrorCode.NOT_FOUND, `Thread ${threadId} not found.`);
    }
    if (!socket.connected) return refuse(ErrorCode.BAD_USER_INPUT, 'The connection closed.');
    if (full()) return tooMany;
    await socket.join(room);
    return { ok: true };
  }

  @SignedIn()
  @SubscribeMessage('thread:leave')
  async leave(@ConnectedSocket() socket: ForumSocket, @MessageBody() raw: unknown): Promise<RoomAck> {
    const threadId = parseThreadId(raw);
    if (threadId === null) return refuse(ErrorCode.BAD_USER_INPUT, 'A thread id is a positive integer.');
    await socket.leave(threadRoom(threadId));
    this.limits.get(socket)?.typing.forget(threadId);
    return { ok: true };
  }

  /** Tells the other readers of a followed thread that this user is typing (volatile, throttled). */
  @SignedIn()
  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: ForumSocket, @MessageBody() raw: unknown): void {
    const threadId = parseThreadId(raw);
    if (threadId === null || !socket.rooms.has(threadRoom(threadId))) return;
    if (!this.limits.get(socket)?.typing.allow(threadId, Date.now())) return;
    const { user, name } = socket.data;
    socket.to(threadRoom(threadId)).volatile.emit('typing', { threadId, userId: user.id, name });
  }

  /**
   * The connection middleware: runs for every connection and every reconnection, recovered ones
   * included (the recovery keeps `skipMiddlewares: false`). A recovered socket gets back only the
   * rooms its user may still read, and only the missed packets of those.
   */
  private async authenticate(socket: ForumSocket): Promise<void> {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.['token'];
    if (typeof token !== 'string' || token.length === 0)
      throw AppError.unauthenticated('Connect with auth.token set to an access token.');
    let user: AuthUser;
    try {
      user = await this.tokens.verifyAccessToken(token);
    } catch {
      throw AppError.unauthenticated('The access token is invalid or expired: refresh it and reconnect.');
    }
    const tokenExpiresAt = expiryOf(token);
    if (tokenExpiresAt === null) throw AppError.unauthenticated('The access token has no expiry.');
    const [account] = await this.users.findByIds([user.id]);
    if (!account || account.status !== UserStatus.ACTIVE)
      throw AppError.unauthenticated('This account may not sign in.');

    if (socket.recovered) await this.restoreRooms(socket, user);
    socket.data = { user, name: account.name, tokenExpiresAt };
    await socket.join(userRoom(user.id));
  }

  /** Re-checks the rooms socket.io restored, then sends the missed packets of those still readable. */
  private async restoreRooms(socket: ForumSocket, user: AuthUser): Promise<void> {
    const previous = socket.data as Partial<ForumSocketData> | undefined;
    const sameUser = previous?.user?.id === user.id;
    const readable = new Set<number>();
    for (const room of [...socket.rooms]) {
      if (room === socket.id || (sameUser && room === userRoom(user.id))) continue;
      const threadId = threadOfRoom(room);
      if (sameUser && threadId !== null && (await this.mayRead(user, threadId))) readable.add(threadId);
      else await socket.leave(room);
    }
    releaseMissedPackets(socket, (event, payload) => {
      if (event === 'typing') return false; // volatile: stale once missed
      const threadId = threadOfEvent(event, payload);
      return threadId === null ? sameUser : readable.has(threadId);
    });
  }

  private async mayRead(user: AuthUser, threadId: number): Promise<boolean> {
    try {
      await this.access.readable(user, threadId);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return false;
      throw error;
    }
  }

  private threadRooms(socket: ForumSocket): number {
    let count = 0;
    for (const room of socket.rooms) if (threadOfRoom(room) !== null) count += 1;
    return count;
  }
}
