import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIST, smokeRun } from './environment';
import { log } from './log';
import { cpuSecondsIfRunning, localDatabasePid } from './proc';
import { median } from './stats';

/** One HTTP request, sent over and over. */
export interface Target {
  /** Shown in logs, e.g. `api` or `raw`. */
  label: string;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /**
   * Every response body must start with this (e.g. `{"data":`: a GraphQL error comes with status
   * 200 but starts with `{"errors":`); a response that does not fails the run.
   */
  expectBodyPrefix?: string;
  /** The server's process, when it runs on this machine: its CPU time per answer is measured. */
  pid?: number;
}

export interface LoadSpec {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  expectBodyPrefix?: string;
  connections: number;
  duration: number;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  /** 2xx responses: the only ones counted in the rate and the latencies. */
  ok: number;
  non2xx: number;
  /** Responses whose body did not start with `expectBodyPrefix`. */
  mismatches: number;
  errors: number;
  timeouts: number;
  /** The first few bodies that did not start with `expectBodyPrefix` (cut to 400 characters). */
  unexpectedBodies: string[];
  requestsPerSecond: number;
  bytesPerResponse: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** CPU ms per 2xx answer (user + system), added by `runLoad`. */
  cpuMsPerAnswer?: CpuFigures;
}

/**
 * A CPU figure of the server's process (when the target names it) and of the local MariaDB/MySQL
 * server (when one runs on this machine); either is left out when it could not be read.
 */
export interface CpuFigures {
  server?: number;
  database?: number;
}

const CPU_SOURCES = ['server', 'database'] as const;

const WORKER = join(BENCH_DIST, 'lib', 'load-worker.js');

/** CPU seconds the server's process and the local database server have used, read before and after a run. */
function cpuReading(serverPid: number | undefined, databasePid: number | undefined): CpuFigures {
  return {
    server: cpuSecondsIfRunning(serverPid),
    database: cpuSecondsIfRunning(databasePid),
  };
}

function perAnswer(
  before: number | undefined,
  after: number | undefined,
  answers: number,
): number | undefined {
  return before === undefined || after === undefined || answers === 0
    ? undefined
    : ((after - before) * 1000) / answers;
}

/**
 * How often a smoke run's load is tried again, each time four times longer, when it got no answer at
 * all: `npm test` runs the smokes beside its other files, and on a busy two-core machine a server may
 * not answer within a one-second run. A bad answer still fails at once; a real run never retries.
 */
const SMOKE_RETRIES = 2;

/** Runs the load generator against one target, measuring the CPU the answers cost. */
export async function runLoad(target: Target, connections: number, duration: number): Promise<LoadResult> {
  const databasePid = localDatabasePid();
  let seconds = duration;
  let result = await measuredLoad(target, connections, seconds, databasePid);
  for (let retry = 1; retry <= SMOKE_RETRIES && smokeRun() && unanswered(result); retry++) {
    log(`${target.label}: no answer within ${seconds} s on this busy machine; smoke run tried again, longer`);
    seconds *= 4;
    result = await measuredLoad(target, connections, seconds, databasePid);
  }
  return verdict(target, result);
}

/** One run of the load generator, with the CPU its answers cost the server and the database. */
async function measuredLoad(
  target: Target,
  connections: number,
  duration: number,
  databasePid: number | undefined,
): Promise<LoadResult> {
  const before = cpuReading(target.pid, databasePid);
  const result = await runLoadGenerator(target, connections, duration);
  const after = cpuReading(target.pid, databasePid);
  result.cpuMsPerAnswer = Object.fromEntries(
    CPU_SOURCES.map((source) => [source, perAnswer(before[source], after[source], result.ok)]),
  ) as CpuFigures;
  return result;
}

const badAnswers = (r: LoadResult): number => r.non2xx + r.mismatches + r.errors + r.timeouts;

/** Nothing came back, neither good nor bad: the run ended before the server answered. */
const unanswered = (r: LoadResult): boolean => r.ok === 0 && badAnswers(r) === 0;

/**
 * The run's result, or an error when the target answered badly. A smoke proves the harness, beside
 * npm test's other files: there a few bad answers (at most one in twenty) are logged rather than
 * fatal; a real run refuses any.
 */
