import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { ROOT } from './environment';
import { log } from './log';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerSpec {
  /** Shown in logs and errors, e.g. `api` or `raw`. */
  name: string;
  /** A script run with `node`, relative to the repository root or absolute. */
  script: string;
  /** Modules preloaded with `node -r` (e.g. the SQL spy of the checks). */
  preload?: string[];
  env: Record<string, string>;
  /** Path answered with 200 once the server can take load, e.g. `/health/ready`. */
  readyPath: string;
}

export interface RunningServer {
  name: string;
  url: string;
  pid: number;
  /** The last few KB the server wrote (stdout and stderr), e.g. to explain a failure. */
  output(): string;
  /** Null while it runs. */
  exitCode(): number | null;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
const TAIL = 4000;

/** Kills what this process started, so a failed or interrupted run leaves no server behind. */
export function stopAllSync(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/**
 * The load comes from one address at thousands of requests a second, which the api's rate limits
 * would refuse. They stay on, as in production, with limits no benchmark reaches: the figures
 * include the check's Redis round trip.
 */
const BENCH_RATE_LIMITS = Object.fromEntries(
  ['READS', 'MUTATIONS', 'LOGINS', 'POSTS'].flatMap((kind) =>
    ['USER', 'IP'].map((who) => [`RATE_LIMIT_${kind}_PER_${who}`, '10000000']),
  ),
);

/** Starts a server in its own process on a free port and waits until it answers `readyPath`. */
export async function startServer(spec: ServerSpec, timeoutMs = 60_000): Promise<RunningServer> {
  const port = await freePort();
  const args = [...(spec.preload ?? []).flatMap((module) => ['-r', module]), spec.script];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...BENCH_RATE_LIMITS, ...spec.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-TAIL);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  exited.then(() => running.delete(child), undefined);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${spec.name} exited with code ${child.exitCode} while starting:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${spec.name} did not answer ${spec.readyPath} within ${timeoutMs / 1000} s:\n${output}`,
      );
    }
    const ready = await fetch(url + spec.readyPath, { signal: AbortSignal.timeout(2000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`${spec.name} listening on ${url} (pid ${child.pid})`);

  return {
    name: spec.name,
    url,
    pid: child.pid!,
    output: () => output,
    exitCode: () => child.exitCode,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
