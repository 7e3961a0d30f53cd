import type { AppProcess } from '../built-app-processes';
import type { RequestRecord } from './fault-load';
import { itemCounts, phaseRows, recordScenario, type ScenarioResult } from './fault-report';
import { awaitDelivery, failureSamples, sleep, underLoad } from './fault-scenario';
import type { FaultWorld } from './fault-world';

/** One fault run: the recorded result (printed and written) and what its assertions need. */
export interface FaultRun {
  result: ScenarioResult;
  records: RequestRecord[];
  /** Per restart: ms from the restart until the first request succeeded again (null: never). */
  recoveries: Array<number | null>;
  /**
   * Per restart: requests that still failed after that first success (cleanly, else the run fails):
   * a pooled connection opened before the fault fails once when it is next used, then is replaced.
   */
  failuresAfterRecovery: number[];
  /** ms from the last restart (or replacement) until every post of the run was delivered (null: never). */
  delivered: number | null;
  /** Every api and worker of the world that should be running still is. */
  nothingCrashed: boolean;
}

export interface FaultSettings {
  scenario: string;
  file: string;
  cycles: number;
  downMs: number;
  /** Load between two faults and after the last one. */
  betweenMs: number;
  concurrency: number;
  pauseMs: number;
  /** How long the posts of the run may take to be delivered once the last fault is over. */
  deliveryTimeoutMs?: number;
}

const notesOf = (records: RequestRecord[]) =>
  Object.entries(failureSamples(records)).map(([what, answer]) => `${what}: ${answer.trim()}`);

async function finish(
  world: FaultWorld,
  settings: FaultSettings,
  prefix: string,
  started: number,
  run: Awaited<ReturnType<typeof underLoad>>,
  lastFaultOver: number,
  extra: {
    timings?: Record<string, number | null>;
    notes?: string[];
    recoveries?: Array<number | null>;
    failuresAfterRecovery?: number[];
    /** Notes read once delivery is over (e.g. the queue's counts). */
    lateNotes?: () => Promise<string[]>;
  },
  running: AppProcess[],
): Promise<FaultRun> {
  const { traces, completeAt } = await awaitDelivery(world, prefix, settings.deliveryTimeoutMs ?? 30_000);
  const delivered = completeAt && completeAt - lastFaultOver;
  const result: ScenarioResult = {
    scenario: settings.scenario,
    file: settings.file,
    at: new Date().toISOString(),
    durationMs: Date.now() - started,
    phases: phaseRows(run.records, run.phases),
    items: itemCounts(run.records, traces, world.watcherCount),
    timings: { downMs: settings.downMs, ...extra.timings, delivered },
    notes: [...(extra.notes ?? []), ...notesOf(run.records), ...((await extra.lateNotes?.()) ?? [])],
  };
  recordScenario(result);
  return {
    result,
    records: run.records,
    recoveries: extra.recoveries ?? [],
    failuresAfterRecovery: extra.failuresAfterRecovery ?? [],
    delivered,
    nothingCrashed: running.every((p) => p.running()),
  };
}

