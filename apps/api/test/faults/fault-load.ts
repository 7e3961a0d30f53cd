/**
 * A light GraphQL load for the fault tests: a few loops, each sending one request at a time (a mix
 * of reads and writes) and recording how it ended. Nothing is retried except a connection that was
 * refused before anything was sent, which goes to the next api as a load balancer would.
 */

/** How a request ended. Only `ok` and `unavailable` (a clean SERVICE_UNAVAILABLE) are acceptable during a fault. */
export type Outcome =
  /** data, no errors */
  | 'ok'
  /** SERVICE_UNAVAILABLE with a generic message: the clean answer while a service is down */
  | 'unavailable'
  /** another stable code of ours (e.g. RATE_LIMITED, CONFLICT): a rule refused it, not the fault */
  | 'refused-by-rule'
  /** INTERNAL: the api did not know what went wrong */
  | 'internal'
  /** the answer showed SQL, a driver error, a stack trace or a source path */
  | 'leak'
  /** not a GraphQL JSON answer (an HTTP error page, a 502, an empty body) */
  | 'bad-http'
  /** the connection was refused on every api (none listening) */
  | 'refused'
  /** the connection broke while the request was in flight */
  | 'reset'
  /** no answer within the request timeout: a hanging request */
  | 'timeout';

export const OUTCOMES: readonly Outcome[] = [
  'ok',
  'unavailable',
  'refused-by-rule',
  'internal',
  'leak',
  'bad-http',
  'refused',
  'reset',
  'timeout',
];

export type RequestKind = 'read' | 'write';

export interface LoadOperation {
  name: string;
  kind: RequestKind;
  /** How often it is picked, relative to the others. */
  weight: number;
  /** The GraphQL document and variables of one request, and its bearer token if any. */
  build(sequence: number): { query: string; variables: object; token?: string; key?: string };
}

export interface RequestRecord {
  operation: string;
  kind: RequestKind;
  /** The api that answered (or the last one tried). */
  target: string;
  startedAt: number;
  endedAt: number;
  outcome: Outcome;
  code?: string;
  /** The operation's own key (a post's body), to find what a write left in the database. */
  key?: string;
  detail?: string;
}

export interface LoadOptions {
  targets: () => string[];
  operations: LoadOperation[];
  concurrency: number;
  /** A pause between two requests of one loop (the "light" of a light load). */
  pauseMs: number;
  requestTimeoutMs: number;
}

/** The stable codes of a refusal by the platform's rules (libs/core/src/errors/error-code.ts). */
const RULE_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_TRANSITION',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
]);

