import { type ChildProcess, fork } from 'node:child_process';

/** What a command process answers when a command failed. */
export interface ErrorReply {
  type: 'error';
  message: string;
}

/**
 * A forked helper process (a load generator) seen from the benchmark: one command at a time over the
 * IPC channel, each answered by one reply of a known type, or by an {@link ErrorReply}. The child
 * should exit when its channel closes (`process.on('disconnect', ...)`), so it never outlives the run.
 */
export class CommandProcess<Command extends { type: string }, Reply extends { type: string }> {
  private readonly child: ChildProcess;
  private pending?: { resolve: (reply: Reply | ErrorReply) => void; reject: (error: Error) => void };
  private exited = false;

  constructor(script: string) {
    this.child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: Reply | ErrorReply) => {
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

  async request<T extends Reply>(command: Command, type: T['type'], timeoutMs: number): Promise<T> {
    if (this.exited) throw new Error('the load process is gone');
    if (this.pending) throw new Error('the load process is busy');
    const reply = await new Promise<Reply | ErrorReply>((resolve, reject) => {
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
    if (reply.type === 'error') throw new Error((reply as ErrorReply).message);
    if (reply.type !== type) throw new Error(`the load process answered ${reply.type} to ${command.type}`);
    return reply as T;
  }

  stop(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
