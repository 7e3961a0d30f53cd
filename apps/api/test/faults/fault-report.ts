import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '@jipp/testing';
import { OUTCOMES, type Outcome, type RequestKind, type RequestRecord } from './fault-load';
import type { PostTrace } from './fault-world';

/** Where the fault tests write their results (git-ignored). */
export const RESULTS_DIR = join(ROOT, 'test-results', 'faults');

export type OutcomeCounts = Record<Outcome, number>;

export interface PhaseRow {
  phase: string;
  kind: RequestKind | 'all';
  tried: number;
  outcomes: OutcomeCounts;
}

/** What happened to the posts the load wrote: goal 0 for every count but `acknowledged` and `committed`. */
export interface ItemCounts {
  /** createPost answered with data. */
  acknowledged: number;
  /** posts of the load found in the database (acknowledged or not: a commit can beat a fault). */
  committed: number;
  /** acknowledged but not in the database */
  lostWrites: number;
  /** a post without exactly one outbox event and one audit row: half of a transaction */
  halfApplied: number;
  /** notifications missing: a committed post's event did not reach every watcher of the thread */
  lostNotifications: number;
  /** a post body twice, or more notifications about a post than the thread has watchers */
  duplicated: number;
}

export interface ScenarioResult {
  scenario: string;
  file: string;
  at: string;
  durationMs: number;
  phases: PhaseRow[];
  items: ItemCounts;
  /** Measured times (ms), e.g. recovery after a restart. */
  timings: Record<string, number | null>;
  notes: string[];
}

export function countOutcomes(records: RequestRecord[]): OutcomeCounts {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
  for (const record of records) counts[record.outcome] += 1;
  return counts;
}

/** Rows per phase: reads, writes and all, each with its outcomes. */
export function phaseRows(
  records: RequestRecord[],
  phases: Array<{ name: string; from: number; to: number }>,
): PhaseRow[] {
  const rows: PhaseRow[] = [];
  for (const phase of phases) {
    const inPhase = records.filter((r) => r.startedAt >= phase.from && r.startedAt < phase.to);
    for (const kind of ['read', 'write', 'all'] as const) {
      const chosen = kind === 'all' ? inPhase : inPhase.filter((r) => r.kind === kind);
      rows.push({ phase: phase.name, kind, tried: chosen.length, outcomes: countOutcomes(chosen) });
    }
  }
  return rows;
}

/** Compares what the load was told with what the database holds (`watchers`: of the thread). */
export function itemCounts(records: RequestRecord[], traces: PostTrace[], watchers = 1): ItemCounts {
  const acknowledged = records.filter((r) => r.operation === 'createPost' && r.outcome === 'ok' && r.key);
  const bodies = new Map<string, number>();
  for (const trace of traces) bodies.set(trace.body, (bodies.get(trace.body) ?? 0) + 1);
  return {
    acknowledged: acknowledged.length,
    committed: traces.length,
    lostWrites: acknowledged.filter((r) => !bodies.has(r.key!)).length,
    halfApplied: traces.filter((t) => t.outboxEvents !== 1 || t.auditRows !== 1).length,
    lostNotifications: traces
      .filter((t) => t.outboxEvents === 1)
      .reduce((sum, t) => sum + Math.max(0, watchers - t.allNotifications), 0),
    duplicated:
      [...bodies.values()].filter((n) => n > 1).length +
      traces.reduce((sum, t) => sum + Math.max(0, t.allNotifications - watchers), 0),
  };
}

const pad = (text: string | number, width: number) => String(text).padStart(width);

/** The results as a plain-text table, one line per phase and kind. */
export function formatTable(result: ScenarioResult): string {
  const shown: Outcome[] = [...OUTCOMES];
  const header = [
    'phase'.padEnd(16),
    'kind '.padEnd(5),
    pad('tried', 6),
    ...shown.map((o) => pad(o, o.length)),
  ];
  const lines = [
    `${result.scenario} (${(result.durationMs / 1000).toFixed(1)} s)`,
    header.join(' '),
    ...result.phases.map((row) =>
      [
        row.phase.padEnd(16),
        row.kind.padEnd(5),
        pad(row.tried, 6),
        ...shown.map((o) => pad(row.outcomes[o], o.length)),
      ].join(' '),
    ),
    `items: ${Object.entries(result.items)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `timings (ms): ${Object.entries(result.timings)
      .map(([k, v]) => `${k} ${v ?? 'never'}`)
      .join(', ')}`,
    ...result.notes.map((note) => `note: ${note}`),
  ];
  return lines.join('\n');
}

/** Prints the table and writes the result as `test-results/faults/<scenario>.json`. */
export function recordScenario(result: ScenarioResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const slug = result.scenario
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  writeFileSync(join(RESULTS_DIR, `${slug}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${formatTable(result)}\n\n`);
}
