import {
  addCalendarMonths,
  decideTransition,
  ReplicationAction,
  ReplicationRelation,
  ReplicationStatus,
  WORKING_STATES,
} from '@jipp/replications';
import { DAY_MS, officeTime } from './scale-time';
import type { Random } from './seeded-random';

const S = ReplicationStatus;
const A = ReplicationAction;
const R = ReplicationRelation;

/** One step of a replication's history, as ReplicationsService records it. */
export interface PathStep {
  /** Null for the request that created the replication. */
  action: ReplicationAction | null;
  from: ReplicationStatus | null;
  to: ReplicationStatus;
  /** Unix ms. */
  at: number;
  /** Who took it: the relation the transition table asks for. */
  by: ReplicationRelation;
}

export interface PathWindow {
  requestedAt: number;
  /** Nothing happens after this moment (the end of the data set). */
  asOf: number;
  /** The escalation job stalls a working replication after this many days without an event. */
  stallAfterDays: number;
  /** The adopter belongs to a hub: only then is there a coordinator to resume, sustain or stall it. */
  inHub: boolean;
}

/** The forward step out of each working state and the median days it takes. */
const FORWARD: Partial<Record<ReplicationStatus, { action: ReplicationAction; medianDays: number }>> = {
  [S.APPROVED]: { action: A.START_OBSERVING, medianDays: 12 },
  [S.OBSERVING]: { action: A.START_IMITATING, medianDays: 25 },
  [S.IMITATING]: { action: A.START_MODIFYING, medianDays: 30 },
  [S.MODIFYING]: { action: A.IMPLEMENT, medianDays: 35 },
};

/** One set per relation, made once: the walk asks the table about millions of steps. */
const BY = new Map(Object.values(R).map((relation) => [relation, new Set([relation])]));

/** Stall-and-resume cycles one replication goes through at most. */
const MAX_STALLS = 3;

/**
 * Walks one replication forward from its request, step by step through the transition table, each
 * step later than the one before, until it ends or the next step would fall after `asOf`:
 * - the origin answers a request (approve 80%, reject 9%) unless the adopter withdraws (7%); a few
 *   requests are never answered;
 * - the adopter moves through ATM in office hours, or withdraws; a working replication whose next step
 *   would come after `stallAfterDays` idle days is stalled by the system first, as the escalation job
 *   does (a hub coordinator sometimes stalls one earlier);
 * - a hub coordinator resumes a stalled replication to the state it left, or the adopter withdraws;
 * - an implemented one is declared sustained by a hub coordinator after the 12-month check-in.
 * Every step is checked against `decideTransition` with the relation that takes it.
 */
export function walkReplication(window: PathWindow, random: Random): PathStep[] {
  const steps: PathStep[] = [
    { action: null, from: null, to: S.REQUESTED, at: window.requestedAt, by: R.ADOPTER_MEMBER },
  ];
  // widened on purpose: only `step` (a closure, which narrowing does not follow) changes them
  let status = S.REQUESTED as ReplicationStatus;
  let stalledFrom = null as ReplicationStatus | null;
  let last = window.requestedAt;
  let stalls = 0;
  let implementedAt = 0;

  /** Takes the step if it falls before the end; false when the history stops here. */
  const step = (action: ReplicationAction, at: number, by: ReplicationRelation): boolean => {
    if (at > window.asOf) return false;
    const decision = decideTransition(status, action, BY.get(by)!, stalledFrom);
    if (!decision.ok) throw new Error(`scale path: ${action} by ${by} is not a step from ${status}`);
    steps.push({ action, from: status, to: decision.to, at, by });
    if (decision.to === S.STALLED) {
      stalledFrom = status;
      stalls++;
    } else if (status === S.STALLED) stalledFrom = null;
    if (decision.to === S.IMPLEMENTED) implementedAt = at;
    status = decision.to;
    last = at;
    return true;
  };
  const afterDays = (days: number): number => officeTime(last + days * DAY_MS, last, random);

  for (;;) {
    if (status === S.REQUESTED) {
      const answer = random.weighted<ReplicationAction | null>([
        [A.APPROVE, 82],
        [A.REJECT, 9],
        [A.WITHDRAW, 5],
        [null, 4],
      ]);
      if (answer === null) return steps;
      const days =
        answer === A.APPROVE
          ? 0.5 + Math.min(90, random.logNormal(6, 0.8))
          : answer === A.REJECT
            ? 1 + Math.min(120, random.logNormal(10, 0.7))
            : 3 + Math.min(200, random.logNormal(20, 0.8));
      // a hub coordinator may answer for the origin when the adopter is in a hub
      const by =
        answer === A.WITHDRAW
          ? R.ADOPTER_MEMBER
          : window.inHub && random.chance(0.25)
            ? R.HUB_COORDINATOR
            : R.ORIGIN_ADMIN;
      if (!step(answer, afterDays(days), by)) return steps;
    } else if (WORKING_STATES.includes(status)) {
      const forward = FORWARD[status]!;
      const choice = random.weighted<'forward' | 'withdraw' | 'coordinator-stall'>([
        ['forward', 97],
        ['withdraw', 2],
        ['coordinator-stall', window.inHub ? 1 : 0],
      ]);
      const days =
        choice === 'forward'
          ? random.logNormal(forward.medianDays, 0.45)
          : choice === 'withdraw'
            ? random.logNormal(30, 0.7)
            : random.between(0.3, 0.95) * window.stallAfterDays;
      const humanAt = afterDays(days);
      // the job runs through the day: it stalls within a day of the idle limit
      const systemAt = last + window.stallAfterDays * DAY_MS + Math.round(random.between(0.01, 1) * DAY_MS);
      if (humanAt >= systemAt) {
        if (!step(A.STALL, systemAt, R.SYSTEM)) return steps;
      } else if (choice === 'forward') {
        if (!step(forward.action, humanAt, R.ADOPTER_MEMBER)) return steps;
      } else if (choice === 'withdraw') {
        if (!step(A.WITHDRAW, humanAt, R.ADOPTER_MEMBER)) return steps;
      } else if (!step(A.STALL, humanAt, R.HUB_COORDINATOR)) return steps;
    } else if (status === S.STALLED) {
      const canResume = window.inHub && stalls < MAX_STALLS;
      const next = random.weighted<ReplicationAction | null>([
        [A.RESUME, canResume ? 50 : 0],
        [A.WITHDRAW, 30],
        [null, 25],
      ]);
      if (next === null) return steps;
      const days =
        next === A.RESUME
          ? 3 + Math.min(150, random.logNormal(20, 0.8))
          : 5 + Math.min(300, random.logNormal(35, 0.8));
      if (!step(next, afterDays(days), next === A.RESUME ? R.HUB_COORDINATOR : R.ADOPTER_MEMBER))
        return steps;
    } else if (status === S.IMPLEMENTED) {
      if (!window.inHub || !random.chance(0.65)) return steps;
      // after the 12-month check-in fell due and the adopter updated its outcomes
      const due = addCalendarMonths(new Date(implementedAt), 12).getTime();
      const at = officeTime(due + (3 + Math.min(200, random.logNormal(25, 0.7))) * DAY_MS, last, random);
      if (!step(A.SUSTAIN, at, R.HUB_COORDINATOR)) return steps;
    } else {
      // rejected, withdrawn, sustained: closed
      return steps;
    }
  }
}
