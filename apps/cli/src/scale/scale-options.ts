/** How much scale data each preset makes. */
export const SCALE_PRESETS = {
  small: { innovations: 2_000, replications: 20_000 },
  large: { innovations: 100_000, replications: 1_000_000 },
} as const;

export type ScaleName = keyof typeof SCALE_PRESETS;

/** The seed when none is given: benchmarks compare runs made with it. */
export const DEFAULT_SCALE_SEED = 20_260_404;

export interface ScaleOptions {
  scale: ScaleName;
  innovations: number;
  replications: number;
  seed: number;
  /**
   * The moment the data set ends (00:00 UTC of a day): nothing in it happens later. The same scale,
   * seed and as-of day give the same rows.
   */
  asOf: Date;
  /** Days without an event after which the escalation job stalls a replication (the platform's setting). */
  stallAfterDays: number;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads `--scale`, `--seed` and `--as-of` as given (strings). Returns the problem in words, or the
 * options; `today` is the current moment (the default as-of is its UTC day).
 */
export function scaleOptionsOf(
  given: { scale: string; seed?: string; asOf?: string },
  today: Date,
  stallAfterDays: number,
): ScaleOptions | { problem: string } {
  if (!(given.scale in SCALE_PRESETS)) {
    return { problem: `--scale must be one of ${Object.keys(SCALE_PRESETS).join(', ')}` };
  }
  const scale = given.scale as ScaleName;
  let seed = DEFAULT_SCALE_SEED;
  if (given.seed !== undefined) {
    if (!/^\d{1,9}$/.test(given.seed)) return { problem: '--seed must be a whole number (0 to 999999999)' };
    seed = Number(given.seed);
  }
  const todayStart = new Date(`${today.toISOString().slice(0, 10)}T00:00:00.000Z`);
  let asOf = todayStart;
  if (given.asOf !== undefined) {
    const parsed = new Date(`${given.asOf}T00:00:00.000Z`);
    if (
      !DAY_PATTERN.test(given.asOf) ||
      Number.isNaN(parsed.getTime()) ||
      parsed.toISOString().slice(0, 10) !== given.asOf
    ) {
      return { problem: '--as-of must be a day written YYYY-MM-DD' };
    }
    if (parsed.getTime() > todayStart.getTime()) return { problem: '--as-of cannot be in the future' };
    if (parsed.getUTCFullYear() < 2016) return { problem: '--as-of must be in 2016 or later' };
    asOf = parsed;
  }
  return { scale, ...SCALE_PRESETS[scale], seed, asOf, stallAfterDays };
}

/**
 * What the scale data's innovations carry as registration number: `SKALA-<scale>-<seed>-<as-of day>-<n>`.
 * It is how a later run recognises the data set (see ScaleSeeder); `dataSetPrefix` is the part that
 * names the data set whatever its day.
 */
export function registrationPrefix(scale: string, seed: number, asOf: Date): string {
  return `${dataSetPrefix(scale, seed)}${asOf.toISOString().slice(0, 10).replace(/-/g, '')}-`;
}

export function dataSetPrefix(scale: string, seed: number): string {
  return `SKALA-${scale}-${seed}-`;
}
