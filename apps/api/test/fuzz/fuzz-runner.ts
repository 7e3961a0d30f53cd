import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { answerProblems, errorCodesIn } from './answer-checker';
import { sendRaw, type RawRequest } from './raw-http';

/** One request that broke a rule, with what it broke and how to send it again. */
export interface FuzzFailure {
  /** 1-based position of the case in the run. */
  run: number;
  label: string;
  problems: string[];
  status: number | null;
  /** The start of the answer's body. */
  answer: string;
  request: RawRequest;
}

/**
 * The heap of this process (the api's and the fuzzer's), measured after emptying the caches bounded
 * by design (`FuzzOptions.emptyCaches`) and a full GC: what is left grows only if something leaks.
 */
export interface HeapFigures {
  /** heapUsed once the warm-up cases ran, in MB. */
  afterWarmUpMb: number;
  /** heapUsed halfway through, in MB. */
  halfwayMb: number;
  /** heapUsed at the end, in MB. */
  endMb: number;
  /** heapUsed at the end before the caches were emptied, in MB: what they held on top of `endMb`. */
  endWithCachesMb: number;
  /** Resident set size at the end, in MB. */
  rssEndMb: number;
  /** Whether a forced GC was available (else the figures include garbage). */
  forcedGc: boolean;
}

export interface FuzzReport {
  seed: number;
  runs: number;
  elapsedMs: number;
  /** Answers per HTTP status ('none' for a closed connection). */
  statuses: Record<string, number>;
  /** GraphQL answers per first error code ('data' when there was none). */
  outcomes: Record<string, number>;
  failures: FuzzFailure[];
  heap: HeapFigures;
  slowest: { label: string; ms: number };
}

export interface FuzzOptions {
  seed: number;
  runs: number;
  /** Cases before the first heap measure: pools, compiled code and lazy singletons settle first. */
  warmUpRuns: number;
  /** Empties the caches whose size is bounded by design (Apollo's parsed documents), before each measure. */
  emptyCaches?: () => void;
  /** Called every `every` cases, e.g. to put back what the fuzzed mutations took from the principals. */
  maintenance?: { every: number; run: () => Promise<void> };
  /** Where the failing requests are written in full (JSON, bodies in base64), if anywhere. */
  failuresFile?: string;
  log?: (line: string) => void;
}

/** A forced full GC when V8 allows one to be exposed, else nothing. */
function forcedGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

const megabytes = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Sends `runs` requests drawn from `requests` with a fixed seed and checks every answer. A failing
 * case does not stop the run: all of them are collected, so one run shows every distinct crash.
 */
export async function runFuzz(
  baseUrl: string,
  requests: fc.Arbitrary<RawRequest>,
  options: FuzzOptions,
): Promise<FuzzReport> {
  const gc = forcedGc();
  const heapNow = (): number => {
    options.emptyCaches?.();
    gc?.();
    return megabytes(process.memoryUsage().heapUsed);
  };
  const statuses: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  const heap: HeapFigures = {
    afterWarmUpMb: 0,
    halfwayMb: 0,
    endMb: 0,
    endWithCachesMb: 0,
    rssEndMb: 0,
    forcedGc: Boolean(gc),
  };
  let slowest = { label: '', ms: 0 };
  let run = 0;
  const started = performance.now();

  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      run++;
      if (options.maintenance && run % options.maintenance.every === 0) await options.maintenance.run();
      if (run === options.warmUpRuns) heap.afterWarmUpMb = heapNow();
      if (run === Math.floor(options.warmUpRuns + (options.runs - options.warmUpRuns) / 2))
        heap.halfwayMb = heapNow();
      const answer = await sendRaw(baseUrl, request);
      const key = answer.status === null ? 'none' : String(answer.status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      const outcome = graphqlOutcome(answer.body);
      if (outcome) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (answer.elapsedMs > slowest.ms) slowest = { label: request.label, ms: Math.round(answer.elapsedMs) };
      const problems = answerProblems(answer, { mayGoUnanswered: request.mayGoUnanswered });
      if (problems.length) {
        failures.push({
          run,
          label: request.label,
          problems,
          status: answer.status,
          answer: answer.body.slice(0, 600),
          request,
        });
        options.log?.(`[fuzz] case ${run}: ${request.label}: ${problems.join('; ')}`);
      }
      if (run % 500 === 0) {
        options.log?.(
          `[fuzz] ${run}/${options.runs} cases, ${failures.length} failing, ${Math.round((performance.now() - started) / 1000)} s`,
        );
      }
      // never fails the property: the run goes on and collects every failure
      return true;
    }),
    { seed: options.seed, numRuns: options.runs },
  );

  gc?.();
  heap.endWithCachesMb = megabytes(process.memoryUsage().heapUsed);
  heap.endMb = heapNow();
  heap.rssEndMb = megabytes(process.memoryUsage().rss);
  if (options.failuresFile && failures.length) {
    writeFileSync(
      options.failuresFile,
      JSON.stringify(
        failures.map((f) => ({ ...f, request: { ...f.request, body: f.request.body?.toString('base64') } })),
        null,
        1,
      ),
    );
  }
  return {
    seed: options.seed,
    runs: run,
    elapsedMs: Math.round(performance.now() - started),
    statuses,
    outcomes,
    failures,
    heap,
    slowest,
  };
}

/** `data`, or the code of the first error, of a GraphQL answer; undefined for anything else. */
function graphqlOutcome(body: string): string | undefined {
  if (!body.startsWith('{"')) return undefined;
  const code = errorCodesIn(body)[0];
  if (code) return code;
  return body.startsWith('{"data"') ? 'data' : undefined;
}

/** Failures grouped by what went wrong and on which field, with one example of each. */
export function distinctFailures(failures: FuzzFailure[]): Array<{ count: number; example: FuzzFailure }> {
  const groups = new Map<string, { count: number; example: FuzzFailure }>();
  for (const failure of failures) {
    const key = `${failure.label.replace(/\s*\(.*$/, '').replace(/ as .*$/, '')}|${failure.problems.join(',')}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { count: 1, example: failure });
  }
  return [...groups.values()];
}
