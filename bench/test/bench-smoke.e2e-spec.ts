/**
 * A smoke of every benchmark in `bench/benchmarks.ts` (a new one is covered as soon as it is
 * listed there), so that none of them rots between real runs. Each runs as `npm run bench -- NAME
 * --smoke` runs it: the compiled runner in a process of its own, which starts the servers and the
 * load generator in theirs. It must exit 0, print the results table and write a JSON file whose
 * figures are finite numbers. What the figures say is not checked: a smoke measures for a second.
 *
 * Nothing it makes outlives the test, and nothing of the real benchmarks (or of another run of this
 * test at the same time) is touched: the datasets go in databases of its own
 * (`jipp_test_smoke_<id>_<dataset>`, dropped after each benchmark), the processes' Redis keys under
 * `jipp-smoke-<id>` (deleted likewise), the JSON files in a temporary folder.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { BENCHMARKS } from '../benchmarks';
import type * as LoadModule from '../lib/load';
import type { Figure } from '../lib/types';

const ROOT = join(__dirname, '..', '..');
/** Loads compiled benchmark code from dist (Jest runs this file through ts-jest as CommonJS). */
const loadCompiled = createRequire(__filename);
const RUNNER = join(ROOT, 'dist', 'bench', 'run.js');
/** A smoke takes 20 s to 2 min on a busy two-core machine (making its dataset is most of it). */
const SMOKE_TIMEOUT_MS = 5 * 60_000;
const OUTPUT_TAIL = 6000;

