import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfig, subscribeToChannel, type ChannelSubscription } from '@jipp/core';
import { OutboxRelay, outboxWakeChannel, type RelayHooks } from '@jipp/notifications';

/** The pause after a failure doubles from this, up to {@link MAX_BACKOFF_MS}. */
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5_000;

/**
 * Runs the outbox relay for as long as the worker lives: a pass right after a full batch, a short
 * pause (OUTBOX_RELAY_IDLE_MS) when nothing waits, a growing pause with a log line while the
 * database or Redis fails. A wake message (a process committed outbox rows, see OutboxWakeSignal)
 * ends the idle pause at once, or makes the running pass followed by another, since that pass may
 * have looked before the commit; the idle poll stays as the safety net for wakes that never come.
 * Starts when the application is up; on shutdown (SIGTERM) it finishes its pass before the
 * connections close.
 */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayRunner.name);
  private running = false;
  private loop?: Promise<void>;
  /** The current pause: shutdown ends it, a wake too when it is an idle one. */
  private pause?: { end: () => void; wakeable: boolean };
  /** A wake came since the current pass began: the next pass follows without a pause. */
  private woken = false;
  private wakes?: ChannelSubscription;

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
    this.wakes = this.listenForWakes();
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.pause?.end();
    await this.loop;
    await this.wakes?.close();
  }

  /**
   * Listens for wakes on a connection of its own, subscribed whenever Redis answers; until then, or
   * while Redis is away, the relay polls.
   */
  private listenForWakes(): ChannelSubscription {
    return subscribeToChannel({
      redisUrl: this.config.get('REDIS_URL'),
      connectionName: 'jipp-outbox-wake',
      channel: outboxWakeChannel(this.config),
      onMessage: () => {
        this.woken = true;
        if (this.pause?.wakeable) this.pause.end();
      },
      logger: this.logger,
    });
  }

  private async run(): Promise<void> {
    const hooks = this.testHooks();
    const idleMs = this.config.get('OUTBOX_RELAY_IDLE_MS');
    let failures = 0;
    while (this.running) {
      let pause: number;
      this.woken = false;
      try {
        const relayed = await this.relay.relayBatch(hooks);
        if (failures > 0) this.logger.log(`outbox relay recovered after ${failures} failed passes`);
        failures = 0;
        pause = relayed >= this.relay.batch || this.woken ? 0 : idleMs;
      } catch (error) {
        failures += 1;
        pause = Math.min(FIRST_BACKOFF_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
        this.logger.warn(
          `outbox relay failed (${failures} in a row), events wait; next try in ${pause} ms: ${(error as Error).message}`,
        );
      }
      // a wake ends an idle pause, never the backoff after a failure
      if (pause > 0 && this.running) await this.sleep(pause, failures === 0);
    }
  }

  /** A pause that shutdown cuts short, and a wake too when `wakeable`. */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        this.pause = undefined;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.pause = { end, wakeable };
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
