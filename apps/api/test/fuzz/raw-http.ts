import { connect } from 'node:net';
import type { Answer } from './answer-checker';

/** An HTTP/1.1 request as bytes go on the wire: nothing checked, nothing added but Host and Connection. */
export interface RawRequest {
  /** What the request is, for the report. */
  label: string;
  method: string;
  /** Path and query string, sent as they are (latin1: bytes past 0x7f go out unencoded). */
  target: string;
  headers: Array<[string, string]>;
  body?: Buffer;
  /** Content-Length is left out (the headers say how the body ends, or they lie on purpose). */
  omitContentLength?: boolean;
  /** The request is cut short on purpose: a closed connection without an answer is fine. */
  mayGoUnanswered?: boolean;
}

/** How long an answer may take before the fuzzer calls it a hang. */
const ANSWER_TIMEOUT_MS = 20_000;

/** The request as bytes: header values in latin1, so any byte can be sent. */
export function requestBytes(request: RawRequest, host: string): Buffer {
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${host}`, 'Connection: close'];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  const body = request.body ?? Buffer.alloc(0);
  if (!request.omitContentLength && (body.length > 0 || !['GET', 'HEAD'].includes(request.method))) {
    lines.push(`Content-Length: ${body.length}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

/** Sends a raw request to `baseUrl` over a new connection and reads the whole answer. */
export function sendRaw(baseUrl: string, request: RawRequest): Promise<Answer & { elapsedMs: number }> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const finish = (answered: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = answered ? parseAnswer(Buffer.concat(chunks)) : null;
      resolve({ ...(parsed ?? { status: null, body: '' }), elapsedMs: performance.now() - started });
    };
    const timer = setTimeout(() => finish(false), ANSWER_TIMEOUT_MS);
    socket.on('connect', () => {
      // the server may answer (413, 431) and close before the whole body is written. Only a request
      // cut short on purpose half-closes the connection: Node's server drops the answers of others
      // whose client went away.
      socket.write(requestBytes(request, url.host), () => {
        if (request.mayGoUnanswered) socket.end();
      });
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(chunks.length > 0));
  });
}

/** Status and body of an HTTP/1.1 answer (de-chunked, past any 1xx); null when no status line came. */
export function parseAnswer(raw: Buffer): Answer | null {
  let rest = raw;
  for (;;) {
    const headerEnd = rest.indexOf('\r\n\r\n');
    if (headerEnd < 0) return null;
    const head = rest.subarray(0, headerEnd).toString('latin1').split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '');
    if (!status) return null;
    let body = rest.subarray(headerEnd + 4);
    // an interim answer (100 Continue) comes before the real one
    if (status[1]!.startsWith('1')) {
      rest = body;
      continue;
    }
    if (head.some((line) => /^transfer-encoding:\s*chunked/i.test(line))) body = dechunk(body);
    return { status: Number(status[1]), body: body.toString('utf8') };
  }
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
