import { Agency, AgencyType } from '@jipp/agencies';
import { Role } from '@jipp/core';
import { InnovationStatus } from '@jipp/innovations';
import {
  ModificationAspect,
  Outcome,
  OutcomeUnit,
  Replication,
  ReplicationModification,
  ReplicationStatus,
} from '@jipp/replications';
import { createInnovation, createUser, seededAgency } from '@jipp/testing';
import { In, Not } from 'typeorm';
import { errorCode, startTestApi, type TestApi } from './api-harness';

const REQUEST = `mutation($input: RequestReplicationInput!) {
  requestReplication(input: $input) { id version status }
}`;
const STEP = `mutation($input: TransitionReplicationInput!) {
  transitionReplication(input: $input) { id version status }
}`;
const LINEAGE = `query($id: Int!, $maxDepth: Int, $includeClosed: Boolean) {
  lineage(innovationId: $id, maxDepth: $maxDepth, includeClosed: $includeClosed) {
    innovation { id title } depth maxDepth includesClosed replicationCount
    nodes {
      key replicationId parentKey parentReplicationId depth status implementationDate requestedAt
      agency { id name shortName } province { code name } regency { code name }
      modifications { aspect whatChanged why }
      outcomes { indicator unit baselineValue latestValue }
    }
    edges { from to fromReplicationId toReplicationId }
    statusCounts { status count }
  }
}`;
const COMPARISON = `query($id: Int!) {
  outcomeComparison(innovationId: $id) {
    innovation { id }
    indicators {
      indicator unit
      origin { baselineValue baselineDate latestValue latestDate change changePercent }
      replicas { replicationId status adopterAgency { shortName } baselineValue latestValue change changePercent }
    }
  }
}`;

const TODAY = new Date().toISOString().slice(0, 10);

/** indicator, unit, baseline, latest */
type OutcomeSpec = [string, OutcomeUnit, number, number | null];

interface LineageNodeData {
  key: string;
  replicationId: number | null;
  parentKey: string | null;
  parentReplicationId: number | null;
  depth: number;
  status: string | null;
  agency: { shortName: string };
  province: { code: string };
  regency: { code: string } | null;
  modifications: Array<{ aspect: string; whatChanged: string; why: string }>;
  outcomes: Array<{ indicator: string }>;
}
type LineageData = {
  lineage: {
    innovation: { id: number };
    depth: number;
    includesClosed: boolean;
    replicationCount: number;
    nodes: LineageNodeData[];
    edges: Array<{ from: string; to: string; fromReplicationId: number | null; toReplicationId: number }>;
    statusCounts: Array<{ status: string; count: number }>;
  };
};

