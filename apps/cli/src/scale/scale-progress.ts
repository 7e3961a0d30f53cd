import { Presets, SingleBar } from 'cli-progress';

/**
 * How a long seed shows it is alive: on a terminal a progress bar per phase on stderr, replaced by a
 * line when the phase ends; elsewhere (a pipe, a file, CI=true) only that line per phase, so that logs
 * stay readable.
 */
export class ScaleProgress {
  private bar: SingleBar | null = null;
  private phase = '';
  private unit = '';
  private total = 0;
  private done = 0;
  private startedAt = 0;
  /** Each finished phase and its seconds, in order. */
  readonly timings: Array<{ phase: string; seconds: number }> = [];

  constructor(
    private readonly interactive: boolean,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  /** A bar on stderr when it is a terminal and not CI. */
  static forThisProcess(): ScaleProgress {
    const ci = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
    return new ScaleProgress(Boolean(process.stderr.isTTY) && !ci);
  }

  start(phase: string, total: number, unit: string): void {
    this.finish();
    this.phase = phase;
    this.unit = unit;
    this.total = total;
    this.done = 0;
    this.startedAt = performance.now();
    if (this.interactive && total > 0) {
      this.bar = new SingleBar(
        {
          stream: process.stderr,
          format: `${phase.padEnd(13)} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted} (ETA {eta_formatted})`,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        },
        Presets.shades_classic,
      );
      this.bar.start(total, 0);
    }
  }

  advance(count: number): void {
    this.done += count;
    this.bar?.update(Math.min(this.done, this.total));
  }

  /** Ends the current phase (if any) and records how long it took. */
  finish(): void {
    if (!this.phase) return;
    const seconds = (performance.now() - this.startedAt) / 1000;
    this.bar?.update(this.total);
    this.bar?.stop();
    this.bar = null;
    this.timings.push({ phase: this.phase, seconds });
    const amount = this.total > 0 ? `${this.done.toLocaleString('en-US')} ${this.unit} ` : '';
    this.log(`[cli] scale: ${this.phase}: ${amount}in ${seconds.toFixed(1)} s`);
    this.phase = '';
  }

  /** Stops the bar without recording the phase (on failure). */
  abort(): void {
    this.bar?.stop();
    this.bar = null;
    this.phase = '';
  }
}
