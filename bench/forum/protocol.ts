/**
 * What the forum benchmark (`bench.ts`) and its load process (`clients.ts`) say to each other over
 * the IPC channel of `child_process.fork`: one command at a time, one reply each.
 */

/** How a post is made on one side; each post is one HTTP request, as a client would send it. */
export type PostTarget =
  | {
      /** The api: GraphQL `createPost` with the poster's access token. */
      kind: 'api';
      url: string;
      token: string;
      threadId: number;
    }
  | {
      /** The raw server: `POST /threads/:id/posts` with the message to broadcast as the body. */
      kind: 'raw';
      url: string;
      threadId: number;
      /** A `post:created` message captured from the api; each post changes its id and marker only. */
      template: PostMessage;
    };

/** The `post:created` payload as sockets receive it (`libs/forum/src/realtime/forum-events.ts`). */
export interface PostMessage {
  id: number;
  threadId: number;
  authorUserId: number;
  authorName: string;
  bodyHtml: string | null;
  replyToPostId: number | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: boolean;
  hiddenReason: string | null;
}

export type Command =
  | {
      type: 'connect';
      url: string;
      sockets: number;
      /** Handshake `auth.token` (the raw server ignores it). */
      token: string;
      threadId: number;
    }
  | {
      type: 'measure';
      target: PostTarget;
      /** Posts per second, sent on a fixed schedule whatever the answers take (open loop). */
      rate: number;
      posts: number;
      /** How long to wait for the last deliveries after the last post answered. */
      drainMs: number;
    }
  | { type: 'close' };

/** What the server's handshakes advertised: both sides must run with the same options. */
export interface Handshake {
  pingInterval: number;
  pingTimeout: number;
  maxPayload: number;
  /** Whether the server gave the socket a session id, i.e. runs connection state recovery. */
  recovery: boolean;
}

export interface Connected {
  type: 'connected';
  sockets: number;
  /** Seconds to open every socket and have every join acknowledged. */
  seconds: number;
  handshake: Handshake;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface Measured {
  type: 'measured';
  sockets: number;
  posts: number;
  /** Posts whose request failed or answered something else than a created post. */
  failedPosts: number;
  /** The first failure, to show. */
  failure?: string;
  /** posts × sockets. */
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  /** Sockets that disconnected while measuring. */
  disconnects: number;
  /** From the first post sent to the last delivery received. */
  seconds: number;
  deliveriesPerSecond: number;
  /** Per delivery: from the post request's send to the socket's receipt, in ms (one process clock). */
  latencyMs: Percentiles;
  /** Per post: from the request's send to its answer, in ms. */
  postMs: Percentiles;
  /** How late the post requests left against their schedule (the load process's own lag), in ms. */
  sendLagMs: Percentiles;
  /** The first message received, as received. */
  sample?: PostMessage;
}

export type Reply = Connected | Measured | { type: 'closed' } | { type: 'error'; message: string };

/**
 * Sockets the load process opens at once while connecting: a burst of 1,000 handshakes would only
 * measure the backlog. Also how many sockets prime a server, so that what a burst of connections
 * makes once (the api's database pool grown to its size, each connection with its statement cache;
 * compiled code) exists before the memory is read.
 */
export const CONNECT_CONCURRENCY = 50;

/** The marker that tells which post a delivery belongs to: fixed width, so every payload has the same size. */
export const MARKER_PREFIX = 'bench-post-';
export const MARKER_DIGITS = 7;

export const markerOf = (seq: number): string => MARKER_PREFIX + String(seq).padStart(MARKER_DIGITS, '0');

/** The post's sequence number from a body that holds its marker, or -1. */
export function seqOf(text: string | null): number {
  if (!text) return -1;
  const at = text.indexOf(MARKER_PREFIX);
  if (at < 0) return -1;
  const seq = Number(text.slice(at + MARKER_PREFIX.length, at + MARKER_PREFIX.length + MARKER_DIGITS));
  return Number.isInteger(seq) ? seq : -1;
}

/**
 * A post of a realistic length in Markdown (about 330 characters: a typical forum reply), with its
 * marker first so it survives rendering as is.
 */
export const postBody = (seq: number): string =>
  `${markerOf(seq)} Kami di Banyuwangi sudah mencoba pola ini selama tiga bulan. Hasilnya, waktu tunggu ` +
  `layanan turun dari 14 hari menjadi 3 hari, dan keluhan warga berkurang. Kendala utama ada di ` +
  `sinyal internet desa: kami tambahkan formulir kertas sebagai cadangan. Silakan hubungi kami bila ` +
  `ingin melihat SOP-nya.`;
