/** How long and how hard to measure; set from the command line (see `bench/run.ts`). */
export interface Settings {
  /** Seconds of each measured run at full load. */
  duration: number;
  /** A/B rounds; each round measures both sides once (ABBA order over the rounds). */
  rounds: number;
  /** Seconds of load on each side before the first round, not counted. */
  warmup: number;
  /** Concurrent connections of the throughput runs. */
  connections: number;
  /** A few seconds in all: proves the harness works, the figures mean little. */
  smoke: boolean;
  /** Options a benchmark declares (e.g. `--innovations 20000`), by name. */
  options: Record<string, number>;
}

/** A goal from the issue: on the ratio to the baseline (`0.7` = 70 % of it), or on the value itself. */
export interface Goal {
  on: 'ratio' | 'value';
  atLeast?: number;
  atMost?: number;
}

/** One line of the results table. */
export interface Figure {
  benchmark: string;
  figure: string;
  unit: string;
  value: number;
  baseline?: number;
  /** Median of the per-round ratios value / baseline. */
  ratio?: number;
  goal?: Goal;
}

export interface BenchmarkResult {
  figures: Figure[];
  /** Everything else worth keeping in the JSON file: dataset, per-round numbers, checks. */
  details: Record<string, unknown>;
}

/** What every benchmark under `bench/<name>/bench.ts` exports as `benchmark`. */
export interface Benchmark {
  name: string;
  description: string;
  /** Numeric command-line options of this benchmark, with their defaults. */
  options?: Record<string, { default: number; smoke?: number; description: string }>;
  run(settings: Settings): Promise<BenchmarkResult>;
}
