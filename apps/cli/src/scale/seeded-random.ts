/**
 * Seeded randomness for the scale data: the same seed gives the same numbers on every run and machine.
 * `Random` is a small PRNG (mulberry32) with the draws the planner needs; `randomFor(seed, stream, n)`
 * gives item n of a stream its own generator, so an item's details (its texts, its evidence) can be
 * drawn when it is written, in any order, without keeping them in memory.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** A whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let roll = this.next() * total;
    for (const [item, w] of items) {
      roll -= w;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** A standard normal draw (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A log-normal draw with this median and spread (sigma of the logarithm). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A Pareto draw (minimum 1): a heavy tail, the fewer the heavier as `alpha` falls towards 1. */
  pareto(alpha: number): number {
    return Math.pow(1 - this.next(), -1 / alpha);
  }

  /** An exponential draw with this mean, cut to [0, max) by inverting the truncated distribution. */
  truncatedExponential(mean: number, max: number): number {
    const mass = 1 - Math.exp(-max / mean);
    return -mean * Math.log(1 - this.next() * mass);
  }
}

/** A 32-bit mix of the numbers (murmur3's finaliser over each), the seed of one item's generator. */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The generator of item `index` of a named stream: independent of every other item's. */
export function randomFor(seed: number, stream: number, index: number): Random {
  return new Random(mixSeed(seed, stream, index));
}

/** Stream numbers, so that two kinds of items never share a generator. */
export const STREAM = {
  ORIGINS: 1,
  INNOVATIONS: 2,
  INNOVATION_TEXT: 3,
  AWARDS: 4,
  ADOPTERS: 5,
  REPLICATIONS: 6,
  REPLICATION_DETAILS: 7,
  AGENCY_TRAITS: 8,
} as const;