function verdict(target: Target, result: LoadResult): LoadResult {
  const bad = badAnswers(result);
  const tolerated = smokeRun() && result.ok > 0 && bad * 20 <= result.ok;
  for (const body of result.unexpectedBodies) log(`${target.label}: unexpected body ${body}`);
  if (bad && tolerated) {
    log(
      `${target.label}: ${bad} bad answer(s) beside ${result.ok} ok (${result.non2xx} non-2xx, ${result.mismatches} unexpected bodies, ${result.errors} errors, ${result.timeouts} timeouts), tolerated in a smoke run`,
    );
  }
  if (result.ok === 0 || (bad && !tolerated)) {
    throw new Error(
      `${target.label} answered badly under load in ${result.seconds} s: ${result.ok} ok, ${result.non2xx} non-2xx, ${result.mismatches} unexpected bodies, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return result;
}

/** Runs the load generator in its own process against one target; rejects only when it fails to run. */
function runLoadGenerator(target: Target, connections: number, duration: number): Promise<LoadResult> {
  const spec: LoadSpec = {
    url: target.url,
    method: target.method,
    headers: target.headers,
    body: target.body,
    expectBodyPrefix: target.expectBodyPrefix,
    connections,
    duration,
  };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [WORKER, JSON.stringify(spec)],
      { maxBuffer: 1024 * 1024, timeout: (duration + 60) * 1000 },
      (error, stdout, stderr) => {
        if (error)
          return reject(new Error(`load generator failed on ${target.label}: ${stderr || error.message}`));
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadResult);
      },
    );
  });
}

export interface Round {
  /** Which side ran first in this round. */
  order: string;
  a: LoadResult;
  b: LoadResult;
  /** a / b. */
  throughputRatio: number;
  /** a / b. */
  p99Ratio: number;
  /** The machine's 1-minute load average when the round began: other work skews a round. */
  loadAverage: number;
}

/** One side of a comparison: medians over the rounds. */
export interface ComparedSide {
  label: string;
  requestsPerSecond: number;
  p99Ms: number;
  /** CPU ms per answer, medians over the rounds that measured it. */
  cpuMs: CpuFigures;
}

export interface Comparison {
  connections: number;
  duration: number;
  rounds: Round[];
  a: ComparedSide;
  b: ComparedSide;
  /** Median of the per-round ratios a / b. */
  throughputRatio: number;
  p99Ratio: number;
  /** Median of the per-round ratios of CPU per answer, a / b (over the rounds that measured both). */
  cpuRatio: CpuFigures;
}

export interface CompareOptions {
  connections: number;
  /** Seconds per measured run. */
  duration: number;
  rounds: number;
  /** Seconds of unmeasured load on each side first (0: none). */
  warmup: number;
}

const fmt = (r: LoadResult): string => {
  const cpu = r.cpuMsPerAnswer?.server;
  return `${r.requestsPerSecond.toFixed(0)} req/s, p99 ${r.latencyMs.p99.toFixed(2)} ms${cpu === undefined ? '' : `, cpu ${cpu.toFixed(3)} ms/req`}`;
};

/** The median of the values measured (undefined when no round measured it). */
function medianOf(values: Array<number | undefined>): number | undefined {
  const measured = values.filter((v): v is number => v !== undefined);
  return measured.length ? median(measured) : undefined;
}

function comparedSide(label: string, results: LoadResult[]): ComparedSide {
  return {
    label,
    requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
    p99Ms: median(results.map((r) => r.latencyMs.p99)),
    cpuMs: Object.fromEntries(
      CPU_SOURCES.map((source) => [source, medianOf(results.map((r) => r.cpuMsPerAnswer?.[source]))]),
    ) as CpuFigures,
  };
}

/**
 * Measures `a` against its baseline `b` in the same conditions: after a warm-up of both, `rounds`
 * rounds that each run both sides once, alternating which goes first (AB, BA, AB, ...) so a drift
 * of the machine weighs on both. The figures are medians over the rounds; the ratio is the median
 * of the per-round ratios.
 */
export async function compare(a: Target, b: Target, options: CompareOptions): Promise<Comparison> {
  const { connections, duration, rounds: count, warmup } = options;
  if (warmup > 0) {
    log(`warm-up: ${warmup} s on each of ${a.label} and ${b.label} (${connections} connections)`);
    await runLoad(a, connections, warmup);
    await runLoad(b, connections, warmup);
  }
  const rounds: Round[] = [];
  for (let i = 0; i < count; i++) {
    const aFirst = i % 2 === 0;
    const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
    const results = new Map<Target, LoadResult>();
    for (const target of aFirst ? [a, b] : [b, a]) {
      results.set(target, await runLoad(target, connections, duration));
    }
    const ra = results.get(a)!;
    const rb = results.get(b)!;
    const round: Round = {
      order: aFirst ? `${a.label},${b.label}` : `${b.label},${a.label}`,
      a: ra,
      b: rb,
      throughputRatio: ra.requestsPerSecond / rb.requestsPerSecond,
      p99Ratio: ra.latencyMs.p99 / rb.latencyMs.p99,
      loadAverage,
    };
    rounds.push(round);
    log(
      `round ${i + 1}/${count}, ${connections} conn: ${a.label} ${fmt(ra)} | ${b.label} ${fmt(rb)} | ratio ${round.throughputRatio.toFixed(2)} (load ${loadAverage})`,
    );
  }
  return {
    connections,
    duration,
    rounds,
    a: comparedSide(
      a.label,
      rounds.map((r) => r.a),
    ),
    b: comparedSide(
      b.label,
      rounds.map((r) => r.b),
    ),
    throughputRatio: median(rounds.map((r) => r.throughputRatio)),
    p99Ratio: median(rounds.map((r) => r.p99Ratio)),
    cpuRatio: Object.fromEntries(
      CPU_SOURCES.map((source) => [
        source,
        medianOf(
          rounds.map((r) => {
            const [x, y] = [r.a.cpuMsPerAnswer?.[source], r.b.cpuMsPerAnswer?.[source]];
            return x === undefined || !y ? undefined : x / y;
          }),
        ),
      ]),
    ) as CpuFigures,
  };
}
