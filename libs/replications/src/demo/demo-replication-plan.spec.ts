import { DEMO_INNOVATIONS, slugOf } from '@jipp/innovations';
import { readRegions, RegionLevel } from '@jipp/regions';
import { dueCheckins } from '../checkins/checkin-schedule';
import { outcomeValueProblem } from '../outcomes/outcome-unit';
import {
  decideTransition,
  REPLICATED_STATES,
  ReplicationRelation,
  ReplicationStatus,
  WORKING_STATES,
} from '../state/replication-state';
import {
  DEMO_REPLICATION_MARKER,
  type DemoAgencyRef,
  type DemoInnovationRef,
  type DemoPlanInput,
  planDemoReplications,
} from './demo-replication-plan';

const DAY = 24 * 3600 * 1000;
const S = ReplicationStatus;
const NOW = new Date('2026-04-04T03:00:00.000Z');

/** The demo catalogue and every local government, as the seeder reads them from a seeded database. */
function demoInput(): DemoPlanInput {
  const regions = readRegions();
  const agencies: DemoAgencyRef[] = regions.map((region, index) => ({
    id: index + 1,
    name: `Pemerintah ${region.name}`,
    shortName:
      region.level === RegionLevel.PROVINCE
        ? `Pemprov ${region.name}`
        : `${/^kota/i.test(region.name) ? 'Pemkot' : 'Pemkab'} ${region.name.replace(/^(Kabupaten|Kota)\s+/i, '')}`,
    regionCode: region.code,
    provinceCode: region.provinceCode,
  }));
  const byRegion = new Map(agencies.map((a) => [a.regionCode, a]));
  const national = new Map([
    ['KemenPANRB', 9001],
    ['Kemendagri', 9002],
    ['LAN', 9003],
  ]);
  const innovations: DemoInnovationRef[] = DEMO_INNOVATIONS.map((entry, index) => {
    const origin =
      'nationalShortName' in entry.origin
        ? { id: national.get(entry.origin.nationalShortName)!, regionCode: '31', provinceCode: '31' }
        : byRegion.get(entry.origin.regionCode)!;
    return {
      id: 1000 + index,
      slug: slugOf(entry.title),
      title: entry.title,
      categoryCode: entry.category,
      originAgencyId: origin.id,
      regionCode: origin.regionCode,
      provinceCode: origin.provinceCode,
      // as the innovation seeder spreads them: over the last two years
      publishedAt: new Date(NOW.getTime() - 60_000 - ((index * 4.6) % 730) * DAY),
      launchYear: entry.launchYear,
    };
  });
  const banyuwangi = byRegion.get('35.10')!.id;
  return {
    innovations,
    agencies,
    users: {
      memberByAgency: new Map([[banyuwangi, 501]]),
      adminByAgency: new Map([[banyuwangi, 502]]),
      coordinatorByProvince: new Map([['35', 503]]),
    },
    now: NOW,
    hubProvinceCodes: ['35', '73', '16'],
    focusAgencyId: banyuwangi,
  };
}