/** A server of the world stopped (or killed) and started again, `cycles` times, under load. */
async function restartUnderLoad(
  world: FaultWorld,
  settings: FaultSettings,
  server: 'redis' | 'mariadb',
  how: 'stop' | 'kill',
): Promise<FaultRun> {
  const started = Date.now();
  const prefix = `beban-${server}-${started.toString(36)}-`;
  const restarts: number[] = [];
  const faults: number[] = [];
  const target = server === 'redis' ? world.redis : world.mariadb;
  const alive = [...world.apis, ...world.workers].filter((p) => p.running());
  const run = await underLoad(world, prefix, settings, async (phase, moment) => {
    await sleep(settings.betweenMs);
    for (let cycle = 1; cycle <= settings.cycles; cycle++) {
      const n = settings.cycles > 1 ? ` ${cycle}` : '';
      phase(`down${n}`);
      faults.push(Date.now());
      await (how === 'stop' ? target.stop() : target.kill());
      await sleep(settings.downMs);
      phase(`restarting${n}`);
      await target.start();
      restarts.push(Date.now());
      moment(`restarted${n}`);
      phase(`after${n}`);
      await sleep(settings.betweenMs);
    }
  });
  // each restart's window lasts until the next fault begins
  const windows = restarts.map((at, i) =>
    run.records.filter((r) => r.startedAt >= at && r.startedAt < (faults[i + 1] ?? Number.MAX_SAFE_INTEGER)),
  );
  const firstOk = windows.map((records) => records.find((r) => r.outcome === 'ok')?.startedAt ?? null);
  const recoveries = firstOk.map((at, i) => (at === null ? null : Math.max(0, at - restarts[i]!)));
  const failuresAfterRecovery = windows.map(
    (records, i) =>
      records.filter((r) => r.outcome !== 'ok' && r.startedAt > (firstOk[i] ?? Infinity)).length,
  );
  const lastFailures = windows.map((records, i) => {
    const last = records.filter((r) => r.outcome !== 'ok').pop();
    return last ? last.startedAt - restarts[i]! : null;
  });
  const reads = run.records.filter((r) => r.kind === 'read');
  const readsOk = reads.filter((r) => r.outcome === 'ok').length / Math.max(reads.length, 1);
  return finish(
    world,
    settings,
    prefix,
    started,
    run,
    restarts[restarts.length - 1]!,
    {
      recoveries,
      failuresAfterRecovery,
      timings: {
        ...Object.fromEntries(recoveries.map((ms, i) => [`firstOkAfterRestart${i + 1}`, ms])),
        ...Object.fromEntries(lastFailures.map((ms, i) => [`lastFailureAfterRestart${i + 1}`, ms])),
        ...Object.fromEntries(failuresAfterRecovery.map((n, i) => [`failuresAfterFirstOk${i + 1}`, n])),
      },
      notes: [`reads served: ${(readsOk * 100).toFixed(2)}%`],
    },
    alive,
  );
}

/** Redis stopped (SIGTERM: it writes its append-only file) and started again, under load. */
export function restartRedisUnderLoad(world: FaultWorld, settings: FaultSettings): Promise<FaultRun> {
  return restartUnderLoad(world, settings, 'redis', 'stop');
}

/** MariaDB killed (SIGKILL: a crash, InnoDB recovers) and started again, under load. */
export function killMariadbUnderLoad(world: FaultWorld, settings: FaultSettings): Promise<FaultRun> {
  return restartUnderLoad(world, settings, 'mariadb', 'kill');
}

/** Sends SIGTERM and resolves how long the process took to exit by itself (null: not within `limitMs`). */
export async function terminate(app: AppProcess, limitMs: number): Promise<number | null> {
  const sent = Date.now();
  process.kill(app.pid, 'SIGTERM');
  while (app.running()) {
    if (Date.now() - sent > limitMs) return null;
    await sleep(50);
  }
  return Date.now() - sent;
}

export interface ApiTermination extends FaultRun {
  /** Per api stopped: ms until it exited (null: it did not exit within 15 s). */
  exits: Array<number | null>;
  /** Requests the stopped apis were answering when told to stop. */
  inFlight: RequestRecord[];
}

/**
 * A rolling restart of the apis under load: each cycle, the load balancer stops sending to the
 * oldest api as it gets SIGTERM (as Kubernetes takes a pod out of its endpoints), the api finishes
 * what it holds and exits, and a new api takes its place.
 */
export async function terminateApisUnderLoad(
  world: FaultWorld,
  settings: FaultSettings,
): Promise<ApiTermination> {
  const started = Date.now();
  const prefix = `beban-sigterm-api-${started.toString(36)}-`;
  const retired = new Set<AppProcess>();
  const exits: Array<number | null> = [];
  const signals: Array<{ api: AppProcess & { url: string }; at: number }> = [];
  let replaced = started;
  const targets = () => world.apis.filter((a) => a.running() && !retired.has(a)).map((a) => a.url);
  const alive = [...world.apis, ...world.workers].filter((p) => p.running());
  const shutdownLogs: string[] = [];
  const run = await underLoad(world, prefix, { ...settings, targets }, async (phase) => {
    await sleep(settings.betweenMs);
    for (let cycle = 1; cycle <= settings.cycles; cycle++) {
      const n = settings.cycles > 1 ? ` ${cycle}` : '';
      const api = world.apis.find((a) => a.running() && !retired.has(a))!;
      phase(`closing${n}`);
      retired.add(api);
      signals.push({ api, at: Date.now() });
      const exit = await terminate(api, 15_000);
      exits.push(exit);
      // what it said while stopping, to explain a slow exit
      if (exit === null || exit > 2000)
        shutdownLogs.push(
          `${api.name} took ${exit ?? 'over 15000'} ms to exit; its last output: ${api.output().slice(-1200)}`,
        );
      phase(`replacing${n}`);
      await world.startApi(`${settings.scenario} api ${cycle + 2}`);
      replaced = Date.now();
      phase(`after${n}`);
      await sleep(settings.betweenMs);
    }
  });
  const inFlight = run.records.filter((r) =>
    signals.some((s) => r.target === s.api.url && r.startedAt < s.at && r.endedAt > s.at),
  );
  const done = await finish(
    world,
    settings,
    prefix,
    started,
    run,
    replaced,
    {
      timings: {
        inFlightAtSignals: inFlight.length,
        ...Object.fromEntries(exits.map((ms, i) => [`apiExit${i + 1}`, ms])),
      },
      notes: [
        `in flight on the stopped apis at the signal: ${inFlight.map((r) => r.outcome).join(' ') || 'none'}`,
        ...shutdownLogs,
      ],
    },
    alive.filter((p) => !retired.has(p)),
  );
  return { ...done, exits, inFlight };
}