/** SQL, driver error names, stack frames and source paths: nothing of the server's insides. */
const LEAK_PATTERNS = [
  /\b(SELECT|INSERT INTO|UPDATE `?\w+`? SET|DELETE FROM)\b/,
  /\b(ER_[A-Z_]{3,}|ECONN[A-Z]+|PROTOCOL_[A-Z_]+|ETIMEDOUT|EPIPE|ENOTFOUND)\b/,
  /\n\s+at /,
  /\bat [\w.<>]+ \(/,
  /\.(ts|js|mjs):\d+/,
  /stacktrace/i,
];

export function leaksInsides(text: string): boolean {
  return LEAK_PATTERNS.some((pattern) => pattern.test(text));
}

interface GraphqlAnswer {
  data?: unknown;
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

/** Whether any root field of the answer holds data (a partial answer keeps its 200). */
function hasData(body: GraphqlAnswer): boolean {
  return (
    typeof body.data === 'object' &&
    body.data !== null &&
    Object.values(body.data).some((value) => value !== null)
  );
}

/** How one answered request ended. */
export function classifyAnswer(status: number, text: string): { outcome: Outcome; code?: string } {
  let body: GraphqlAnswer;
  try {
    body = JSON.parse(text) as GraphqlAnswer;
  } catch {
    return { outcome: status === 503 ? 'unavailable' : 'bad-http', code: `HTTP ${status}` };
  }
  if (leaksInsides(text)) return { outcome: 'leak', code: body.errors?.[0]?.extensions?.code };
  // an api that is closing answers what reaches it on a kept-alive connection with a plain 503
  if (status === 503 && !body.errors?.length) return { outcome: 'unavailable', code: `HTTP ${status}` };
  if (!body.errors?.length)
    return body.data ? { outcome: 'ok' } : { outcome: 'bad-http', code: `HTTP ${status}` };
  const code = body.errors[0]?.extensions?.code;
  // an operation that failed only for that reason says so in its HTTP status too (503, Retry-After)
  if (code === 'SERVICE_UNAVAILABLE')
    return status === 503 || hasData(body) ? { outcome: 'unavailable', code } : { outcome: 'bad-http', code };
  if (code !== undefined && RULE_CODES.has(code)) return { outcome: 'refused-by-rule', code };
  // INTERNAL, or a code that is not ours (e.g. Apollo's INTERNAL_SERVER_ERROR: our masking failed)
  return { outcome: 'internal', code };
}

function failureOf(error: unknown): Outcome {
  const e = error as { name?: string; cause?: { code?: string; name?: string } };
  if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError') return 'timeout';
  if (e.cause?.code === 'ECONNREFUSED') return 'refused';
  return 'reset';
}

/** Loops sending requests until `stop()`; every request's outcome is kept in `records`. */
export class GraphqlLoad {
  readonly records: RequestRecord[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private sequence = 0;
  private nextTarget = 0;
  private readonly totalWeight: number;

  constructor(private readonly options: LoadOptions) {
    this.totalWeight = options.operations.reduce((sum, op) => sum + op.weight, 0);
  }

  start(): this {
    this.running = true;
    this.loops = Array.from({ length: this.options.concurrency }, () => this.loop());
    return this;
  }

  /** Stops the loops and waits for the requests in flight. */
  async stop(): Promise<RequestRecord[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.records;
  }

  /** Requests of a kind or operation that started within [from, to). */
  between(from: number, to: number, filter: (r: RequestRecord) => boolean = () => true): RequestRecord[] {
    return this.records.filter((r) => r.startedAt >= from && r.startedAt < to && filter(r));
  }

  private pick(): LoadOperation {
    let roll = Math.random() * this.totalWeight;
    for (const op of this.options.operations) {
      roll -= op.weight;
      if (roll < 0) return op;
    }
    return this.options.operations[this.options.operations.length - 1]!;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const op = this.pick();
      this.records.push(await this.send(op, op.build(this.sequence++)));
      if (this.options.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs));
    }
  }

  private async send(op: LoadOperation, request: ReturnType<LoadOperation['build']>): Promise<RequestRecord> {
    const targets = this.options.targets();
    const first = this.nextTarget++ % Math.max(targets.length, 1);
    const startedAt = Date.now();
    const base = { operation: op.name, kind: op.kind, startedAt, key: request.key };
    let last: Outcome = 'refused';
    let target = targets[first] ?? '';
    let detail: string | undefined;
    // a refused connection sent nothing: the next api may take it, as a load balancer would
    for (let n = 0; n < targets.length; n++) {
      target = targets[(first + n) % targets.length]!;
      try {
        const response = await fetch(`${target}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
          },
          body: JSON.stringify({ query: request.query, variables: request.variables }),
          signal: AbortSignal.timeout(this.options.requestTimeoutMs),
        });
        const text = await response.text();
        const { outcome, code } = classifyAnswer(response.status, text);
        return {
          ...base,
          target,
          endedAt: Date.now(),
          outcome,
          code,
          detail: outcome === 'ok' ? undefined : text.slice(0, 300),
        };
      } catch (error) {
        last = failureOf(error);
        detail = String((error as { cause?: unknown }).cause ?? error).slice(0, 300);
        if (last !== 'refused') break;
      }
    }
    return { ...base, target, endedAt: Date.now(), outcome: last, detail };
  }
}
