import { randomUUID } from 'node:crypto';
import { AppConfig, REDIS_CLIENT } from '@jipp/core';
import { SOCKET_LIMITS, type TypingMessage } from '@jipp/forum';
import { NotificationPublisher } from '@jipp/notifications';
import type { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import {
  collect,
  connected,
  forumSocket,
  joinThread,
  leaveThread,
  sleep,
  until,
  type ConnectRefusal,
  type ForumClient,
} from '../forum-socket-client';
import type { Person, Principal, Scope, Side, World } from './authorization-world';

/** What a socket event check sees: an outcome word, with a detail when it is not a plain one. */
export interface Observed {
  outcome: string;
  detail?: string;
}

export interface SocketContext {
  world: World;
  principal: Principal;
  scope: Scope;
  side: Side;
  caller: Person | null;
  listeners: Listeners;
}

export interface SocketCheck {
  scoped: boolean;
  run(ctx: SocketContext): Promise<Observed>;
}

/** Sockets of each side's author, in the side's thread room, that tell whether an event arrived. */
export interface Listeners {
  typing: Map<Side, TypingMessage[]>;
  notifications: Map<Side, Array<{ id: string }>>;
  /** Publishes pushes as the workers do (the api itself only relays them). */
  publisher: NotificationPublisher;
  close(): void;
}

/** How long an event that should arrive may take; an event that should not is awaited as long. */
const DELIVERY_MS = 1500;

export async function openListeners(world: World): Promise<Listeners> {
  const sockets: ForumClient[] = [];
  const typing = new Map<Side, TypingMessage[]>();
  const notifications = new Map<Side, Array<{ id: string }>>();
  for (const side of [world.a, world.b]) {
    const socket = await connected(forumSocket(world.api.url, side.author.token));
    sockets.push(socket);
    const ack = await joinThread(socket, side.thread);
    if (!ack.ok) throw new Error(`the listener could not join its thread: ${JSON.stringify(ack)}`);
    typing.set(side, collect(socket, 'typing'));
    notifications.set(side, collect(socket, 'notification:new'));
  }
  const app = world.api.app;
  const publisher = new NotificationPublisher(app.get<Redis>(REDIS_CLIENT), app.get(AppConfig));
  return { typing, notifications, publisher, close: () => sockets.forEach((s) => s.close()) };
}

/** Connects the caller to the forum's namespace; an anonymous caller sends no token. */
async function withForumSocket(
  ctx: SocketContext,
  use: (socket: ForumClient) => Promise<Observed>,
): Promise<Observed> {
  const socket = forumSocket(ctx.world.api.url, ctx.caller?.token ?? '');
  try {
    try {
      await connected(socket);
    } catch (error) {
      return refusalOf(error);
    }
    return await use(socket);
  } finally {
    socket.close();
  }
}

function refusalOf(error: unknown): Observed {
  const code = (error as ConnectRefusal).data?.code;
  return code ? { outcome: code } : { outcome: 'ERROR', detail: String(error) };
}

const ackOutcome = (ack: { ok: boolean; code?: string; message?: string }): Observed =>
  ack.ok ? { outcome: 'allowed' } : { outcome: ack.code ?? 'ERROR', detail: ack.message };

function feedSocket(ctx: SocketContext): Socket {
  return io(`${ctx.world.api.url}/feed`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(ctx.caller ? { auth: { token: ctx.caller.token } } : {}),
  });
}

async function withFeedSocket(
  ctx: SocketContext,
  use: (socket: Socket) => Promise<Observed>,
): Promise<Observed> {
  const socket = feedSocket(ctx);
  try {
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
    } catch (error) {
      return refusalOf(error);
    }
    return await use(socket);
  } finally {
    socket.close();
  }
}

/**
 * The socket events, checked per principal: the forum's namespace (connection, thread rooms, typing,
 * the notification pushes to user rooms) and the dashboard's feed namespace.
 */
export const SOCKET_CHECKS: Record<string, SocketCheck> = {
  'forum:connect': {
    scoped: false,
    run: (ctx) => withForumSocket(ctx, () => Promise.resolve({ outcome: 'allowed' })),
  },
  'thread:join': {
    scoped: true,
    run: (ctx) =>
      withForumSocket(ctx, async (socket) => ackOutcome(await joinThread(socket, ctx.side.thread))),
  },
  'thread:leave': {
    scoped: true,
    run: (ctx) =>
      withForumSocket(ctx, async (socket) => ackOutcome(await leaveThread(socket, ctx.side.thread))),
  },
  // no acknowledgement: allowed when the side author's socket in the thread room hears it,
  // filtered when it never arrives (the caller could not join the room)
  typing: {
    scoped: true,
    run: (ctx) =>
      withForumSocket(ctx, async (socket) => {
        await joinThread(socket, ctx.side.thread);
        const heard = () =>
          ctx.listeners.typing
            .get(ctx.side)!
            .some((t) => t.userId === ctx.caller!.id && t.threadId === ctx.side.thread);
        // typing is volatile (a busy connection may drop it): tell three times, past the throttle
        for (let attempt = 0; attempt < 3; attempt++) {
          socket.emit('typing', ctx.side.thread);
          try {
            await until(heard, 'typing', SOCKET_LIMITS.typingIntervalMs + 100);
            return { outcome: 'allowed' };
          } catch {
            // not heard yet
          }
        }
        return { outcome: 'filtered' };
      }),
  },
  // a push addressed to the caller (own) reaches them; one addressed to side B's author (other)
  // reaches that author and not the caller
  'notification:new': {
    scoped: true,
    run: (ctx) =>
      withForumSocket(ctx, async (socket) => {
        const received = collect(socket, 'notification:new');
        const addressee = ctx.scope === 'own' ? ctx.caller!.id : ctx.side.author.id;
        const id = randomUUID();
        await ctx.listeners.publisher.publish([
          {
            userId: addressee,
            notification: {
              id,
              type: 'THREAD_POST',
              title: 'Uji',
              body: 'Uji hak akses.',
              link: '/forum',
              actorUserId: null,
              createdAt: new Date().toISOString(),
            },
          },
        ]);
        if (ctx.scope === 'other') {
          await until(
            () => ctx.listeners.notifications.get(ctx.side)!.some((n) => n.id === id),
            'the push to its addressee',
            DELIVERY_MS * 2,
          );
          await sleep(100);
          return received.some((n) => n.id === id) ? { outcome: 'allowed' } : { outcome: 'filtered' };
        }
        try {
          await until(() => received.some((n) => n.id === id), 'the push', DELIVERY_MS * 2);
          return { outcome: 'allowed' };
        } catch {
          return { outcome: 'filtered' };
        }
      }),
  },
  'feed:connect': {
    scoped: false,
    run: (ctx) => withFeedSocket(ctx, () => Promise.resolve({ outcome: 'allowed' })),
  },
  'feed:join': {
    scoped: false,
    run: (ctx) =>
      withFeedSocket(ctx, async (socket) => ackOutcome(await socket.timeout(5000).emitWithAck('feed:join'))),
  },
  'feed:leave': {
    scoped: false,
    run: (ctx) =>
      withFeedSocket(ctx, async (socket) => ackOutcome(await socket.timeout(5000).emitWithAck('feed:leave'))),
  },
};
