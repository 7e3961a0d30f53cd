/**
 * The notifications benchmark's load process, forked by `load.ts` so it never shares an event loop
 * with the benchmark or a server: holds one socket.io-client socket per watcher (websocket transport,
 * one connection each, as a browser would) and publishes the innovations, one GraphQL request each,
 * then times each socket's `notification:new` from the request's send, on this process's clock.
 *
 * Commands and replies: `protocol.ts`, one at a time over the IPC channel.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ErrorReply } from '../lib/command-process';
import { percentile } from '../lib/stats';
import {
  type Command,
  CONNECT_CONCURRENCY,
  type Connected,
  epochMs,
  type NotificationMessage,
  type Published,
  type Reply,
  type SocketUser,
  type Tally,
} from './protocol';

const TIMEOUT_MS = 30_000;
const PUBLISH =
  'mutation ($id: Int!, $version: Int!) { publishInnovation(id: $id, version: $version) { id status } }';

/** One publish: which message it makes, and when each socket first got it. */
interface Tracking {
  link: string;
  sentAt: number;
  /** performance.now() of each socket's first receipt; NaN until then. */
  receivedAt: Float64Array;
  received: number;
  duplicates: number;
  sample?: NotificationMessage;
  /** Called when the last socket received it. */
  complete?: () => void;
}

let sockets: Socket[] = [];
let tracking: Tracking | undefined;
let disconnects = 0;
let closing = false;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function receive(index: number, message: NotificationMessage): void {
  const now = performance.now();
  const t = tracking;
  if (!t || message.link !== t.link) return; // another event's (none runs at the same time)
  if (!Number.isNaN(t.receivedAt[index]!)) {
    t.duplicates++;
    return;
  }
  t.receivedAt[index] = now;
  t.received++;
  t.sample ??= message;
  if (t.received === t.receivedAt.length) t.complete?.();
}

function open(index: number, url: string, user: SocketUser): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true, // one connection per socket: no multiplexing
    reconnection: false, // a dropped socket is counted, not quietly replaced
    auth: { token: user.token },
    timeout: TIMEOUT_MS,
  });
  socket.on('notification:new', (message: NotificationMessage) => receive(index, message));
  socket.on('disconnect', () => {
    if (!closing) disconnects++;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      socket.close();
      const data = error.data === undefined ? '' : ` ${JSON.stringify(error.data)}`;
      reject(new Error(`socket of user ${user.userId} could not connect: ${error.message}${data}`));
    });
    // the server joins the user's room in its connection middleware, before it accepts the socket
    socket.once('connect', () => resolve(socket));
  });
}

async function connect(command: Extract<Command, { type: 'connect' }>): Promise<Connected> {
  const started = performance.now();
  closing = false;
  disconnects = 0;
  const opened: Socket[] = [];
  let next = 0;
  const opener = async (): Promise<void> => {
    while (next < command.users.length) {
      const index = next++;
      opened[index] = await open(index, command.url, command.users[index]!);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, command.users.length) }, opener));
  } catch (error) {
    closing = true;
    for (const socket of opened) socket?.close();
    throw error;
  }
  sockets = opened;
  return { type: 'connected', sockets: sockets.length, seconds: (performance.now() - started) / 1000 };
}

/** Sends the mutation; `onSent` runs right before the request's bytes leave. Resolves with the answer's ms. */
function sendMutation(
  url: URL,
  token: string,
  variables: { id: number; version: number },
  onSent: () => void,
): Promise<number> {
  const body = JSON.stringify({ query: PUBLISH, variables });
  return new Promise((resolve, reject) => {
    let sentAt = 0;
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/graphql',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const ms = performance.now() - sentAt;
          if (res.statusCode === 200 && text.includes('"status":"PUBLISHED"') && !text.includes('"errors"'))
            resolve(ms);
          else reject(new Error(`publishInnovation answered ${res.statusCode}: ${text.slice(0, 300)}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('publishInnovation: no answer')));
    req.on('error', reject);
    onSent();
    sentAt = performance.now();
    req.end(body);
  });
}

async function publish(command: Extract<Command, { type: 'publish' }>): Promise<Published> {
  if (sockets.length === 0) throw new Error('publish before connect');
  const t: Tracking = {
    link: command.link,
    sentAt: Number.NaN,
    receivedAt: new Float64Array(sockets.length).fill(Number.NaN),
    received: 0,
    duplicates: 0,
  };
  const everyone = new Promise<void>((resolve) => (t.complete = resolve));
  tracking = t;
  let sentAtMs = 0;
  const answerMs = await sendMutation(
    new URL(command.url),
    command.token,
    { id: command.innovationId, version: command.version },
    () => {
      sentAtMs = epochMs();
      t.sentAt = performance.now();
    },
  );
  const left = t.sentAt + command.timeoutMs - performance.now();
  if (t.received < sockets.length && left > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([everyone, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
  }
  const latencies = [...t.receivedAt].filter((at) => !Number.isNaN(at)).map((at) => at - t.sentAt);
  latencies.sort((a, b) => a - b);
  const complete = latencies.length === sockets.length;
  return {
    type: 'published',
    sentAtMs,
    answerMs,
    firstMs: latencies[0] ?? null,
    medianMs: latencies.length * 2 >= sockets.length ? percentile(latencies, 50) : null,
    lastMs: complete ? latencies.at(-1)! : null,
    sockets: sockets.length,
    received: t.received,
    sample: t.sample,
  };
}

function tally(): Tally {
  const t = tracking;
  return {
    type: 'tally',
    sockets: sockets.length,
    received: t?.received ?? 0,
    duplicates: t?.duplicates ?? 0,
    disconnects,
  };
}

async function close(): Promise<void> {
  closing = true;
  tracking = undefined;
  for (const socket of sockets) socket.disconnect();
  sockets = [];
  await sleep(100); // let the close frames leave
}

async function handle(command: Command): Promise<Reply> {
  switch (command.type) {
    case 'connect':
      return connect(command);
    case 'publish':
      return publish(command);
    case 'tally':
      return tally();
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
      } satisfies ErrorReply),
  );
});
// the benchmark went away (ended or killed): so does its load
process.on('disconnect', () => process.exit(0));
