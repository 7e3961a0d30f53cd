/**
 * What the notifications benchmark (`bench.ts`) and its load process (`load-worker.ts`) say to each
 * other over the IPC channel of `child_process.fork`: one command at a time, one reply each.
 */
import { performance } from 'node:perf_hooks';

/**
 * Milliseconds since the epoch with sub-millisecond resolution. The benchmark and its load process
 * run on one machine, so their readings compare: the load process stamps a mutation's send, the
 * benchmark the pushes it sees on the Redis channel and the rows it counts.
 */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/** `notification:new` as sockets receive it (NotificationMessage of `libs/forum/src/realtime`). */
export interface NotificationMessage {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string;
  actorUserId: number | null;
  createdAt: string;
}

export interface SocketUser {
  userId: number;
  /** An access token of that user (`auth.token` of the handshake). */
  token: string;
}

export type Command =
  | { type: 'connect'; url: string; users: SocketUser[] }
  | {
      /**
       * Sends GraphQL `publishInnovation` as the agency admin and waits until every socket received
       * the `notification:new` whose link is `link`, or `timeoutMs` after the send.
       */
      type: 'publish';
      url: string;
      token: string;
      innovationId: number;
      version: number;
      link: string;
      timeoutMs: number;
    }
  /** The deliveries of the last publish as they stand now (late ones and duplicates included). */
  | { type: 'tally' }
  | { type: 'close' };

export interface Connected {
  type: 'connected';
  sockets: number;
  /** Seconds to open every socket (each authenticated and in its user's room). */
  seconds: number;
}

export interface Published {
  type: 'published';
  /** When the mutation's request left (epoch ms, see {@link epochMs}). */
  sentAtMs: number;
  /** From the send to the mutation's answer. */
  answerMs: number;
  /** From the send to the first socket's receipt; null when none received it. */
  firstMs: number | null;
  /** From the send to the median socket's receipt; null when fewer than half received it. */
  medianMs: number | null;
  /** From the send to the last socket's receipt; null when not every socket received it in time. */
  lastMs: number | null;
  sockets: number;
  received: number;
  /** The first message received, as received. */
  sample?: NotificationMessage;
}

export interface Tally {
  type: 'tally';
  sockets: number;
  received: number;
  /** Receipts beyond the first per socket. */
  duplicates: number;
  /** Sockets that dropped since they connected. */
  disconnects: number;
}

export type Reply = Connected | Published | Tally | { type: 'closed' };

/** Sockets the load process opens at once: a burst of 1,000 handshakes would only measure the backlog. */
export const CONNECT_CONCURRENCY = 50;
