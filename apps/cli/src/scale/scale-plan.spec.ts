import { AgencyType } from '@jipp/agencies';
import { AwardCompetition, AwardLevel, InnovationStatus } from '@jipp/innovations';
import { ReplicationStatus } from '@jipp/replications';
import {
  allocateReplications,
  planAgencies,
  planInnovations,
  type PlannedAgency,
  type PlannedInnovation,
  requestWindowDays,
  type ScaleAgency,
} from './innovation-plan';
import { planReplications, type ReplicationPlan, statusCounts, stepsOf } from './replication-plan';
import { DAY_MS } from './scale-time';
import { categoriesOfYear } from './scale-vocabulary';

const AS_OF = Date.UTC(2026, 10, 22);

/** Six provinces of nine regencies and three cities each, on three islands. */
function agencies(): ScaleAgency[] {
  const list: ScaleAgency[] = [];
  let id = 1;
  for (const province of ['11', '12', '32', '35', '73', '91']) {
    list.push({
      id: id++,
      name: `Pemerintah Provinsi P${province}`,
      shortName: null,
      type: AgencyType.PEMPROV,
      regionCode: province,
      provinceCode: province,
    });
    for (let k = 1; k <= 12; k++) {
      const city = k > 9;
      list.push({
        id: id++,
        name: `Pemerintah ${city ? 'Kota' : 'Kabupaten'} R${province}${k}`,
        shortName: null,
        type: city ? AgencyType.PEMKOT : AgencyType.PEMKAB,
        regionCode: `${province}.${String(k + (city ? 70 : 0)).padStart(2, '0')}`,
        provinceCode: province,
      });
    }
  }
  return list;
}

interface Planned {
  agencies: PlannedAgency[];
  innovations: PlannedInnovation[];
  plan: ReplicationPlan;
}

function planAll(seed: number, innovationCount = 400, replicationCount = 5000): Planned {
  const planned = planAgencies(agencies(), new Set(['35', '73']), seed);
  const innovations = planInnovations(planned, innovationCount, seed, AS_OF);
  allocateReplications(innovations, replicationCount, Math.floor((planned.length - 1) * 0.85), seed, AS_OF);
  const plan = planReplications({ agencies: planned, innovations, seed, asOf: AS_OF, stallAfterDays: 60 });
  return { agencies: planned, innovations, plan };
}