export interface WorkerTermination extends FaultRun {
  exits: Array<number | null>;
  /** Jobs the notifications queue held as active at each signal. */
  activeAtSignals: number[];
  /** The notifications queue once everything was delivered. */
  queueAfter: Record<string, number>;
}

/**
 * Workers stopped under load: each cycle, SIGTERM while the worker holds jobs, a pause with no worker,
 * and a new worker that must complete everything.
 */
export async function terminateWorkersUnderLoad(
  world: FaultWorld,
  settings: FaultSettings,
): Promise<WorkerTermination> {
  const started = Date.now();
  const prefix = `beban-sigterm-worker-${started.toString(36)}-`;
  const exits: Array<number | null> = [];
  const activeAtSignals: number[] = [];
  const stopped = new Set<AppProcess>();
  const alive = [...world.apis, ...world.workers].filter((p) => p.running());
  let replaced = started;
  let queueAfter: Record<string, number> = {};
  const run = await underLoad(world, prefix, settings, async (phase) => {
    await sleep(settings.betweenMs);
    for (let cycle = 1; cycle <= settings.cycles; cycle++) {
      const n = settings.cycles > 1 ? ` ${cycle}` : '';
      const worker = world.workers.find((w) => w.running())!;
      // the signal while the worker holds jobs
      let active = 0;
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && active === 0) active = (await world.queueCounts())['active'] ?? 0;
      activeAtSignals.push(active);
      phase(`stopping${n}`);
      stopped.add(worker);
      exits.push(await terminate(worker, 20_000));
      phase(`no worker${n}`);
      await sleep(settings.downMs);
      await world.startWorker(`${settings.scenario.replace(/\W+/g, '-')}-worker-${cycle + 1}`);
      replaced = Date.now();
      phase(`after${n}`);
      await sleep(settings.betweenMs);
    }
  });
  const done = await finish(
    world,
    settings,
    prefix,
    started,
    run,
    replaced,
    {
      timings: {
        ...Object.fromEntries(exits.map((ms, i) => [`workerExit${i + 1}`, ms])),
        ...Object.fromEntries(activeAtSignals.map((n, i) => [`activeJobsAtSignal${i + 1}`, n])),
      },
      lateNotes: async () => {
        queueAfter = await settledQueueCounts(world);
        return [`queue after the run: ${JSON.stringify(queueAfter)}`];
      },
    },
    alive.filter((p) => !stopped.has(p)),
  );
  return { ...done, exits, activeAtSignals, queueAfter };
}

/**
 * The notifications queue once its last jobs ran: the load's final writes may still have a job
 * running when every notification is in (an e-mail, say), so the counts are read again until nothing
 * is active or waiting, for at most `withinMs`. That is well under BullMQ's stalled-job lock (30 s):
 * a job a stopped worker left active, never given back, is still counted.
 */
async function settledQueueCounts(world: FaultWorld, withinMs = 10_000): Promise<Record<string, number>> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const counts = await world.queueCounts();
    if (((counts['active'] ?? 0) === 0 && (counts['waiting'] ?? 0) === 0) || Date.now() >= deadline)
      return counts;
    await sleep(100);
  }
}

/** Requests that ended neither ok nor with a clean SERVICE_UNAVAILABLE: one example of each kind. */
export function uncleanAnswers(records: RequestRecord[]): Record<string, string> {
  return failureSamples(records.filter((r) => r.outcome !== 'unavailable'));
}
