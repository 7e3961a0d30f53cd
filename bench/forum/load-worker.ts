/**
 * The forum benchmark's load process, forked by `load.ts` so it never shares an event loop with a
 * server it measures: holds the socket.io-client sockets (websocket transport, one connection each)
 * and makes the posts, one HTTP request each on a fixed schedule, then matches every delivery to its
 * post by the marker in its body. Every time is taken on this process's clock: a latency runs from
 * the post request's send to the socket's receipt.
 *
 * Commands and replies: `protocol.ts`, one at a time over the IPC channel.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { percentile } from '../lib/stats';
import {
  type Command,
  CONNECT_CONCURRENCY,
  type Connected,
  type Handshake,
  markerOf,
  MARKER_PREFIX,
  type Measured,
  type Percentiles,
  type PostMessage,
  type PostTarget,
  postBody,
  type Reply,
  seqOf,
} from './protocol';

const TIMEOUT_MS = 30_000;
const CREATE_POST = 'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }';

interface Measurement {
  firstSeq: number;
  posts: number;
  sockets: number;
  /** Send time of each post (NaN until sent). */
  sentAt: Float64Array;
  /** Deliveries per socket and post: index socket × posts + post. */
  counts: Uint8Array;
  latencies: number[];
  delivered: number;
  duplicates: number;
  lastReceivedAt: number;
  sample?: PostMessage;
}

let sockets: Socket[] = [];
let measuring: Measurement | undefined;
let disconnects = 0;
let closing = false;
let nextSeq = 1;
const agent = new Agent({ keepAlive: true, maxSockets: 32 });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

function receive(index: number, message: PostMessage): void {
  const now = performance.now();
  const m = measuring;
  if (!m) return;
  const post = seqOf(message.bodyHtml) - m.firstSeq;
  if (post < 0 || post >= m.posts) return; // a late delivery of an earlier measurement
  const slot = index * m.posts + post;
  if (m.counts[slot]! > 0) {
    m.duplicates++;
    return;
  }
  m.counts[slot] = 1;
  m.delivered++;
  m.latencies.push(now - m.sentAt[post]!);
  m.lastReceivedAt = now;
  m.sample ??= message;
}

/** The engine.io handshake as the client stored it (engine.io-client keeps it in private fields). */
function handshakeOf(socket: Socket): Handshake {
  const engine = socket.io.engine as unknown as {
    _pingInterval: number;
    _pingTimeout: number;
    _maxPayload: number;
  };
  return {
    pingInterval: engine._pingInterval,
    pingTimeout: engine._pingTimeout,
    maxPayload: engine._maxPayload,
    // socket.io-client keeps the session id of connection state recovery here; absent without it
    recovery: Boolean((socket as unknown as { _pid?: string })._pid),
  };
}

/** What engine.io-client knows beyond the message: the refusal's data, the transport's own error. */
function detailOf(error: Error): string {
  const { data, description } = error as Error & { data?: unknown; description?: unknown };
  const cause =
    description instanceof Error ||
    (typeof description === 'object' && description && 'message' in description)
      ? (description as { message: unknown }).message
      : description;
  return [data && ` ${JSON.stringify(data)}`, cause !== undefined && ` (${String(cause)})`]
    .filter(Boolean)
    .join('');
}

function open(index: number, url: string, token: string, threadId: number): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true, // one connection per socket, as 1,000 browsers would have: no multiplexing
    reconnection: false, // a dropped socket is counted, not quietly replaced
    auth: { token },
    timeout: TIMEOUT_MS,
  });
  socket.on('post:created', (message: PostMessage) => receive(index, message));
  socket.on('disconnect', () => {
    if (!closing) disconnects++;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`socket ${index} could not connect: ${error.message}${detailOf(error)}`));
    });
    socket.once('connect', () => {
      socket
        .timeout(TIMEOUT_MS)
        .emitWithAck('thread:join', threadId)
        .then(
          (ack: { ok: boolean; code?: string; message?: string }) => {
            if (ack.ok) resolve(socket);
            else reject(new Error(`socket ${index}: thread:join refused: ${ack.code} ${ack.message}`));
          },
          (error: unknown) => reject(new Error(`socket ${index}: thread:join unanswered: ${String(error)}`)),
        );
    });
  });
}

async function connect(command: Extract<Command, { type: 'connect' }>): Promise<Connected> {
  const started = performance.now();
  closing = false;
  disconnects = 0;
  const opened: Socket[] = [];
  let next = 0;
  const opener = async (): Promise<void> => {
    while (next < command.sockets) {
      const index = next++;
      opened[index] = await open(index, command.url, command.token, command.threadId);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, command.sockets) }, opener));
  } catch (error) {
    closing = true;
    for (const socket of opened) socket?.close();
    throw error;
  }
  sockets = opened;
  const handshakes = sockets.map(handshakeOf);
  const differing = handshakes.find((h) => JSON.stringify(h) !== JSON.stringify(handshakes[0]));
  if (differing) throw new Error('the sockets got different handshakes from the same server');
  return {
    type: 'connected',
    sockets: sockets.length,
    seconds: (performance.now() - started) / 1000,
    handshake: handshakes[0]!,
  };
}

