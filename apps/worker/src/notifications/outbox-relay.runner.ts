import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfig } from '@jipp/core';
import { OutboxRelay, type RelayHooks } from '@jipp/notifications';

/** The pause after a failure doubles from this, up to {@link MAX_BACKOFF_MS}. */
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5_000;

/**
 * Runs the outbox relay for as long as the worker lives: a pass right after a full batch, a short
 * pause (OUTBOX_RELAY_IDLE_MS) when nothing waits, a growing pause with a log line while the
 * database or Redis fails. Starts when the application is up; on shutdown (SIGTERM) it finishes its
 * pass before the connections close.
 */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayRunner.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.get('OUTBOX_RELAY_ENABLED')) {
      this.logger.log('outbox relay off (OUTBOX_RELAY_ENABLED=false)');
      return;
    }
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const hooks = this.testHooks();
    const idleMs = this.config.get('OUTBOX_RELAY_IDLE_MS');
    let failures = 0;
    while (this.running) {
      let pause: number;
      try {
        const relayed = await this.relay.relayBatch(hooks);
        if (failures > 0) this.logger.log(`outbox relay recovered after ${failures} failed passes`);
        failures = 0;
        pause = relayed >= this.relay.batch ? 0 : idleMs;
      } catch (error) {
        failures += 1;
        pause = Math.min(FIRST_BACKOFF_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
        this.logger.warn(
          `outbox relay failed (${failures} in a row), events wait; next try in ${pause} ms: ${(error as Error).message}`,
        );
      }
      if (pause > 0 && this.running) await this.sleep(pause);
    }
  }

  /** A pause that shutdown cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** The crash test's seam: die right after a given event was enqueued, before it is marked. */
  private testHooks(): RelayHooks {
    const crashAfter = this.config.get('OUTBOX_RELAY_CRASH_AFTER_ENQUEUE');
    if (!this.config.isTest || crashAfter === undefined) return {};
    return {
      afterEnqueue: (events) => {
        if (events.some((e) => e.id === crashAfter)) process.kill(process.pid, 'SIGKILL');
      },
    };
  }
}
