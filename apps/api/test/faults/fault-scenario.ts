import { GraphqlLoad, type RequestRecord } from './fault-load';
import type { FaultWorld, PostTrace } from './fault-world';
import { worldOperations } from './world-operations';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Phase {
  name: string;
  from: number;
  to: number;
}

export interface LoadedRun {
  records: RequestRecord[];
  phases: Phase[];
  /** When each named moment of the script happened (epoch ms). */
  moments: Record<string, number>;
}

export interface LoadSettings {
  concurrency: number;
  pauseMs: number;
  requestTimeoutMs?: number;
  /** The apis to send to; default: every api of the world still running. */
  targets?: () => string[];
}

/**
 * Runs the world's load while `script` does its faults. The script names phases (`phase('down')`)
 * and moments (`moment('restarted')`); each phase lasts until the next one starts, the last one until
 * the load stops.
 */
export async function underLoad(
  world: FaultWorld,
  postPrefix: string,
  settings: LoadSettings,
  script: (phase: (name: string) => void, moment: (name: string) => void) => Promise<void>,
): Promise<LoadedRun> {
  const load = new GraphqlLoad({
    targets: settings.targets ?? (() => world.apis.filter((api) => api.running()).map((api) => api.url)),
    operations: worldOperations(world, postPrefix),
    concurrency: settings.concurrency,
    pauseMs: settings.pauseMs,
    requestTimeoutMs: settings.requestTimeoutMs ?? 15_000,
  });
  const phases: Phase[] = [];
  const moments: Record<string, number> = {};
  const phase = (name: string) => {
    const now = Date.now();
    const last = phases[phases.length - 1];
    if (last) last.to = now;
    phases.push({ name, from: now, to: Number.MAX_SAFE_INTEGER });
  };
  const moment = (name: string) => {
    moments[name] = Date.now();
  };
  phase('before');
  load.start();
  try {
    await script(phase, moment);
  } finally {
    await load.stop();
  }
  const last = phases[phases.length - 1]!;
  last.to = Date.now() + 1;
  return { records: load.records, phases, moments };
}

/**
 * Waits until every post of the run is dispatched and has notified the watcher, or the time is up;
 * resolves the traces and when delivery was complete (null: never, within `timeoutMs`).
 */
export async function awaitDelivery(
  world: FaultWorld,
  postPrefix: string,
  timeoutMs: number,
): Promise<{ traces: PostTrace[]; completeAt: number | null }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const traces = await world.tracePosts(postPrefix).catch(() => undefined);
    if (traces && traces.every((t) => t.dispatched >= 1 && t.allNotifications >= world.watcherCount))
      return { traces, completeAt: Date.now() };
    if (Date.now() > deadline)
      return { traces: traces ?? (await world.tracePosts(postPrefix)), completeAt: null };
    await sleep(250);
  }
}

/** One example answer per operation and outcome that was not `ok`, to explain a failing assertion. */
export function failureSamples(records: RequestRecord[]): Record<string, string> {
  const samples: Record<string, string> = {};
  for (const r of records) {
    if (r.outcome === 'ok') continue;
    samples[`${r.operation} ${r.outcome} ${r.code ?? ''}`.trim()] ??= r.detail ?? '';
  }
  return samples;
}
