import { jakartaDay } from '@jipp/innovations';
import {
  addCalendarMonths,
  ReplicationAction,
  ReplicationRelation,
  ReplicationStatus,
} from '@jipp/replications';
import type { PathStep } from './replication-path';
import { replicationRecord } from './replication-record';
import { DAY_MS } from './scale-time';
import { systemStallNote } from './scale-vocabulary';
import { Random } from './seeded-random';

const S = ReplicationStatus;
const A = ReplicationAction;
const R = ReplicationRelation;
const AS_OF = Date.UTC(2026, 10, 22);
const at = (day: string): number => Date.parse(`${day}T03:00:00Z`);

/** Steps as a path walk makes them: `from` is the previous step's `to`. */
function path(
  ...moves: Array<[ReplicationAction, ReplicationStatus, string, ReplicationRelation?]>
): PathStep[] {
  const steps: PathStep[] = [
    { action: null, from: null, to: S.REQUESTED, at: at('2023-01-09'), by: R.ADOPTER_MEMBER },
  ];
  for (const [action, to, day, by] of moves) {
    steps.push({ action, from: steps.at(-1)!.to, to, at: at(day), by: by ?? R.ADOPTER_MEMBER });
  }
  return steps;
}

const record = (steps: PathStep[], seed = 1) =>
  replicationRecord(
    { steps, categoryCode: 'ADMINDUK', evidencePath: 'akta/35.10', asOf: AS_OF, stallAfterDays: 60 },
    new Random(seed),
  );

const FULL = path(
  [A.APPROVE, S.APPROVED, '2023-01-20', R.ORIGIN_ADMIN],
  [A.START_OBSERVING, S.OBSERVING, '2023-02-01'],
  [A.START_IMITATING, S.IMITATING, '2023-03-01'],
  [A.STALL, S.STALLED, '2023-05-02', R.SYSTEM],
  [A.RESUME, S.IMITATING, '2023-05-20', R.HUB_COORDINATOR],
  [A.START_MODIFYING, S.MODIFYING, '2023-06-12'],
  [A.IMPLEMENT, S.IMPLEMENTED, '2023-07-24'],
  [A.SUSTAIN, S.SUSTAINED, '2024-08-19', R.HUB_COORDINATOR],
);

describe('replication records of the scale data', () => {
  it('leave the columns as ReplicationsService does: entered-at set again on re-entry, version per event', () => {
    const r = record(FULL);
    expect(r).toMatchObject({
      status: S.SUSTAINED,
      stalledFrom: null,
      version: 9,
      requestedAt: at('2023-01-09'),
      approvedAt: at('2023-01-20'),
      observingAt: at('2023-02-01'),
      // entered twice: the resume sets it again
      imitatingAt: at('2023-05-20'),
      stalledAt: at('2023-05-02'),
      modifyingAt: at('2023-06-12'),
      implementedAt: at('2023-07-24'),
      sustainedAt: at('2024-08-19'),
      closedAt: null,
      rejectionReason: null,
      lastEventAt: at('2024-08-19'),
    });
    expect(r.events.map((e) => [e.action, e.from, e.to, e.at])).toEqual(
      FULL.map((s) => [s.action, s.from, s.to, s.at]),
    );
    expect(r.events[0]!.note).toBe(r.requestNote);
    expect(r.events[4]!.note).toBe(systemStallNote(60));
    expect(r.implementationDate! >= '2023-06-12' && r.implementationDate! <= '2023-07-24').toBe(true);
  });

  it('carries the evidence each step needs: modifications or a note, baselines, check-ins, updates before SUSTAIN', () => {
    for (let seed = 0; seed < 200; seed++) {
      const r = record(FULL, seed);
      expect(r.modifications.length > 0).toBe(r.noModificationNote === null);
      for (const m of r.modifications) {
        // recorded while imitating, after the resume and before START_MODIFYING
        expect(m.createdAt).toBeGreaterThan(at('2023-05-20'));
        expect(m.createdAt).toBeLessThan(at('2023-06-12'));
      }
      expect(r.outcomes.length).toBeGreaterThanOrEqual(1);
      const yearDue = addCalendarMonths(new Date(at('2023-07-24')), 12);
      for (const o of r.outcomes) {
        expect(o.createdAt).toBeGreaterThan(at('2023-06-12'));
        expect(o.createdAt).toBeLessThan(at('2023-07-24'));
        expect(o.baselineDate <= jakartaDay(new Date(o.createdAt))).toBe(true);
        expect(o.latestDate! >= jakartaDay(yearDue)).toBe(true);
        expect(o.updatedAt).toBeLessThan(at('2024-08-19'));
      }
      // due by the end: 6, 12 and 24 months after 24 July 2023
      expect(r.checkins.map((c) => c.months)).toEqual([6, 12, 24]);
      expect(r.checkins[1]!.dueAt).toBe(yearDue.getTime());
      for (const c of r.checkins) expect(c.raisedAt - c.dueAt).toBeLessThanOrEqual(3 * 3600 * 1000);
    }
  });

  it('counts an outcome update after the last step as the last event', () => {
    const steps = FULL.slice(0, 8);
    const touched = Array.from({ length: 100 }, (_, seed) => record(steps, seed)).filter(
      (r) => r.lastEventAt > r.implementedAt!,
    );
    expect(touched.length).toBeGreaterThan(30);
    for (const r of touched) {
      expect(r.status).toBe(S.IMPLEMENTED);
      expect(r.lastEventAt).toBe(Math.max(...r.outcomes.map((o) => o.updatedAt)));
      expect(r.lastEventAt).toBeLessThanOrEqual(AS_OF);
    }
  });

  it('closes rejected and withdrawn ones, and clears stalled_from when a stalled one is withdrawn', () => {
    const rejected = record(path([A.REJECT, S.REJECTED, '2023-01-30', R.ORIGIN_ADMIN]));
    expect(rejected).toMatchObject({ status: S.REJECTED, closedAt: at('2023-01-30'), version: 2 });
    expect(rejected.rejectionReason).toBe(rejected.events[1]!.note);

    const stalled = record(
      path(
        [A.APPROVE, S.APPROVED, '2023-01-20', R.ORIGIN_ADMIN],
        [A.STALL, S.STALLED, '2023-03-22', R.SYSTEM],
      ),
    );
    expect(stalled).toMatchObject({
      status: S.STALLED,
      stalledFrom: S.APPROVED,
      stalledAt: at('2023-03-22'),
    });

    const withdrawn = record(
      path(
        [A.APPROVE, S.APPROVED, '2023-01-20', R.ORIGIN_ADMIN],
        [A.STALL, S.STALLED, '2023-03-22', R.SYSTEM],
        [A.WITHDRAW, S.WITHDRAWN, '2023-04-10'],
      ),
    );
    expect(withdrawn).toMatchObject({ status: S.WITHDRAWN, stalledFrom: null, closedAt: at('2023-04-10') });
    expect(withdrawn.outcomes).toEqual([]);
    expect(withdrawn.checkins).toEqual([]);
  });

  it('writes no check-in that has not fallen due by the end', () => {
    const recent = FULL.slice(0, 8).map((s) => ({
      ...s,
      at: s.at + (AS_OF - at('2023-07-24')) - 100 * DAY_MS,
    }));
    const r = record(recent);
    expect(r.checkins).toEqual([]);
  });
});