describe('the scale data plan', () => {
  const { agencies: planned, innovations, plan } = planAll(20_260_404);

  it('makes mostly published innovations from every agency, in creation order, with categories of their year', () => {
    const byStatus = (status: InnovationStatus) => innovations.filter((i) => i.status === status).length;
    expect(byStatus(InnovationStatus.PUBLISHED)).toBeGreaterThan(innovations.length * 0.8);
    expect(byStatus(InnovationStatus.DRAFT)).toBeGreaterThan(0);
    expect(byStatus(InnovationStatus.ARCHIVED)).toBeGreaterThan(0);
    expect(new Set(innovations.map((i) => i.origin)).size).toBe(planned.length);
    innovations.forEach((innovation, index) => {
      expect(innovation.index).toBe(index);
      if (index > 0) expect(innovation.createdAt).toBeGreaterThanOrEqual(innovations[index - 1]!.createdAt);
      expect(categoriesOfYear(innovation.competitionYear).map((c) => c.code)).toContain(
        innovation.categoryCode,
      );
      expect(innovation.launchYear).toBeGreaterThanOrEqual(2014);
      expect(innovation.launchYear).toBeLessThanOrEqual(innovation.competitionYear);
      if (innovation.status === InnovationStatus.DRAFT) {
        expect(innovation.publishedAt).toBeNull();
        expect(innovation.replications).toBe(0);
      } else {
        expect(innovation.publishedAt!).toBeGreaterThan(innovation.createdAt);
        expect(new Date(innovation.publishedAt!).getUTCFullYear()).toBe(innovation.competitionYear);
        expect(innovation.publishedAt!).toBeLessThan(AS_OF - DAY_MS);
      }
      if (innovation.archivedAt !== null)
        expect(innovation.archivedAt).toBeGreaterThan(innovation.publishedAt!);
    });
  });

  it('lets bigger cities innovate more than regencies', () => {
    const perAgency = (type: AgencyType) => {
      const of = planned.map((a, i) => [a, i] as const).filter(([a]) => a.type === type);
      const made = innovations.filter((i) => planned[i.origin]!.type === type).length;
      return made / of.length;
    };
    expect(perAgency(AgencyType.PEMKOT)).toBeGreaterThan(1.5 * perAgency(AgencyType.PEMKAB));
  });

  it('awards a few: at most 3% of a year in its Top 99, the second tier among them', () => {
    const awards = innovations.flatMap((i) => i.awards.map((a) => ({ ...a, innovation: i })));
    expect(awards.length).toBeGreaterThan(0);
    for (let year = 2014; year < 2026; year++) {
      const entries = innovations.filter((i) => i.publishedAt !== null && i.competitionYear === year).length;
      const top = awards.filter((a) => a.year === year && a.level === AwardLevel.TOP_99).length;
      expect(top).toBe(Math.min(99, Math.round(entries * 0.03)));
    }
    expect(awards.some((a) => a.year === 2026)).toBe(false);
    expect(awards.length).toBeLessThan(innovations.length * 0.1);
    for (const award of awards) {
      expect(award.year).toBeGreaterThanOrEqual(award.innovation.launchYear);
      expect(award.year).toBe(award.innovation.competitionYear);
      expect(award.createdAt).toBeGreaterThanOrEqual(award.innovation.publishedAt!);
      if (award.competition === AwardCompetition.KIPP && award.level !== AwardLevel.TOP_99) {
        expect(
          award.innovation.awards.some((a) => a.level === AwardLevel.TOP_99 && a.year === award.year),
        ).toBe(true);
      }
    }
  });

  it('spreads exactly the replications asked for, few innovations getting most (a power law)', () => {
    const counts = innovations.map((i) => i.replications).sort((a, b) => b - a);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(plan.count).toBe(5000);
    const top = counts.slice(0, innovations.length / 10).reduce((a, b) => a + b, 0);
    expect(top / 5000).toBeGreaterThan(0.4);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThan(innovations.length * 0.2);
    expect(counts[0]).toBeLessThanOrEqual(Math.floor((planned.length - 1) * 0.85));
  });

  it('picks adopters other than the origin, once per innovation, likelier in its province', () => {
    const pairs = new Set<string>();
    let sameProvince = 0;
    for (let i = 0; i < plan.count; i++) {
      const innovation = innovations[plan.innovation[i]!]!;
      const adopter = plan.adopter[i]!;
      expect(adopter).not.toBe(innovation.origin);
      const pair = `${innovation.index}:${adopter}`;
      expect(pairs.has(pair)).toBe(false);
      pairs.add(pair);
      if (planned[adopter]!.provinceCode === planned[innovation.origin]!.provinceCode) sameProvince++;
    }
    // a province holds a sixth of the agencies: its own innovations go to it far more often than that
    expect(sameProvince / plan.count).toBeGreaterThan(0.3);
    expect(sameProvince / plan.count).toBeLessThan(0.9);
  });

  it('requests after publication, before archiving and the end; ids follow the request times', () => {
    for (let position = 0; position < plan.count; position++) {
      const i = plan.order[position]!;
      expect(plan.rank[i]).toBe(position);
      const steps = stepsOf(plan, i);
      const innovation = innovations[plan.innovation[i]!]!;
      expect(steps[0]!.at).toBeGreaterThan(innovation.publishedAt! + DAY_MS - 1);
      expect(steps[0]!.at).toBeLessThan(innovation.archivedAt ?? AS_OF);
      expect(steps.at(-1)!.at).toBeLessThanOrEqual(AS_OF);
      if (position > 0)
        expect(steps[0]!.at).toBeGreaterThanOrEqual(stepsOf(plan, plan.order[position - 1]!)[0]!.at);
      expect(requestWindowDays(innovation, AS_OF)).toBeGreaterThan(1);
    }
  });

  it('copies implemented replicas of the same innovation (lineage), made and implemented before the request', () => {
    let copies = 0;
    for (let i = 0; i < plan.count; i++) {
      const source = plan.source[i]!;
      if (source < 0) continue;
      copies++;
      expect(plan.innovation[source]).toBe(plan.innovation[i]);
      expect(plan.adopter[source]).not.toBe(plan.adopter[i]);
      expect(plan.rank[source]).toBeLessThan(plan.rank[i]!);
      const implemented = stepsOf(plan, source).find((s) => s.to === ReplicationStatus.IMPLEMENTED);
      expect(implemented!.at).toBeLessThanOrEqual(stepsOf(plan, i)[0]!.at - DAY_MS);
    }
    expect(copies).toBeGreaterThan(plan.count * 0.05);
  });

  it('ends replications in every state', () => {
    expect([...statusCounts(plan).keys()].sort()).toEqual(Object.values(ReplicationStatus).sort());
  });

  it('is the same plan for the same seed, and another for another seed', () => {
    const again = planAll(20_260_404);
    expect(again.innovations).toEqual(innovations);
    expect(again.plan).toEqual(plan);
    const other = planAll(1);
    expect(other.plan.eventAt).not.toEqual(plan.eventAt);
  });

  it('refuses more replications than the innovations can take', () => {
    const few = planInnovations(planned, 10, 3, AS_OF);
    expect(() => allocateReplications(few, 100_000, 10, 3, AS_OF)).toThrow(
      /cannot place 100000 replications/,
    );
  });
});
