// first: the fuzzed api's environment, before anything imports the api
import './fuzz-environment';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distinctFailures, runFuzz, type FuzzReport } from './fuzz-runner';
import { fuzzRequest } from './fuzz-requests';
import { startFuzzTarget, type FuzzTarget } from './fuzz-target';

/** The fixed seed of `npm test`; `npm run fuzz -- --seed N` picks another. */
const DEFAULT_SEED = 20_260_901;
/** Cases under `npm test`: a few thousand, about half a minute on two cores. */
const DEFAULT_RUNS = 2_500;

const seed = Number(process.env['FUZZ_SEED'] ?? DEFAULT_SEED);
const runs = Number(process.env['FUZZ_RUNS'] ?? DEFAULT_RUNS);
const warmUpRuns = Math.min(500, Math.floor(runs / 5));

/**
 * Heap growth allowed between the warm-up and the end, measured with Apollo's document cache emptied
 * and after full GCs (see HeapFigures). That cache is bounded by Apollo (30 MiB by its measure, about
 * ten times that in heap); what is left should flatten out: a 20,000-case run went 254.6 -> 263.2 ->
 * 266.8 MB (V8's code for graphql-jit's compiled functions, pools filling up). A leak of a few KB per
 * request (a socket, a listener, a loader, a body) passes the bound within 20,000 cases.
 */
const MAX_HEAP_GROWTH_MB = 64;

describe(`fuzzing the api from its schema (seed ${seed}, ${runs} cases)`, () => {
  let target: FuzzTarget;
  let report: FuzzReport;
  /** Every failing request in full, to replay one by hand or to copy into regressions.e2e-spec.ts. */
  const failuresFile = join(tmpdir(), `jipp-fuzz-failures-${seed}.json`);
  /** The most documents Apollo's cache held at a heap measure. */
  let documentsCached = 0;

  beforeAll(
    async () => {
      target = await startFuzzTarget();
      const log = (line: string): void => void process.stderr.write(`${line}\n`);
      log(`[fuzz] seed ${seed}, ${runs} cases (replay: npm run fuzz -- --seed ${seed} --runs ${runs})`);
      report = await runFuzz(target.api.url, fuzzRequest(target.schema, target.principals), {
        seed,
        runs,
        warmUpRuns,
        maintenance: { every: 100, run: target.restorePrincipals },
        emptyCaches: () => {
          documentsCached = Math.max(documentsCached, target.emptyDocumentCache());
        },
        failuresFile,
        log,
      });
      log(
        `[fuzz] ${report.runs} cases in ${(report.elapsedMs / 1000).toFixed(1)} s; statuses ${JSON.stringify(report.statuses)}; ` +
          `GraphQL outcomes ${JSON.stringify(report.outcomes)}; ` +
          `heap without Apollo's document cache ${report.heap.afterWarmUpMb} -> ${report.heap.halfwayMb} -> ${report.heap.endMb} MB ` +
          `(forced GC: ${report.heap.forcedGc}); with it at the end ${report.heap.endWithCachesMb} MB, ${documentsCached} documents; ` +
          `RSS ${report.heap.rssEndMb} MB; slowest ${report.slowest.ms} ms (${report.slowest.label.slice(0, 120)})`,
      );
    },
    Math.max(30 * 60_000, runs * 100),
  );

  afterAll(() => target?.close(), 60_000);

  it('answers every request without a 5xx, an INTERNAL error or a glimpse of stack, SQL or paths', () => {
    const distinct = distinctFailures(report.failures).map(({ count, example }) => ({
      count,
      run: example.run,
      label: example.label.slice(0, 300),
      problems: example.problems,
      status: example.status,
      answer: example.answer.slice(0, 300),
    }));
    if (distinct.length) process.stderr.write(`[fuzz] the failing requests, in full: ${failuresFile}\n`);
    expect(distinct).toEqual([]);
    expect(report.runs).toBe(runs);
  });

  it('still serves afterwards', async () => {
    const res = await target.api.gql<{ provinces: Array<{ code: string }> }>('{ provinces { code } }');
    expect(res.data?.provinces).toHaveLength(38);
    expect((await fetch(`${target.api.url}/health/ready`)).status).toBe(200);
  });

  it(`keeps its heap growth under ${MAX_HEAP_GROWTH_MB} MB`, () => {
    expect(report.heap.endMb - report.heap.afterWarmUpMb).toBeLessThan(MAX_HEAP_GROWTH_MB);
  });
});
