import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { benchDatabaseUrl, resultsDir, ROOT } from './environment';
import type { Figure, Goal } from './types';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  database: string;
  loadAverage: number[];
}

export async function describeMachine(): Promise<Machine> {
  let database = 'unknown';
  try {
    const url = new URL(benchDatabaseUrl());
    url.pathname = '/';
    const connection = await createConnection({ uri: url.toString() });
    const [rows] = await connection.query('SELECT VERSION() AS version');
    database = (rows as Array<{ version: string }>)[0]!.version;
    await connection.end();
  } catch {
    // the figures still stand without it
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    database,
    loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

export function meetsGoal(figure: Figure): boolean | undefined {
  const goal = figure.goal;
  if (!goal) return undefined;
  const measured = goal.on === 'ratio' ? figure.ratio : figure.value;
  if (measured === undefined || Number.isNaN(measured)) return false;
  return (
    (goal.atLeast === undefined || measured >= goal.atLeast) &&
    (goal.atMost === undefined || measured <= goal.atMost)
  );
}

function describeGoal(goal: Goal | undefined, unit: string): string {
  if (!goal) return '';
  const suffix = goal.on === 'ratio' ? '× baseline' : ` ${unit}`;
  if (goal.atLeast !== undefined) return `≥ ${goal.atLeast}${suffix}`;
  return `≤ ${goal.atMost}${suffix}`;
}

function number(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (unit === 'ms') return `${value.toFixed(2)} ms`;
  if (unit === 'KB') return `${value.toFixed(1)} KB`;
  return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
}

/** The results table: one line per figure. */
export function formatTable(figures: Figure[]): string {
  const header = ['benchmark', 'figure', 'value', 'baseline', 'ratio', 'goal', ''];
  const rows = figures.map((f) => {
    const met = meetsGoal(f);
    return [
      f.benchmark,
      f.figure,
      number(f.value, f.unit),
      number(f.baseline, f.unit),
      f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}×`,
      describeGoal(f.goal, f.unit),
      met === undefined ? '' : met ? 'met' : 'MISSED',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Writes `<results folder>/<name>-<timestamp>.json` (`bench/results` unless `BENCH_RESULTS_DIR`
 * says otherwise) and returns its path: relative to the repository when inside it.
 */
export function writeResult(name: string, content: Record<string, unknown>): string {
  const folder = resultsDir();
  mkdirSync(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(folder, `${name}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  const inRepository = relative(ROOT, file);
  return inRepository.startsWith('..') || isAbsolute(inRepository) ? file : inRepository;
}
