import fc from 'fast-check';
import {
  addCalendarMonths,
  decideTransition,
  ReplicationAction,
  ReplicationRelation,
  ReplicationStatus,
  WORKING_STATES,
} from '@jipp/replications';
import { type PathStep, walkReplication } from './replication-path';
import { DAY_MS } from './scale-time';
import { Random } from './seeded-random';

const S = ReplicationStatus;
const A = ReplicationAction;
const R = ReplicationRelation;
const AS_OF = Date.UTC(2026, 10, 22);
const STALL_DAYS = 60;

/** Replays a path through the transition table, as if each step were attempted anew. */
function replay(steps: readonly PathStep[]): ReplicationStatus {
  expect(steps[0]).toMatchObject({ action: null, from: null, to: S.REQUESTED });
  let status: ReplicationStatus = S.REQUESTED;
  let stalledFrom: ReplicationStatus | null = null;
  for (const step of steps.slice(1)) {
    expect(step.from).toBe(status);
    const decision = decideTransition(status, step.action!, new Set([step.by]), stalledFrom);
    expect(decision).toEqual({ ok: true, to: step.to });
    stalledFrom = step.to === S.STALLED ? status : null;
    status = step.to;
  }
  return status;
}

const walk = (requestedAt: number, inHub: boolean, seed: number): PathStep[] =>
  walkReplication({ requestedAt, asOf: AS_OF, stallAfterDays: STALL_DAYS, inHub }, new Random(seed));

describe('replication paths of the scale data', () => {
  it('walk only legal steps, by the relation the table asks for, later and later, never after the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2014, 0, 1), max: AS_OF - DAY_MS }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (requestedAt, inHub, seed) => {
          const steps = walk(requestedAt, inHub, seed);
          const final = replay(steps);
          steps.forEach((step, k) => {
            expect(step.at).toBeLessThanOrEqual(AS_OF);
            if (k > 0) expect(step.at).toBeGreaterThan(steps[k - 1]!.at);
          });
          // at the end a replication still worked on has not been idle past the stall period (and a day)
          if (WORKING_STATES.includes(final)) {
            expect(AS_OF - steps.at(-1)!.at).toBeLessThan((STALL_DAYS + 1) * DAY_MS);
          }
        },
      ),
      { numRuns: 3000, seed: 20261122 },
    );
  });

  it('stalls as the escalation job does: the system after the idle period, people before it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.boolean(), (seed, inHub) => {
        const steps = walk(Date.UTC(2018, 0, 1), inHub, seed);
        for (let k = 1; k < steps.length; k++) {
          const idleDays = (steps[k]!.at - steps[k - 1]!.at) / DAY_MS;
          if (!WORKING_STATES.includes(steps[k]!.from!)) continue;
          if (steps[k]!.by === R.SYSTEM) {
            expect(steps[k]!.action).toBe(A.STALL);
            expect(idleDays).toBeGreaterThan(STALL_DAYS);
            expect(idleDays).toBeLessThan(STALL_DAYS + 1);
          } else {
            expect(idleDays).toBeLessThan(STALL_DAYS + 1);
          }
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('needs a hub coordinator to resume or sustain: outside hubs neither happens', () => {
    for (let seed = 0; seed < 3000; seed++) {
      const steps = walk(Date.UTC(2016, 5, 1), false, seed);
      expect(steps.some((s) => s.by === R.HUB_COORDINATOR)).toBe(false);
      expect(steps.some((s) => s.action === A.RESUME || s.action === A.SUSTAIN)).toBe(false);
    }
  });

  it('declares a replication sustained only after its 12-month check-in fell due', () => {
    let sustained = 0;
    for (let seed = 0; seed < 3000; seed++) {
      const steps = walk(Date.UTC(2016, 5, 1), true, seed);
      const implemented = steps.find((s) => s.action === A.IMPLEMENT);
      const sustain = steps.find((s) => s.action === A.SUSTAIN);
      if (!sustain) continue;
      sustained++;
      expect(sustain.at).toBeGreaterThan(addCalendarMonths(new Date(implemented!.at), 12).getTime());
    }
    expect(sustained).toBeGreaterThan(1000);
  });

  it('ends in every state across many replications, closed ones long ago and working ones lately', () => {
    const finals = new Map<ReplicationStatus, number>();
    for (let seed = 0; seed < 6000; seed++) {
      // requests from ten years ago to a few days ago
      const requestedAt = AS_OF - ((seed % 100) / 100) ** 2 * 3650 * DAY_MS - 3 * DAY_MS;
      const final = walk(requestedAt, seed % 3 !== 0, seed).at(-1)!.to;
      finals.set(final, (finals.get(final) ?? 0) + 1);
    }
    expect([...finals.keys()].sort()).toEqual(Object.values(S).sort());
    const share = (status: ReplicationStatus) => finals.get(status)! / 6000;
    expect(share(S.IMPLEMENTED) + share(S.SUSTAINED)).toBeGreaterThan(0.4);
    expect(share(S.REJECTED)).toBeGreaterThan(0.03);
    expect(share(S.REJECTED)).toBeLessThan(0.2);
  });

  it('is the same walk for the same seed', () => {
    expect(walk(Date.UTC(2020, 1, 3), true, 42)).toEqual(walk(Date.UTC(2020, 1, 3), true, 42));
    expect(walk(Date.UTC(2020, 1, 3), true, 42)).not.toEqual(walk(Date.UTC(2020, 1, 3), true, 43));
  });
});
