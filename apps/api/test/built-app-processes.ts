import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '@jipp/testing';

/** The built api or worker (`dist/apps/<app>/src/main.js`) running in a child process of the test. */
export interface AppProcess {
  name: string;
  pid: number;
  /** The last few KB it wrote (stdout and stderr), to explain a failure. */
  output(): string;
  running(): boolean;
  /** SIGTERM (it finishes what it holds), SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing finished. */
  kill(): Promise<void>;
}

export interface ApiProcess extends AppProcess {
  url: string;
}

const TAIL = 4000;
const children = new Set<ChildProcess>();

// a test run that ends without its afterAll (interrupted, or the Jest worker torn down) leaves no
// server behind
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node dist/apps/<app>/src/main.js` with the test run's environment plus `env`, and waits
 * until `ready()` holds. A process that exits or is not ready in time is killed and reported with
 * its output, so a failed start leaves nothing running.
 */
async function startBuiltApp(
  app: 'api' | 'worker',
  name: string,
  env: Record<string, string>,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<AppProcess> {
  const child = spawn(process.execPath, [join(ROOT, `dist/apps/${app}/src/main.js`)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-TAIL);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  children.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      children.delete(child);
      resolve();
    }),
  );
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const kill = async (): Promise<void> => {
    if (!isRunning()) return;
    child.kill('SIGKILL');
    await exited;
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isRunning()) throw new Error(`${name} exited while starting (code ${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${output}`);
    }
    if (await ready().catch(() => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    name,
    pid: child.pid!,
    output: () => output,
    running: isRunning,
    kill,
    async stop() {
      if (!isRunning()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The built api on a free port of 127.0.0.1, ready once `/health/ready` answers 200. */
export async function startBuiltApi(
  name: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const ready = async () => (await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) })).ok;
  const started = await startBuiltApp(
    'api',
    name,
    { ...env, PORT: String(port), HOST: '127.0.0.1' },
    ready,
    timeoutMs,
  );
  return { ...started, url };
}

/** The built worker (it serves no HTTP), ready once `ready()` holds, e.g. its queue lists it. */
export function startBuiltWorker(
  name: string,
  env: Record<string, string>,
  ready: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<AppProcess> {
  return startBuiltApp('worker', name, env, ready, timeoutMs);
}