describe('lineage and outcome comparison', () => {
  let api: TestApi;
  let originAdmin: string;
  const members: Record<string, string> = {};
  let innovationId: number;
  let a: number; // Banyuwangi copies the origin (Surabaya)
  let b: number; // Makassar copies Banyuwangi's version
  let c: number; // Gowa copies Makassar's version

  const tokenOf = async (role: Role, agency: string): Promise<string> => {
    const user = await createUser(api.dataSource, {
      role,
      agencyId: (await seededAgency(api.dataSource, agency)).id,
    });
    return api.login(user.email);
  };

  const mustStep = async (as: string, id: number, version: number, action: string, extra = {}) => {
    const res = await api.gql<{ transitionReplication: { id: number; version: number; status: string } }>(
      STEP,
      { input: { id, version, action, ...extra } },
      as,
    );
    if (!res.data?.transitionReplication) throw new Error(`${action}: ${JSON.stringify(res.errors)}`);
    return res.data.transitionReplication;
  };

  const outcome = (
    replicationId: number | null,
    indicator: string,
    unit: OutcomeUnit,
    baselineValue: number,
    latestValue: number | null,
  ) =>
    api.dataSource.getRepository(Outcome).insert({
      innovationId,
      replicationId,
      indicator,
      unit,
      baselineValue,
      baselineDate: '2025-01-01',
      latestValue,
      latestDate: latestValue === null ? null : TODAY,
      source: null,
      createdByUserId: null,
    });

  /** Requests (from a source, or the origin), approves, and walks as far as `until`, through the API. */
  const replicate = async (
    agency: string,
    until: 'OBSERVING' | 'IMPLEMENTED',
    sourceReplicationId: number | null,
    outcomes: OutcomeSpec[] = [],
  ): Promise<number> => {
    const as = members[agency]!;
    const res = await api.gql<{ requestReplication: { id: number; version: number } }>(
      REQUEST,
      {
        input: {
          innovationId,
          note: `Kami ingin mereplikasi versi ${sourceReplicationId ?? 'asli'} inovasi ini.`,
          ...(sourceReplicationId ? { sourceReplicationId } : {}),
        },
      },
      as,
    );
    if (!res.data?.requestReplication) throw new Error(JSON.stringify(res.errors));
    const { id } = res.data.requestReplication;
    let r = await mustStep(originAdmin, id, res.data.requestReplication.version, 'APPROVE');
    r = await mustStep(as, id, r.version, 'START_OBSERVING');
    if (until === 'OBSERVING') return id;
    r = await mustStep(as, id, r.version, 'START_IMITATING');
    await api.dataSource.getRepository(ReplicationModification).insert({
      replicationId: id,
      aspect: ModificationAspect.TECHNOLOGY,
      whatChanged: `Formulir kertas diganti aplikasi di ${agency}.`,
      why: 'Sinyal internet di desa kami lemah.',
      createdByUserId: null,
    });
    r = await mustStep(as, id, r.version, 'START_MODIFYING');
    for (const spec of outcomes) await outcome(id, ...spec);
    await mustStep(as, id, r.version, 'IMPLEMENT', { implementationDate: TODAY });
    return id;
  };

  /** Runs `fn` and counts the SQL statements the api sends meanwhile. */
  const countingStatements = async <T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> => {
    let statements = 0;
    const logger = api.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      statements++;
      return original(query, parameters, runner);
    };
    try {
      return { result: await fn(), statements };
    } finally {
      logger.logQuery = original;
    }
  };

  const lineage = (id: number, variables: Record<string, unknown> = {}, token?: string) =>
    api.gql<LineageData>(LINEAGE, { id, ...variables }, token);

  beforeAll(async () => {
    api = await startTestApi();
    originAdmin = await tokenOf(Role.AGENCY_ADMIN, 'Pemkot Surabaya');
    for (const agency of ['Pemkab Banyuwangi', 'Pemkot Makassar', 'Pemkab Gowa', 'Pemkab Jember']) {
      members[agency] = await tokenOf(Role.MEMBER, agency);
    }
    innovationId = (await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' })).id;
    // the origin's own figures
    await outcome(null, 'Hari untuk menerbitkan akta kelahiran', OutcomeUnit.DAYS, 14, 2);
    await outcome(null, 'Cakupan akta kelahiran anak', OutcomeUnit.PERCENT, 60, 90);
    a = await replicate('Pemkab Banyuwangi', 'IMPLEMENTED', null, [
      ['Hari untuk menerbitkan akta kelahiran', OutcomeUnit.DAYS, 14, 3],
    ]);
    b = await replicate('Pemkot Makassar', 'IMPLEMENTED', a, [
      ['  hari untuk menerbitkan AKTA   kelahiran ', OutcomeUnit.DAYS, 10, 5],
      ['Kepuasan warga', OutcomeUnit.SCORE, 0, 80],
    ]);
    c = await replicate('Pemkab Gowa', 'OBSERVING', b);
  });

  afterAll(() => api.close());

  it('builds the tree three levels deep: depths, parents, adopters, regions, modifications', async () => {
    const res = await lineage(innovationId);
    expect(res.errors).toBeUndefined();
    const data = res.data!.lineage;
    expect(data).toMatchObject({
      innovation: { id: innovationId },
      depth: 3,
      includesClosed: false,
      replicationCount: 3,
    });
    const [origin, nodeA, nodeB, nodeC] = data.nodes;
    expect(data.nodes).toHaveLength(4);
    expect(origin).toMatchObject({
      key: 'origin',
      replicationId: null,
      parentKey: null,
      depth: 0,
      status: null,
      agency: { shortName: 'Pemkot Surabaya' },
      province: { code: '35' },
      regency: { code: '35.78' },
      modifications: [],
    });
    expect(origin!.outcomes.map((o) => o.indicator)).toEqual([
      'Hari untuk menerbitkan akta kelahiran',
      'Cakupan akta kelahiran anak',
    ]);
    expect(nodeA).toMatchObject({
      replicationId: a,
      parentKey: 'origin',
      parentReplicationId: null,
      depth: 1,
      status: 'IMPLEMENTED',
      agency: { shortName: 'Pemkab Banyuwangi' },
      province: { code: '35' },
      regency: { code: '35.10' },
      modifications: [
        { aspect: 'TECHNOLOGY', whatChanged: 'Formulir kertas diganti aplikasi di Pemkab Banyuwangi.' },
      ],
    });
    expect(nodeB).toMatchObject({
      replicationId: b,
      parentKey: `replication:${a}`,
      parentReplicationId: a,
      depth: 2,
      agency: { shortName: 'Pemkot Makassar' },
      province: { code: '73' },
      regency: { code: '73.71' },
    });
    expect(nodeC).toMatchObject({
      replicationId: c,
      parentReplicationId: b,
      depth: 3,
      status: 'OBSERVING',
      agency: { shortName: 'Pemkab Gowa' },
      regency: { code: '73.06' },
      modifications: [],
    });
    expect(data.edges).toEqual([
      { from: 'origin', to: `replication:${a}`, fromReplicationId: null, toReplicationId: a },
      { from: `replication:${a}`, to: `replication:${b}`, fromReplicationId: a, toReplicationId: b },
      { from: `replication:${b}`, to: `replication:${c}`, fromReplicationId: b, toReplicationId: c },
    ]);
    expect(data.statusCounts).toEqual([
      { status: 'OBSERVING', count: 1 },
      { status: 'IMPLEMENTED', count: 2 },
    ]);
  });

  it('leaves rejected and withdrawn requests out unless includeClosed', async () => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
    const requested = await api.gql<{ requestReplication: { id: number; version: number } }>(
      REQUEST,
      { input: { innovationId: innovation.id, note: 'Kami ingin mereplikasi inovasi ini.' } },
      members['Pemkab Jember'],
    );
    const { id, version } = requested.data!.requestReplication;
    await mustStep(originAdmin, id, version, 'REJECT', { note: 'Belum ada pendamping.' });
    const open = (await lineage(innovation.id)).data!.lineage;
    expect(open).toMatchObject({ depth: 0, replicationCount: 0, edges: [], statusCounts: [] });
    const all = (await lineage(innovation.id, { includeClosed: true })).data!.lineage;
    expect(all).toMatchObject({ depth: 1, replicationCount: 1, includesClosed: true });
    expect(all.nodes[1]).toMatchObject({ replicationId: id, status: 'REJECTED', depth: 1 });
    expect(all.statusCounts).toEqual([{ status: 'REJECTED', count: 1 }]);
  });

  it('refuses a lineage deeper than maxDepth with the actual depth, and maxDepth outside 1..20', async () => {
    const tooDeep = await lineage(innovationId, { maxDepth: 2 });
    expect(errorCode(tooDeep)).toBe('BAD_USER_INPUT');
    expect(tooDeep.errors![0]!.message).toBe('lineage is 3 levels deep; ask with maxDepth ≥ 3 (max 20).');
    expect((await lineage(innovationId, { maxDepth: 3 })).data?.lineage.depth).toBe(3);
    for (const maxDepth of [0, -1, 21, 1000]) {
      const res = await lineage(innovationId, { maxDepth });
      expect({ maxDepth, code: errorCode(res) }).toEqual({ maxDepth, code: 'BAD_USER_INPUT' });
    }
  });

  it('answers a lineage of 25 nodes in at most 5 SQL statements', async () => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Makassar' });
    const adopters = await api.dataSource.getRepository(Agency).find({
      where: {
        type: In([AgencyType.PEMKAB, AgencyType.PEMKOT]),
        provinceCode: '33',
        id: Not(innovation.originAgencyId),
      },
      order: { regionCode: 'ASC' },
      take: 24,
    });
    expect(adopters).toHaveLength(24);
    // written directly: five chains of copies, each node with a modification and an outcome
    const ids: number[] = [];
    const now = new Date();
    for (const [i, adopter] of adopters.entries()) {
      const source = i % 5 === 0 ? null : ids[i - 1]!;
      const inserted = await api.dataSource.getRepository(Replication).insert({
        innovationId: innovation.id,
        originAgencyId: innovation.originAgencyId,
        adopterAgencyId: adopter.id,
        adopterRegionCode: adopter.regionCode,
        adopterProvinceCode: adopter.provinceCode,
        sourceReplicationId: source,
        status: ReplicationStatus.IMPLEMENTED,
        requestNote: 'Replikasi untuk uji jumlah kueri.',
        requestedAt: now,
        implementedAt: now,
        implementationDate: TODAY,
        lastEventAt: now,
      });
      const id = inserted.identifiers[0]!['id'] as number;
      ids.push(id);
      await api.dataSource.getRepository(ReplicationModification).insert({
        replicationId: id,
        aspect: ModificationAspect.PROCESS,
        whatChanged: 'Alur dipersingkat.',
        why: 'Petugas kami sedikit.',
        createdByUserId: null,
      });
      await api.dataSource.getRepository(Outcome).insert({
        innovationId: innovation.id,
        replicationId: id,
        indicator: 'Waktu layanan',
        unit: OutcomeUnit.DAYS,
        baselineValue: 10,
        baselineDate: '2025-01-01',
        latestValue: 4,
        latestDate: TODAY,
        source: null,
        createdByUserId: null,
      });
    }
    await lineage(innovation.id); // regions are read once per process, then served from memory

    const { result: res, statements } = await countingStatements(() => lineage(innovation.id));
    expect(res.errors).toBeUndefined();
    const data = res.data!.lineage;
    expect(data.nodes).toHaveLength(25);
    expect(data.depth).toBe(5);
    expect(data.nodes.slice(1).every((n) => n.modifications.length === 1 && n.outcomes.length === 1)).toBe(
      true,
    );
    expect(new Set(data.nodes.map((n) => n.regency?.code)).size).toBe(25);
    expect(statements).toBeLessThanOrEqual(5);
    // the comparison of those 24 replicas' outcomes, too
    const comparison = await countingStatements(() => api.gql(COMPARISON, { id: innovation.id }));
    expect(comparison.result.errors).toBeUndefined();
    expect(comparison.statements).toBeLessThanOrEqual(3);
  });

  it('hides drafts from those who may not see them (NOT_FOUND), like the innovation itself', async () => {
    const draft = await createInnovation(api.dataSource, {
      agency: 'Pemkot Surabaya',
      status: InnovationStatus.DRAFT,
    });
    expect(errorCode(await lineage(draft.id))).toBe('NOT_FOUND');
    expect(errorCode(await lineage(draft.id, {}, members['Pemkab Jember']))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(COMPARISON, { id: draft.id }))).toBe('NOT_FOUND');
    expect(errorCode(await lineage(99_999_999))).toBe('NOT_FOUND');
    // the origin agency sees its draft: nobody replicated it yet
    const own = await lineage(draft.id, {}, originAdmin);
    expect(own.data?.lineage).toMatchObject({ depth: 0, replicationCount: 0 });
    expect(own.data!.lineage.nodes).toHaveLength(1);
  });

  it("compares the origin's outcomes with each replica's, by indicator and unit", async () => {
    const res = await api.gql<{
      outcomeComparison: {
        innovation: { id: number };
        indicators: Array<{
          indicator: string;
          unit: string;
          origin: Record<string, unknown> | null;
          replicas: Array<Record<string, unknown>>;
        }>;
      };
    }>(COMPARISON, { id: innovationId });
    expect(res.errors).toBeUndefined();
    const { indicators } = res.data!.outcomeComparison;
    expect(indicators.map((i) => [i.indicator, i.unit])).toEqual([
      ['Hari untuk menerbitkan akta kelahiran', 'DAYS'],
      ['Cakupan akta kelahiran anak', 'PERCENT'],
      ['Kepuasan warga', 'SCORE'],
    ]);
    const [days, coverage, satisfaction] = indicators;
    expect(days!.origin).toEqual({
      baselineValue: 14,
      baselineDate: '2025-01-01',
      latestValue: 2,
      latestDate: TODAY,
      change: -12,
      changePercent: -85.71,
    });
    expect(days!.replicas).toEqual([
      {
        replicationId: a,
        status: 'IMPLEMENTED',
        adopterAgency: { shortName: 'Pemkab Banyuwangi' },
        baselineValue: 14,
        latestValue: 3,
        change: -11,
        changePercent: -78.57,
      },
      {
        replicationId: b,
        status: 'IMPLEMENTED',
        adopterAgency: { shortName: 'Pemkot Makassar' },
        baselineValue: 10,
        latestValue: 5,
        change: -5,
        changePercent: -50,
      },
    ]);
    expect(coverage).toMatchObject({ origin: { change: 30, changePercent: 50 }, replicas: [] });
    // a zero baseline has a change but no percent; the origin did not report it
    expect(satisfaction).toMatchObject({
      origin: null,
      replicas: [{ replicationId: b, change: 80, changePercent: null }],
    });
    expect(errorCode(await api.gql(COMPARISON, { id: 99_999_999 }))).toBe('NOT_FOUND');
  });
});
