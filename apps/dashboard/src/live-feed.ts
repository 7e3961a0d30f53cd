import { io, type Socket } from 'socket.io-client';
import type { ReplicationFeedEvent } from './queries';
import { accessToken } from './session';

/** At most this many events are kept and shown, newest first. */
export const FEED_SIZE = 50;

/** The api's socket.io namespace of the feed: anonymous sockets are let in there (unless a login is required). */
const FEED_NAMESPACE = '/feed';

type JoinAck = { ok: true } | { ok: false; code?: string; message?: string };

interface ServerToClientEvents {
  'replication:event': (event: ReplicationFeedEvent) => void;
}
interface ClientToServerEvents {
  'feed:join': (ack: (result: JoinAck) => void) => void;
}

export type FeedState = 'connecting' | 'connected' | 'disconnected' | 'needs-login';

export interface FeedListener {
  event?(event: ReplicationFeedEvent): void;
  state?(state: FeedState): void;
}

/**
 * The live feed of replication events: one socket.io connection to the api that served the page
 * (same origin, websocket, the feed's namespace), joined to the feed on every (re)connection. It lives for the whole
 * visit, so events that arrive while the reader is on another page are there when they come back.
 */
export class LiveFeed {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private readonly events: ReplicationFeedEvent[] = [];
  private readonly seen = new Set<string>();
  private readonly listeners = new Set<FeedListener>();
  private currentState: FeedState = 'connecting';

  /** Connects, or reconnects with the current session's token (after a sign-in or sign-out). */
  start(): void {
    this.socket?.disconnect();
    const token = accessToken();
    this.setState('connecting');
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(FEED_NAMESPACE, {
      transports: ['websocket'],
      auth: token ? { token } : {},
    });
    socket.on('connect', () => {
      socket.emit('feed:join', (result) => {
        if (result.ok) this.setState('connected');
        else this.setState(result.code === 'UNAUTHENTICATED' ? 'needs-login' : 'disconnected');
      });
    });
    socket.on('disconnect', () => this.setState('disconnected'));
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) =>
      this.setState(error.data?.code === 'UNAUTHENTICATED' ? 'needs-login' : 'disconnected'),
    );
    socket.on('replication:event', (event) => this.receive(event));
    this.socket = socket;
  }

  /** The kept events, newest first. */
  latest(): readonly ReplicationFeedEvent[] {
    return this.events;
  }

  state(): FeedState {
    return this.currentState;
  }

  /** Listens until the returned function is called. */
  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private receive(event: ReplicationFeedEvent): void {
    // a recovered connection may replay what this page already has
    const key = `${event.replicationId}:${event.to}:${event.at}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.events.unshift(event);
    for (const dropped of this.events.splice(FEED_SIZE)) {
      this.seen.delete(`${dropped.replicationId}:${dropped.to}:${dropped.at}`);
    }
    for (const listener of this.listeners) listener.event?.(event);
  }

  private setState(state: FeedState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    for (const listener of this.listeners) listener.state?.(state);
  }
}
