import { type ChildProcess, spawn } from 'node:child_process';
import { ROOT } from './environment';
import { log } from './log';

/** A process that serves no HTTP (a queue worker): `processes.ts` waits on a path, this on a probe. */
export interface BackgroundSpec {
  /** Shown in logs and errors, e.g. `worker`. */
  name: string;
  /** A script run with `node`, relative to the repository root or absolute. */
  script: string;
  env: Record<string, string>;
  /** True once the process does its work, e.g. its queue lists a worker; asked every 200 ms. */
  ready(): Promise<boolean>;
}

export interface BackgroundProcess {
  name: string;
  pid: number;
  /** The last few KB the process wrote (stdout and stderr), e.g. to explain a failure. */
  output(): string;
  /** Null while it runs. */
  exitCode(): number | null;
  /** SIGTERM (the process finishes what it holds), SIGKILL after 15 s. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
const TAIL = 4000;

// `bench/run.ts` exits through process.exit on SIGINT and SIGTERM (and at the end): whatever this
// module started goes with it, as `processes.ts` does for servers
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts the script in its own process and waits until `ready()` holds. */
export async function startBackground(spec: BackgroundSpec, timeoutMs = 60_000): Promise<BackgroundProcess> {
  const child = spawn(process.execPath, [spec.script], {
    cwd: ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-TAIL);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child), undefined);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${spec.name} exited with code ${child.exitCode} while starting:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} was not ready within ${timeoutMs / 1000} s:\n${output}`);
    }
    if (await spec.ready().catch(() => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`${spec.name} ready (pid ${child.pid})`);

  return {
    name: spec.name,
    pid: child.pid!,
    output: () => output,
    exitCode: () => child.exitCode,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
