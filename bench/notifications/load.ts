import { join } from 'node:path';
import { CommandProcess } from '../lib/command-process';
import { BENCH_DIST } from '../lib/environment';
import type { Command, Connected, Published, Reply, SocketUser, Tally } from './protocol';

/** The load process (`load-worker.ts`) seen from the benchmark. It lives for the whole benchmark. */
export class NotificationLoad {
  private readonly process = new CommandProcess<Command, Reply>(
    join(BENCH_DIST, 'notifications', 'load-worker.js'),
  );

  connect(url: string, users: SocketUser[]): Promise<Connected> {
    return this.process.request<Connected>({ type: 'connect', url, users }, 'connected', 180_000);
  }

  publish(command: Omit<Extract<Command, { type: 'publish' }>, 'type'>): Promise<Published> {
    return this.process.request<Published>(
      { type: 'publish', ...command },
      'published',
      command.timeoutMs + 60_000,
    );
  }

  tally(): Promise<Tally> {
    return this.process.request<Tally>({ type: 'tally' }, 'tally', 10_000);
  }

  async close(): Promise<void> {
    await this.process.request({ type: 'close' }, 'closed', 30_000);
  }

  stop(): void {
    this.process.stop();
  }
}
