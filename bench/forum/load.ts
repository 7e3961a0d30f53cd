import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIST } from '../lib/environment';
import type { Command, Connected, Measured, Reply } from './protocol';

const WORKER = join(BENCH_DIST, 'forum', 'load-worker.js');

/**
 * The load process (`load-worker.ts`) seen from the benchmark: one command at a time, each answered
 * by one reply. It lives for the whole benchmark and exits with it.
 */
export class SocketLoad {
  private readonly child: ChildProcess;
  private pending?: { resolve: (reply: Reply) => void; reject: (error: Error) => void };
  private exited = false;

  constructor() {
    this.child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: Reply) => {
      const pending = this.pending;
      this.pending = undefined;
      pending?.resolve(reply);
    });
    this.child.on('exit', (code) => {
      this.exited = true;
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(new Error(`the load process exited (code ${code}) before it answered`));
    });
  }

  private async send<T extends Reply>(command: Command, type: T['type'], timeoutMs: number): Promise<T> {
    if (this.exited) throw new Error('the load process is gone');
    if (this.pending) throw new Error('the load process is busy');
    const reply = await new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        reject(new Error(`the load process did not answer ${command.type} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending = {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
      this.child.send(command);
    });
    if (reply.type === 'error') throw new Error(reply.message);
    if (reply.type !== type) throw new Error(`the load process answered ${reply.type} to ${command.type}`);
    return reply as T;
  }

  connect(url: string, sockets: number, token: string, threadId: number): Promise<Connected> {
    return this.send({ type: 'connect', url, sockets, token, threadId }, 'connected', 180_000);
  }

  measure(command: Omit<Extract<Command, { type: 'measure' }>, 'type'>): Promise<Measured> {
    const seconds = command.posts / command.rate;
    return this.send({ type: 'measure', ...command }, 'measured', (seconds + 60) * 1000 + command.drainMs);
  }

  async close(): Promise<void> {
    await this.send({ type: 'close' }, 'closed', 30_000);
  }

  stop(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
