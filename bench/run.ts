/**
 * `npm run bench -- [NAME...] [options]`: runs the named benchmarks (all when none), prints one
 * table of their figures against the baselines measured in the same run, and writes each
 * benchmark's figures, settings and machine to `bench/results/<name>-<timestamp>.json`.
 * scripts/bench.sh builds the project and this folder first.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BENCHMARKS } from './benchmarks';
import { BENCH_DIST } from './lib/environment';
import { log } from './lib/log';
import { stopAllSync } from './lib/processes';
import { describeMachine, formatTable, meetsGoal, writeResult } from './lib/report';
import { parseInvocation, usage } from './lib/settings';
import type { Figure } from './lib/types';

/** A folder with a bench.ts that the registry does not list would silently never run. */
function checkRegistry(): void {
  const registered = new Set(BENCHMARKS.map((b) => b.name));
  for (const entry of readdirSync(BENCH_DIST, { withFileTypes: true })) {
    if (
      entry.isDirectory() &&
      existsSync(join(BENCH_DIST, entry.name, 'bench.js')) &&
      !registered.has(entry.name)
    ) {
      throw new Error(`bench/${entry.name}/bench.ts is not listed in bench/benchmarks.ts`);
    }
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage(BENCHMARKS));
    return 0;
  }
  checkRegistry();
  const { names, settings } = parseInvocation(argv, BENCHMARKS);
  const machine = await describeMachine();
  log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}`);
  if (settings.smoke) log('smoke run: a few seconds per side, the figures mean little');

  const figures: Figure[] = [];
  const files: string[] = [];
  let failed = 0;
  for (const name of names) {
    const benchmark = BENCHMARKS.find((b) => b.name === name)!;
    log(`${name}: ${benchmark.description}`);
    const started = new Date();
    try {
      const result = await benchmark.run(settings);
      figures.push(...result.figures);
      files.push(
        writeResult(name, {
          benchmark: name,
          description: benchmark.description,
          startedAt: started.toISOString(),
          finishedAt: new Date().toISOString(),
          machine,
          settings: { ...settings, options: undefined, ...pick(settings.options, benchmark) },
          figures: result.figures.map((f) => ({ ...f, goalMet: meetsGoal(f) })),
          details: result.details,
        }),
      );
    } catch (error) {
      failed++;
      log(`${name} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  if (figures.length) {
    console.log('');
    console.log(formatTable(figures));
    console.log('');
    console.log(
      `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, node ${machine.node}, ${machine.database}`,
    );
    console.log(
      `settings: ${settings.connections} connections, ${settings.rounds} rounds × ${settings.duration} s per side, ${settings.warmup} s warm-up${settings.smoke ? ' (smoke)' : ''}`,
    );
    for (const file of files) console.log(`results: ${file}`);
  }
  return failed ? 1 : 0;
}

function pick(
  options: Record<string, number>,
  benchmark: (typeof BENCHMARKS)[number],
): Record<string, number> {
  return Object.fromEntries(Object.keys(benchmark.options ?? {}).map((name) => [name, options[name]!]));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAllSync();
    process.exit(130);
  });
}

main(process.argv.slice(2))
  .then((code) => {
    stopAllSync();
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    stopAllSync();
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  });