/** The request of one post: GraphQL `createPost` on the api, the message itself on the raw server. */
function postRequest(
  target: PostTarget,
  seq: number,
): { path: string; headers: Record<string, string>; body: string; expect: string } {
  if (target.kind === 'api') {
    return {
      path: '/graphql',
      headers: { authorization: `Bearer ${target.token}` },
      body: JSON.stringify({
        query: CREATE_POST,
        variables: { input: { threadId: target.threadId, body: postBody(seq) } },
      }),
      expect: '{"data":{"createPost":{"id":',
    };
  }
  const html = target.template.bodyHtml ?? '';
  const at = html.indexOf(MARKER_PREFIX);
  if (at < 0) throw new Error('the captured message holds no post marker');
  const marker = markerOf(seq);
  const message: PostMessage = {
    ...target.template,
    id: target.template.id + seq,
    bodyHtml: html.slice(0, at) + marker + html.slice(at + marker.length),
    createdAt: new Date().toISOString(),
  };
  return {
    path: `/threads/${target.threadId}/posts`,
    headers: {},
    body: JSON.stringify(message),
    expect: '{"ok":true}',
  };
}

/** Sends one post; resolves with its answer time in ms, or rejects with what went wrong. */
function send(url: URL, post: ReturnType<typeof postRequest>, onSent: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let sentAt = 0;
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: post.path,
        headers: {
          ...post.headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(post.body),
        },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const ms = performance.now() - sentAt;
          if (res.statusCode === 200 && text.startsWith(post.expect)) resolve(ms);
          else reject(new Error(`${res.statusCode}: ${text.slice(0, 300)}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', reject);
    onSent();
    sentAt = performance.now();
    req.end(post.body);
  });
}

async function measure(command: Extract<Command, { type: 'measure' }>): Promise<Measured> {
  if (sockets.length === 0) throw new Error('no sockets: connect first');
  const { posts, rate, target } = command;
  const firstSeq = nextSeq;
  nextSeq += posts;
  const m: Measurement = {
    firstSeq,
    posts,
    sockets: sockets.length,
    sentAt: new Float64Array(posts).fill(Number.NaN),
    counts: new Uint8Array(sockets.length * posts),
    latencies: [],
    delivered: 0,
    duplicates: 0,
    lastReceivedAt: 0,
  };
  const disconnectsBefore = disconnects;
  const url = new URL(target.url);
  // built before the clock starts: the schedule pays for sending only
  const requests = Array.from({ length: posts }, (_, i) => postRequest(target, firstSeq + i));
  measuring = m;

  const postTimes: number[] = [];
  const lags: number[] = [];
  let failedPosts = 0;
  let failure: string | undefined;
  const answers: Array<Promise<void>> = [];
  const start = performance.now() + 5;
  for (let i = 0; i < posts; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    answers.push(
      send(url, requests[i]!, () => {
        m.sentAt[i] = performance.now();
        lags.push(m.sentAt[i]! - due);
      }).then(
        (ms) => void postTimes.push(ms),
        (error: unknown) => {
          failedPosts++;
          failure ??= error instanceof Error ? error.message : String(error);
        },
      ),
    );
  }
  await Promise.all(answers);

  const expected = posts * m.sockets;
  const deadline = performance.now() + command.drainMs;
  while (m.delivered < expected && performance.now() < deadline) await sleep(10);
  measuring = undefined;

  const firstSentAt = m.sentAt[0]!;
  const seconds = m.delivered ? (m.lastReceivedAt - firstSentAt) / 1000 : 0;
  return {
    type: 'measured',
    sockets: m.sockets,
    posts,
    failedPosts,
    failure,
    expected,
    delivered: m.delivered,
    lost: expected - m.delivered,
    duplicates: m.duplicates,
    disconnects: disconnects - disconnectsBefore,
    seconds,
    deliveriesPerSecond: seconds > 0 ? m.delivered / seconds : 0,
    latencyMs: percentiles(m.latencies),
    postMs: percentiles(postTimes),
    sendLagMs: percentiles(lags),
    sample: m.sample,
  };
}

async function close(): Promise<void> {
  closing = true;
  for (const socket of sockets) socket.disconnect();
  sockets = [];
  await sleep(100); // let the close frames leave
}

async function handle(command: Command): Promise<Reply> {
  switch (command.type) {
    case 'connect':
      return connect(command);
    case 'measure':
      return measure(command);
    case 'close':
      await close();
      return { type: 'closed' };
  }
}

process.on('message', (command: Command) => {
  handle(command).then(
    (reply) => process.send!(reply),
    (error: unknown) =>
      process.send!({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
      } satisfies Reply),
  );
});
// the benchmark went away (ended or killed): so does its load
process.on('disconnect', () => process.exit(0));
