import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, RoomAck, ServerToClientEvents } from '@jipp/forum';

/** A real socket.io client with the forum's typed event map. */
export type ForumClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The reason and data of a refused connection. */
export type ConnectRefusal = Error & { data?: { code?: string } };

/** A socket to an api (not connected until `connected()`); websocket only, no automatic reconnection. */
export function forumSocket(
  url: string,
  token: string | ((cb: (data: object) => void) => void),
  options: Partial<ManagerOptions & SocketOptions> = {},
): ForumClient {
  return io(url, {
    auth: typeof token === 'string' ? { token } : token,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    ...options,
  });
}

/**
 * Connects (if not yet) and resolves once connected and the server's `session` event has arrived
 * (from then on the client holds a stream offset and can recover), or rejects with the refusal.
 */
export function connected(socket: ForumClient, timeoutMs = 5000): Promise<ForumClient> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(() => reject(new Error('no connect within the timeout'))), timeoutMs);
    const onSession = () => done(() => resolve(socket));
    const onConnect = () => socket.once('session', onSession);
    const onError = (error: ConnectRefusal) => done(() => reject(error));
    const done = (settle: () => void) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('session', onSession);
      socket.off('connect_error', onError);
      settle();
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
    if (!socket.connected) socket.connect();
  });
}

/** The next refusal of a connection attempt. */
export function refusal(socket: ForumClient, timeoutMs = 5000): Promise<ConnectRefusal> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no connect_error within the timeout')), timeoutMs);
    socket.once('connect_error', (error: ConnectRefusal) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

/** The next disconnection's reason. */
export function disconnection(socket: ForumClient, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no disconnect within the timeout')), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

export function joinThread(socket: ForumClient, threadId: unknown): Promise<RoomAck> {
  return socket.timeout(5000).emitWithAck('thread:join', threadId as number);
}

export function leaveThread(socket: ForumClient, threadId: number): Promise<RoomAck> {
  return socket.timeout(5000).emitWithAck('thread:leave', threadId);
}

/** Everything a socket receives of one event, in order. */
export function collect<E extends keyof ServerToClientEvents>(
  socket: ForumClient,
  event: E,
): Array<Parameters<ServerToClientEvents[E]>[0]> {
  const received: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => received.push(payload);
  (socket.on as (event: string, listener: (payload: unknown) => void) => void)(
    event,
    listener as (payload: unknown) => void,
  );
  return received;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (polling), or fails with `what`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