interface RunnerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function testRunSetting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the e2e global setup sets it`);
  return value;
}

/**
 * The database, Redis prefix and results folder of this file's smokes, unique to it. The prefix is
 * short: the api takes at most 40 characters and the benchmarks add their part (`-notifications`).
 */
function smokeNames(resultsDir: string): { databaseUrl: string; redisPrefix: string; resultsDir: string } {
  const id = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const url = new URL(testRunSetting('JIPP_TEST_ADMIN_URL'));
  url.pathname = `/jipp_test_smoke_${id}`;
  return { databaseUrl: url.toString(), redisPrefix: `jipp-smoke-${id}`, resultsDir };
}

/**
 * `node dist/bench/run.js NAME --smoke` with the environment `npm run bench` would have, not the
 * test run's (its NODE_ENV, DATABASE_URL, OUTBOX_RELAY_ENABLED... would reach the servers), plus the
 * names of this run's smoke.
 */
function runSmoke(name: string, names: ReturnType<typeof smokeNames>): Promise<RunnerExit> {
  const inherited = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'REDIS_URL', 'TEST_DATABASE_URL'];
  const env: Record<string, string> = {
    ...Object.fromEntries(inherited.flatMap((key) => (process.env[key] ? [[key, process.env[key]]] : []))),
    BENCH_DATABASE_URL: names.databaseUrl,
    BENCH_REDIS_PREFIX: names.redisPrefix,
    BENCH_RESULTS_DIR: names.resultsDir,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, name, '--smoke'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    });
    // SIGTERM: the runner stops its servers and load processes before it exits
    const timer = setTimeout(() => child.kill('SIGTERM'), SMOKE_TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Drops every database of this run's smokes: `<base>_<dataset>`. */
async function dropSmokeDatabases(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const base = url.pathname.slice(1);
  url.pathname = '/';
  const admin = await createConnection({ uri: url.toString() });
  try {
    const [rows] = await admin.query('SHOW DATABASES LIKE ?', [`${base.replace(/_/g, '\\_')}\\_%`]);
    for (const row of rows as Array<Record<string, string>>) {
      const name = Object.values(row)[0]!;
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  } finally {
    await admin.end();
  }
}

/** Deletes every key of this run's smokes: `<prefix>` and `<prefix>-<benchmark part>`. */
async function sweepSmokeKeys(prefix: string): Promise<void> {
  const redis = new Redis(testRunSetting('REDIS_URL'), { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const isFiniteNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

/** What a figure holds that is not a finite number (NaN and Infinity come out of JSON as null). */
function badNumbers(figure: Partial<Record<keyof Figure, unknown>>): string[] {
  const problems = isFiniteNumber(figure.value) ? [] : [`value ${String(figure.value)}`];
  for (const key of ['baseline', 'ratio'] as const) {
    if (key in figure && !isFiniteNumber(figure[key])) problems.push(`${key} ${String(figure[key])}`);
  }
  return problems;
}

// the benchmarks are compiled apart from the project (scripts/bench.sh does the same); every test
// here runs the compiled code, as `npm run bench` does
beforeAll(() => {
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'bench', 'tsconfig.json')],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
}, 120_000);

describe('benchmark smokes (npm run bench -- NAME --smoke)', () => {
  let names: ReturnType<typeof smokeNames>;

  beforeAll(() => {
    names = smokeNames(mkdtempSync(join(tmpdir(), 'jipp-bench-smoke-')));
  });

  afterEach(async () => {
    if (!names) return;
    await dropSmokeDatabases(names.databaseUrl);
    await sweepSmokeKeys(names.redisPrefix);
  });

  afterAll(() => {
    if (names) rmSync(names.resultsDir, { recursive: true, force: true });
  });

  it.each(BENCHMARKS.map((b) => [b.name]))(
    '%s: runs, prints its table and writes finite figures',
    async (name) => {
      const run = await runSmoke(name, names);
      const output = `stdout:\n${run.stdout}\nstderr (end):\n${run.stderr}`;
      if (run.code !== 0) {
        // the runner's reason first: a CI log that keeps only part of this message still shows it
        const reason = /^\[bench\] .*FAILED: .*$/m.exec(run.stderr)?.[0] ?? 'no FAILED line';
        throw new Error(`${name} --smoke exited with ${run.code ?? run.signal}: ${reason}\n${output}`);
      }

      // the JSON file the runner names, in this run's results folder
      const named = /^results: (.+\.json)$/m.exec(run.stdout)?.[1];
      if (!named) throw new Error(`${name} --smoke named no results file\n${output}`);
      const file = isAbsolute(named) ? named : join(ROOT, named);
      expect(file.startsWith(names.resultsDir)).toBe(true);
      expect(existsSync(file)).toBe(true);
      const result = JSON.parse(readFileSync(file, 'utf8')) as {
        benchmark: string;
        figures: Array<Partial<Record<keyof Figure, unknown>>>;
      };
      expect(result.benchmark).toBe(name);
      expect(result.figures.length).toBeGreaterThan(0);
      const problems = result.figures.flatMap((f) =>
        badNumbers(f).map((problem) => `${String(f.figure)}: ${problem}`),
      );
      expect(problems).toEqual([]);

      // the table: its header, then one line per figure, in the order of the file
      const lines = run.stdout.split('\n');
      const header = lines.findIndex((line) =>
        /^benchmark\s+figure\s+value\s+baseline\s+ratio\s+goal$/.test(line),
      );
      expect(header).toBeGreaterThanOrEqual(0);
      const rows = lines.slice(header + 2, header + 2 + result.figures.length);
      const missing = result.figures.filter(
        (f, i) => !(rows[i]?.startsWith(`${name} `) && rows[i]!.includes(String(f.figure))),
      );
      expect(missing.map((f) => f.figure)).toEqual([]);
    },
    SMOKE_TIMEOUT_MS + 30_000,
  );
});

/**
 * A smoke's load run on a busy machine (npm test runs the smokes beside its other files): one that
 * got no answer at all within its second is tried again, longer; a bad answer, or a real run, is
 * refused at once. Against a local server that answers after 1.5 s, or with a 503.
 */
describe("a smoke's load run when the server is slow or failing", () => {
  const TARGET_BODY = '{"data":{}}';
  let server: Server;
  let url: string;
  let mode: 'slow' | 'failing';
  let load: typeof LoadModule;
  /** The harness's progress lines (console.error), kept instead of printed. */
  let logged: string[];
  let quiet: jest.SpyInstance;
  const smoke = process.env['BENCH_SMOKE'];

  beforeEach(() => {
    logged = [];
    quiet = jest.spyOn(console, 'error').mockImplementation((line: unknown) => logged.push(String(line)));
  });

  beforeAll(async () => {
    // the compiled module: its load generator is dist/bench/lib/load-worker.js
    load = loadCompiled(join(ROOT, 'dist', 'bench', 'lib', 'load.js')) as typeof LoadModule;
    server = createServer((_req, res) => {
      if (mode === 'failing') {
        res.writeHead(503).end('{"errors":[]}');
        return;
      }
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(TARGET_BODY), 1500);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterEach(() => {
    quiet.mockRestore();
    if (smoke === undefined) delete process.env['BENCH_SMOKE'];
    else process.env['BENCH_SMOKE'] = smoke;
  });

  afterAll(async () => {
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const target = (): LoadModule.Target => ({
    label: 'slow',
    url,
    method: 'GET',
    expectBodyPrefix: '{"data":',
  });

  it('a smoke tries an unanswered run again for longer and takes its answers', async () => {
    process.env['BENCH_SMOKE'] = '1';
    mode = 'slow';
    const result = await load.runLoad(target(), 2, 1);
    expect(result.seconds).toBeGreaterThanOrEqual(3);
    expect(result.ok).toBeGreaterThan(0);
    expect(result.non2xx + result.mismatches + result.errors + result.timeouts).toBe(0);
    expect(result.latencyMs.p50).toBeGreaterThanOrEqual(1400);
    expect(logged).toEqual([expect.stringMatching(/slow: no answer within 1 s .* tried again, longer/)]);
  }, 60_000);

  it('a real run refuses a run without answers at once', async () => {
    delete process.env['BENCH_SMOKE'];
    mode = 'slow';
    const started = Date.now();
    await expect(load.runLoad(target(), 2, 1)).rejects.toThrow(
      /slow answered badly under load in \d+(\.\d+)? s: 0 ok/,
    );
    expect(Date.now() - started).toBeLessThan(3500);
  }, 60_000);

  it('a smoke refuses bad answers at once, without trying again', async () => {
    process.env['BENCH_SMOKE'] = '1';
    mode = 'failing';
    const started = Date.now();
    await expect(load.runLoad(target(), 2, 1)).rejects.toThrow(/0 ok, [1-9]\d* non-2xx/);
    expect(Date.now() - started).toBeLessThan(3500);
  }, 60_000);
});
