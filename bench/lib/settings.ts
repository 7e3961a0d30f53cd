import { markSmokeRun } from './environment';
import type { Benchmark, Settings } from './types';

export const DEFAULTS = { duration: 10, rounds: 3, warmup: 3, connections: 50 };
/**
 * `--smoke`: a few seconds of measuring, to prove the harness works (npm test runs one of each
 * benchmark). One second of warm-up: a cold server busy with its first requests on a loaded
 * machine (npm test runs other files beside it) could answer none within a one-second window.
 */
export const SMOKE = { duration: 1, rounds: 1, warmup: 1, connections: 50 };

export interface Invocation {
  names: string[];
  settings: Settings;
}

export function usage(benchmarks: Benchmark[]): string {
  const options = benchmarks.flatMap((b) =>
    Object.entries(b.options ?? {}).map(
      ([name, o]) => `  --${name} N`.padEnd(22) + `${o.description} (${b.name}; default ${o.default})`,
    ),
  );
  return [
    'usage: npm run bench -- [NAME...] [options]     (no NAME: every benchmark)',
    '',
    `benchmarks: ${benchmarks.map((b) => `${b.name} (${b.description})`).join(', ')}`,
    '',
    `  --duration S        seconds of each measured run (default ${DEFAULTS.duration})`,
    `  --rounds N          A/B rounds, alternating which side goes first (default ${DEFAULTS.rounds})`,
    `  --warmup S          seconds of unmeasured load on each side first (default ${DEFAULTS.warmup})`,
    `  --connections N     concurrent connections of the throughput runs (default ${DEFAULTS.connections})`,
    '  --smoke             a few seconds in all: checks the harness, the figures mean little',
    ...options,
  ].join('\n');
}

/** Parses `[NAME...] [--flag value | --flag=value] [--smoke]`; throws with a readable message. */
export function parseInvocation(argv: string[], benchmarks: Benchmark[]): Invocation {
  const names: string[] = [];
  const given: Record<string, number> = {};
  let smoke = false;
  const known = new Set(benchmarks.map((b) => b.name));
  const optionNames = new Set([
    ...Object.keys(DEFAULTS),
    ...benchmarks.flatMap((b) => Object.keys(b.options ?? {})),
  ]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--smoke') {
      smoke = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const [flag, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (!optionNames.has(flag)) throw new Error(`unknown option --${flag}`);
      const raw = inline ?? argv[++i];
      const value = Number(raw);
      if (raw === undefined || !Number.isFinite(value) || value < 0) {
        throw new Error(`--${flag} needs a number, got ${raw ?? 'nothing'}`);
      }
      given[flag] = value;
      continue;
    }
    if (!known.has(arg)) throw new Error(`unknown benchmark "${arg}"`);
    names.push(arg);
  }
  const base = smoke ? SMOKE : DEFAULTS;
  if (smoke) markSmokeRun();
  // an option several benchmarks declare (e.g. `innovations`) has one value: the one given, else in
  // a smoke run the first smoke value declared, else the first default
  const options: Record<string, number> = {};
  const smokeValues: Record<string, number> = {};
  for (const benchmark of benchmarks) {
    for (const [name, option] of Object.entries(benchmark.options ?? {})) {
      options[name] ??= option.default;
      if (option.smoke !== undefined) smokeValues[name] ??= option.smoke;
    }
  }
  for (const name of Object.keys(options)) {
    options[name] = given[name] ?? (smoke ? (smokeValues[name] ?? options[name]!) : options[name]!);
  }
  const settings: Settings = {
    duration: given['duration'] ?? base.duration,
    rounds: Math.max(1, Math.round(given['rounds'] ?? base.rounds)),
    warmup: given['warmup'] ?? base.warmup,
    connections: Math.max(1, Math.round(given['connections'] ?? base.connections)),
    smoke,
    options,
  };
  if (settings.duration < 1) throw new Error('--duration must be at least 1 second');
  return { names: names.length ? names : benchmarks.map((b) => b.name), settings };
}
