// the build compiles the test helpers too (tsconfig.build.json), where Jest's globals are not declared
import { expect } from '@jest/globals';
import type { ApiTermination, FaultRun, WorkerTermination } from './fault-runs';
import { uncleanAnswers } from './fault-runs';

/** The limits the fault tests hold the platform to (issue 9). */
export const LIMITS = {
  /** The database pools serve again this soon after MariaDB is back. */
  databaseRecoveryMs: 10_000,
  /** The worker has relayed and notified everything this soon after Redis is back or it is replaced. */
  workerResumeMs: 30_000,
  /** A process told to stop exits by itself this soon (no stall). */
  exitMs: 15_000,
  /** Reads served while Redis restarts. */
  readsServedDuringRedisRestart: 0.99,
  /** Requests that may still fail (cleanly) after the first success once MariaDB is back. */
  stalePooledConnections: 20,
};

/** Nothing crashed, hung, leaked or answered an unmasked error; nothing was lost, doubled or half applied. */
export function expectCleanRun(run: FaultRun): void {
  expect(run.nothingCrashed).toBe(true);
  expect(uncleanAnswers(run.records)).toEqual({});
  expect(run.delivered).not.toBeNull();
  expect(run.result.items).toMatchObject({
    lostWrites: 0,
    halfApplied: 0,
    lostNotifications: 0,
    duplicated: 0,
  });
  expect(run.result.items.committed).toBeGreaterThan(0);
}

export function expectRedisRestartHandled(run: FaultRun): void {
  expectCleanRun(run);
  const reads = run.records.filter((r) => r.kind === 'read');
  expect(reads.filter((r) => r.outcome === 'ok').length / reads.length).toBeGreaterThanOrEqual(
    LIMITS.readsServedDuringRedisRestart,
  );
  // posts need only the database: they go on while Redis is away; sign-ins get SERVICE_UNAVAILABLE
  expect(run.records.filter((r) => r.operation === 'createPost' && r.outcome !== 'ok')).toEqual([]);
  expect(run.delivered!).toBeLessThan(LIMITS.workerResumeMs);
}

export function expectMariadbRestartHandled(run: FaultRun): void {
  expectCleanRun(run);
  // the database was really away: requests got SERVICE_UNAVAILABLE meanwhile
  expect(run.records.some((r) => r.outcome === 'unavailable')).toBe(true);
  for (const recovery of run.recoveries) {
    expect(recovery).not.toBeNull();
    expect(recovery!).toBeLessThan(LIMITS.databaseRecoveryMs);
  }
  // then at most one failure per pooled connection left from before the crash (two apis and a
  // worker, six each in the fault worlds)
  for (const failures of run.failuresAfterRecovery)
    expect(failures).toBeLessThanOrEqual(LIMITS.stalePooledConnections);
  expect(run.delivered!).toBeLessThan(LIMITS.workerResumeMs);
}

export function expectApisStoppedGracefully(run: ApiTermination): void {
  expectCleanRun(run);
  for (const exit of run.exits) expect(exit).not.toBeNull();
  // what a stopped api held when told to stop was answered in full
  expect(run.inFlight.filter((r) => r.outcome !== 'ok')).toEqual([]);
  // the load balancer sent the rest elsewhere: nothing failed at all
  expect(run.records.filter((r) => r.outcome !== 'ok')).toEqual([]);
}

export function expectWorkersStoppedGracefully(run: WorkerTermination): void {
  expectCleanRun(run);
  for (const exit of run.exits) expect(exit).not.toBeNull();
  expect(run.activeAtSignals.some((n) => n > 0)).toBe(true);
  expect(run.delivered!).toBeLessThan(LIMITS.workerResumeMs);
  expect(run.queueAfter).toMatchObject({ active: 0, waiting: 0, failed: 0 });
  // the api never needs the worker to answer
  expect(run.records.filter((r) => r.outcome !== 'ok')).toEqual([]);
}