describe('demo replication plan', () => {
  const input = demoInput();
  const plan = planDemoReplications(input);
  const { replications } = plan;
  const byKey = new Map(replications.map((r) => [r.key, r]));
  const innovationOf = new Map(input.innovations.map((i) => [i.id, i]));
  const banyuwangi = input.focusAgencyId!;

  it('is deterministic: the same input gives the same plan', () => {
    expect(planDemoReplications(demoInput())).toEqual(plan);
    expect(planDemoReplications({ ...demoInput(), seed: 7 })).not.toEqual(plan);
  });

  it('plans a few hundred replications in every state, across hubs and other provinces', () => {
    expect(replications.length).toBeGreaterThanOrEqual(300);
    expect(replications.length).toBeLessThanOrEqual(420);
    const statuses = new Set(replications.map((r) => r.status));
    expect([...statuses].sort()).toEqual(Object.values(S).sort());
    const provinces = new Set(replications.map((r) => r.adopterProvinceCode));
    for (const hub of input.hubProvinceCodes) expect(provinces.has(hub)).toBe(true);
    expect(provinces.size).toBeGreaterThan(20);
    expect(replications.every((r) => r.requestNote.endsWith(DEMO_REPLICATION_MARKER))).toBe(true);
  });

  it('keeps one replication per innovation and adopter, never the origin itself', () => {
    expect(byKey.size).toBe(replications.length);
    for (const r of replications) {
      expect(r.adopterAgencyId).not.toBe(r.originAgencyId);
      expect(innovationOf.get(r.innovationId)!.originAgencyId).toBe(r.originAgencyId);
    }
  });

  it('gives each replication a history the transition table allows, in time order, ending in its state', () => {
    for (const r of replications) {
      const [first, ...steps] = r.events;
      expect(first).toMatchObject({ action: null, fromStatus: null, toStatus: S.REQUESTED });
      expect(first!.occurredAt).toEqual(r.requestedAt);
      expect(r.requestedAt.getTime()).toBeGreaterThan(
        innovationOf.get(r.innovationId)!.publishedAt.getTime(),
      );
      let status: ReplicationStatus = S.REQUESTED;
      let stalledFrom: ReplicationStatus | null = null;
      let previous = first!.occurredAt.getTime();
      for (const event of steps) {
        expect(event.fromStatus).toBe(status);
        const decision = decideTransition(
          status,
          event.action!,
          new Set(Object.values(ReplicationRelation)),
          stalledFrom,
        );
        expect(decision).toEqual({ ok: true, to: event.toStatus });
        expect(event.occurredAt.getTime()).toBeGreaterThan(previous);
        previous = event.occurredAt.getTime();
        stalledFrom = event.toStatus === S.STALLED ? status : null;
        status = event.toStatus;
      }
      expect(status).toBe(r.status);
      expect(r.stalledFrom).toBe(r.status === S.STALLED ? stalledFrom : null);
      expect(r.lastEventAt.getTime()).toBe(previous);
      expect(previous).toBeLessThanOrEqual(NOW.getTime());
      expect(r.version).toBe(r.events.length);
      if (r.status === S.REJECTED) expect(r.rejectionReason).toBeTruthy();
      if (r.status === S.REJECTED || r.status === S.WITHDRAWN) expect(r.closedAt).toEqual(r.lastEventAt);
    }
  });

  it('leaves working replications under the 60-day stall, so the escalation job does not stall them all', () => {
    for (const r of replications.filter((x) => WORKING_STATES.includes(x.status))) {
      expect(NOW.getTime() - r.lastEventAt.getTime()).toBeLessThan(60 * DAY);
    }
  });

  it('records what each step needs: modifications, outcomes, check-ins', () => {
    const reachedModifying = replications.filter((r) => r.modifyingAt);
    for (const r of reachedModifying) {
      expect(r.modifications.length > 0 || !!r.noModificationNote).toBe(true);
      for (const m of r.modifications)
        expect(m.createdAt.getTime()).toBeLessThanOrEqual(r.modifyingAt!.getTime());
    }
    expect(reachedModifying.filter((r) => r.modifications.length > 0).length).toBeGreaterThan(
      reachedModifying.length * 0.7,
    );
    for (const r of replications.filter((x) => x.implementedAt)) {
      expect(r.outcomes.length).toBeGreaterThan(0);
      expect(r.implementationDate! <= r.implementedAt!.toISOString().slice(0, 10)).toBe(true);
      expect(r.implementationDate! >= r.requestedAt.toISOString().slice(0, 10)).toBe(true);
      expect(r.checkins.map((c) => c.months)).toEqual(
        dueCheckins(r.implementedAt!, NOW).map((c) => c.months),
      );
    }
    for (const r of replications.filter((x) => x.status === S.SUSTAINED)) {
      const year = r.checkins.find((c) => c.months === 12)!;
      expect(year.dueAt.getTime()).toBeLessThan(r.sustainedAt!.getTime());
      const dueDay = year.dueAt.toISOString().slice(0, 10);
      expect(r.outcomes.some((o) => o.latestDate !== null && o.latestDate >= dueDay)).toBe(true);
    }
    for (const o of [...replications.flatMap((r) => r.outcomes), ...plan.originOutcomes]) {
      expect(outcomeValueProblem(o.unit, o.baselineValue)).toBeNull();
      if (o.latestValue !== null) expect(outcomeValueProblem(o.unit, o.latestValue)).toBeNull();
      if (o.latestDate) expect(o.latestDate >= o.baselineDate).toBe(true);
    }
    expect(plan.originOutcomes.length).toBeGreaterThan(20);
    expect(replications.some((r) => r.documents.length > 0)).toBe(true);
  });

  it('builds lineages at least three deep, each copy made of an implemented source', () => {
    const depthOf = (key: string): number => {
      const r = byKey.get(key)!;
      return r.sourceKey ? depthOf(r.sourceKey) + 1 : 1;
    };
    for (const r of replications) {
      expect(depthOf(r.key)).toBe(r.level);
      if (!r.sourceKey) continue;
      const source = byKey.get(r.sourceKey)!;
      expect(source.innovationId).toBe(r.innovationId);
      expect(REPLICATED_STATES).toContain(source.status);
      expect(r.requestedAt.getTime()).toBeGreaterThan(source.implementedAt!.getTime());
    }
    const deep = new Set(replications.filter((r) => r.level >= 3).map((r) => r.innovationId));
    expect(deep.size).toBeGreaterThanOrEqual(3);
  });

  it('gives the demo users something to do', () => {
    const adopted = replications.filter((r) => r.adopterAgencyId === banyuwangi);
    const statuses = adopted.map((r) => r.status);
    expect(statuses).toEqual(
      expect.arrayContaining([S.REQUESTED, S.APPROVED, S.OBSERVING, S.MODIFYING, S.IMPLEMENTED]),
    );
    // the member can start observing an approval of two days ago
    const approved = adopted.find((r) => r.status === S.APPROVED)!;
    expect(NOW.getTime() - approved.lastEventAt.getTime()).toBeLessThan(3 * DAY);
    // the coordinator can sustain: the 12-month check-in is due and the outcomes were updated since
    const ready = adopted.find((r) => r.status === S.IMPLEMENTED)!;
    const year = ready.checkins.find((c) => c.months === 12)!;
    expect(ready.outcomes.every((o) => o.latestDate! >= year.dueAt.toISOString().slice(0, 10))).toBe(true);
    // its admin has requests to answer
    const waiting = replications.filter((r) => r.originAgencyId === banyuwangi && r.status === S.REQUESTED);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    // its own actions carry the demo users' ids
    expect(adopted.every((r) => r.requestedByUserId === 501)).toBe(true);
    expect(approved.events[1]!.actorUserId === 503 || approved.events[1]!.actorUserId === null).toBe(true);
  });
});
