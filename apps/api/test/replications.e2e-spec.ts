import { Network } from '@jipp/agencies';
import { AuditLog, OutboxEvent, Role } from '@jipp/core';
import { Innovation } from '@jipp/innovations';
import {
  Outcome,
  OutcomeUnit,
  ModificationAspect,
  Replication,
  ReplicationCheckin,
  ReplicationEvent,
  ReplicationModification,
  ReplicationAction,
  ReplicationsService,
} from '@jipp/replications';
import { createInnovation, seededAgency } from '@jipp/testing';
import { errorCode, startTestApi, type GqlResponse, type TestApi } from './api-harness';

const REQUEST = `mutation($input: RequestReplicationInput!) {
  requestReplication(input: $input) { id status version adopterAgency { shortName } originAgency { shortName } }
}`;
const STEP = `mutation($input: TransitionReplicationInput!) {
  transitionReplication(input: $input) { id status version stalledFrom }
}`;

/** Implementation dates may not precede the request, which is made today. */
const TODAY = new Date().toISOString().slice(0, 10);

type Step = {
  transitionReplication: { id: number; status: string; version: number; stalledFrom: string | null };
};

describe('replications', () => {
  let api: TestApi;
  // the innovation comes from Pemkot Surabaya (Jawa Timur); adopters are Jawa Timur regencies
  let originAdmin: string;
  let originMember: string;
  let adopterMember: string;
  let adopterAdmin: string;
  let otherMember: string;
  let coordinator: string; // of JIPP Jawa Timur, which holds the adopters
  let farCoordinator: string; // of JIPP Sulawesi Selatan
  let admin: string;

  const token = async (role: Role, agency: string, hub?: string): Promise<string> =>
    (await api.signInAs(role, agency, { hubs: hub ? [hub] : [] })).token;

  const request = async (innovationId: number, as = adopterMember, extra: Record<string, unknown> = {}) => {
    const res = await api.gql<{ requestReplication: { id: number; version: number; status: string } }>(
      REQUEST,
      { input: { innovationId, note: 'Kami ingin mereplikasi inovasi ini di kabupaten kami.', ...extra } },
      as,
    );
    if (!res.data?.requestReplication) throw new Error(JSON.stringify(res.errors));
    return res.data.requestReplication;
  };

  const step = (
    as: string,
    id: number,
    version: number,
    action: string,
    extra: Record<string, unknown> = {},
  ): Promise<GqlResponse<Step>> => api.gql<Step>(STEP, { input: { id, version, action, ...extra } }, as);

  const mustStep = async (as: string, id: number, version: number, action: string, extra = {}) => {
    const res = await step(as, id, version, action, extra);
    if (!res.data?.transitionReplication) throw new Error(`${action}: ${JSON.stringify(res.errors)}`);
    return res.data.transitionReplication;
  };

  const addModification = (replicationId: number) =>
    api.dataSource.getRepository(ReplicationModification).insert({
      replicationId,
      aspect: ModificationAspect.TECHNOLOGY,
      whatChanged: 'Formulir kertas diganti aplikasi WhatsApp.',
      why: 'Sinyal internet di desa kami lemah.',
      createdByUserId: null,
    });

  const addOutcome = (replicationId: number, innovationId: number) =>
    api.dataSource.getRepository(Outcome).insert({
      replicationId,
      innovationId,
      indicator: 'Hari untuk menerbitkan akta kelahiran',
      unit: OutcomeUnit.DAYS,
      baselineValue: 14,
      baselineDate: '2025-01-01',
      latestValue: null,
      latestDate: null,
      source: null,
      createdByUserId: null,
    });

  /** Walks a fresh request of a fresh innovation to the given action's result. */
  const walk = async (until: 'APPROVED' | 'OBSERVING' | 'IMITATING' | 'MODIFYING' | 'IMPLEMENTED') => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
    let r = await request(innovation.id);
    r = await mustStep(originAdmin, r.id, r.version, 'APPROVE');
    if (until === 'APPROVED') return { innovation, r };
    r = await mustStep(adopterMember, r.id, r.version, 'START_OBSERVING');
    if (until === 'OBSERVING') return { innovation, r };
    r = await mustStep(adopterMember, r.id, r.version, 'START_IMITATING');
    if (until === 'IMITATING') return { innovation, r };
    await addModification(r.id);
    r = await mustStep(adopterMember, r.id, r.version, 'START_MODIFYING');
    if (until === 'MODIFYING') return { innovation, r };
    await addOutcome(r.id, innovation.id);
    r = await mustStep(adopterMember, r.id, r.version, 'IMPLEMENT', { implementationDate: TODAY });
    return { innovation, r };
  };

  beforeAll(async () => {
    api = await startTestApi();
    originAdmin = await token(Role.AGENCY_ADMIN, 'Pemkot Surabaya');
    originMember = await token(Role.MEMBER, 'Pemkot Surabaya');
    adopterMember = await token(Role.MEMBER, 'Pemkab Banyuwangi');
    adopterAdmin = await token(Role.AGENCY_ADMIN, 'Pemkab Banyuwangi');
    otherMember = await token(Role.MEMBER, 'Pemkab Jember');
    coordinator = await token(Role.COORDINATOR, 'Pemprov Jawa Timur', 'jipp-jawa-timur');
    farCoordinator = await token(Role.COORDINATOR, 'Pemprov Sulawesi Selatan', 'jipp-sulawesi-selatan');
    admin = await token(Role.ADMIN, 'KemenPANRB');
  });

  afterAll(() => api.close());

  it('walks ATM from request to implementation, with events, audit, outbox and funnel counters', async () => {
    const { innovation, r } = await walk('IMPLEMENTED');
    expect(r.status).toBe('IMPLEMENTED');
    const events = await api.dataSource.getRepository(ReplicationEvent).find({
      where: { replicationId: r.id },
      order: { id: 'ASC' },
    });
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'REQUESTED'],
      ['REQUESTED', 'APPROVED'],
      ['APPROVED', 'OBSERVING'],
      ['OBSERVING', 'IMITATING'],
      ['IMITATING', 'MODIFYING'],
      ['MODIFYING', 'IMPLEMENTED'],
    ]);
    const outbox = await api.dataSource
      .getRepository(OutboxEvent)
      .find({ where: { aggregateType: 'replication', aggregateId: String(r.id) }, order: { id: 'ASC' } });
    expect(outbox.map((o) => o.type)).toEqual([
      'replication.requested',
      ...Array(5).fill('replication.transitioned'),
    ]);
    expect(outbox.map((o) => o.payload['eventId'])).toEqual(events.map((e) => e.id));
    expect(
      await api.dataSource
        .getRepository(AuditLog)
        .countBy({ entityType: 'replication', entityId: String(r.id) }),
    ).toBe(6);
    const counters = await api.dataSource.getRepository(Innovation).findOneByOrFail({ id: innovation.id });
    expect([counters.agreedCount, counters.replicatedCount, counters.provincesReached]).toEqual([1, 1, 1]);
    const row = await api.dataSource.getRepository(Replication).findOneByOrFail({ id: r.id });
    expect(row.implementationDate).toBe(TODAY);
    expect(
      row.approvedAt && row.observingAt && row.imitatingAt && row.modifyingAt && row.implementedAt,
    ).toBeTruthy();

    const read = await api.gql<{ replication: Record<string, unknown> }>(
      `query($id: Int!) { replication(id: $id) {
        status innovation { id } adopterAgency { shortName } originAgency { shortName } province { code } regency { code }
        events { fromStatus toStatus action actorUserId } availableActions
      } }`,
      { id: r.id },
      coordinator,
    );
    expect(read.data?.replication).toMatchObject({
      status: 'IMPLEMENTED',
      innovation: { id: innovation.id },
      adopterAgency: { shortName: 'Pemkab Banyuwangi' },
      originAgency: { shortName: 'Pemkot Surabaya' },
      province: { code: '35' },
      regency: { code: '35.10' },
      availableActions: ['SUSTAIN'],
    });
  });

  it('lets the right people take each step and refuses the others', async () => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
    const r = await request(innovation.id);
    for (const who of [adopterMember, adopterAdmin, originMember, otherMember, farCoordinator, admin]) {
      expect(errorCode(await step(who, r.id, r.version, 'APPROVE'))).toBe('FORBIDDEN');
    }
    // a hub coordinator of the adopter approves as well as the origin admin
    const approved = await mustStep(coordinator, r.id, r.version, 'APPROVE');
    for (const who of [originAdmin, coordinator, otherMember]) {
      expect(errorCode(await step(who, r.id, approved.version, 'START_OBSERVING'))).toBe('FORBIDDEN');
    }
    expect(errorCode(await step(adopterMember, r.id, approved.version, 'STALL'))).toBe('FORBIDDEN');
    const stalled = await mustStep(coordinator, r.id, approved.version, 'STALL', {
      note: 'Tidak ada kabar.',
    });
    expect(stalled).toMatchObject({ status: 'STALLED', stalledFrom: 'APPROVED' });
    expect(errorCode(await step(adopterMember, r.id, stalled.version, 'RESUME'))).toBe('FORBIDDEN');
    const resumed = await mustStep(coordinator, r.id, stalled.version, 'RESUME');
    expect(resumed).toMatchObject({ status: 'APPROVED', stalledFrom: null });
    expect(errorCode(await step(originAdmin, r.id, resumed.version, 'WITHDRAW'))).toBe('FORBIDDEN');
    const withdrawn = await mustStep(adopterAdmin, r.id, resumed.version, 'WITHDRAW', {
      note: 'Anggaran dialihkan.',
    });
    expect(withdrawn.status).toBe('WITHDRAWN');
    const closed = await step(adopterMember, r.id, withdrawn.version, 'START_OBSERVING');
    expect(errorCode(closed)).toBe('BAD_TRANSITION');
    expect(closed.errors?.[0]?.extensions).toMatchObject({ current: 'WITHDRAWN', allowed: [] });
    // withdrawn is not active: the agency may ask again
    expect((await request(innovation.id)).status).toBe('REQUESTED');
  });

  it('rejects with a reason only', async () => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
    const r = await request(innovation.id);
    expect(errorCode(await step(originAdmin, r.id, r.version, 'REJECT'))).toBe('BAD_USER_INPUT');
    const rejected = await mustStep(originAdmin, r.id, r.version, 'REJECT', {
      note: 'Belum ada pendamping.',
    });
    expect(rejected.status).toBe('REJECTED');
    expect(
      (await api.dataSource.getRepository(Replication).findOneByOrFail({ id: r.id })).rejectionReason,
    ).toBe('Belum ada pendamping.');
    const wrong = await step(adopterMember, r.id, rejected.version, 'START_OBSERVING');
    expect(errorCode(wrong)).toBe('BAD_TRANSITION');
  });

  it('holds one active replication per innovation and adopter, even under concurrent requests', async () => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.gql(
          REQUEST,
          { input: { innovationId: innovation.id, note: 'Permintaan replikasi serentak.' } },
          adopterMember,
        ),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(7);
    expect(await api.dataSource.getRepository(Replication).countBy({ innovationId: innovation.id })).toBe(1);
    // another agency may still ask
    expect((await request(innovation.id, otherMember)).status).toBe('REQUESTED');
  });

  it('refuses requests that make no sense, and writes nothing', async () => {
    const own = await createInnovation(api.dataSource, { agency: 'Pemkab Banyuwangi' });
    const draft = await createInnovation(api.dataSource, {
      agency: 'Pemkot Surabaya',
      status: 'DRAFT' as never,
    });
    // count only what this test could have written: other files seed replications at the same time
    const mine = () =>
      api.dataSource
        .getRepository(Replication)
        .countBy([{ innovationId: own.id }, { innovationId: draft.id }]);
    const before = await mine();
    const bad = async (input: Record<string, unknown>, as = adopterMember) =>
      errorCode(await api.gql(REQUEST, { input: { note: 'Permintaan replikasi uji.', ...input } }, as));
    expect(await bad({ innovationId: own.id })).toBe('BAD_USER_INPUT');
    expect(await bad({ innovationId: draft.id })).toBe('BAD_USER_INPUT');
    expect(await bad({ innovationId: 99999999 })).toBe('BAD_USER_INPUT');
    expect(await bad({ innovationId: own.id, note: 'x'.repeat(10_000) })).toBe('BAD_USER_INPUT');
    expect(await bad({ innovationId: own.id, facilitatorAgencyId: 99999999 })).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await api.gql(REQUEST, { input: { innovationId: own.id, note: 'tanpa masuk ke sistem' } })),
    ).toBe('UNAUTHENTICATED');
    expect(await mine()).toBe(before);
  });

  it('requires a modification or a note to modify, and a date and an outcome to implement', async () => {
    const { innovation, r: imitating } = await walk('IMITATING');
    const noEvidence = await step(adopterMember, imitating.id, imitating.version, 'START_MODIFYING');
    expect(errorCode(noEvidence)).toBe('BAD_USER_INPUT');
    const modifying = await mustStep(adopterMember, imitating.id, imitating.version, 'START_MODIFYING', {
      noModificationNote: 'Kami menerapkan persis seperti aslinya.',
    });
    expect(modifying.status).toBe('MODIFYING');
    expect(errorCode(await step(adopterMember, imitating.id, modifying.version, 'IMPLEMENT'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(
        await step(adopterMember, imitating.id, modifying.version, 'IMPLEMENT', {
          implementationDate: TODAY,
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    await addOutcome(imitating.id, innovation.id);
    for (const implementationDate of ['2099-01-01', '15-01-2026', '2026-02-30']) {
      expect(
        errorCode(
          await step(adopterMember, imitating.id, modifying.version, 'IMPLEMENT', { implementationDate }),
        ),
      ).toBe('BAD_USER_INPUT');
    }
    const evidence = await step(adopterMember, imitating.id, modifying.version, 'IMPLEMENT', {
      implementationDate: TODAY,
      evidenceUrl: 'javascript:alert(1)',
    });
    expect(errorCode(evidence)).toBe('BAD_USER_INPUT');
    const implemented = await mustStep(adopterMember, imitating.id, modifying.version, 'IMPLEMENT', {
      implementationDate: TODAY,
      evidenceUrl: 'https://banyuwangikab.go.id/berita/peluncuran',
    });
    expect(implemented.status).toBe('IMPLEMENTED');
    expect(
      (
        await api.dataSource
          .getRepository(ReplicationEvent)
          .findOneByOrFail({ replicationId: imitating.id, toStatus: 'IMPLEMENTED' as never })
      ).evidenceUrl,
    ).toBe('https://banyuwangikab.go.id/berita/peluncuran');
  });

  it('sustains only after the 12-month check-in with updated outcomes', async () => {
    const { r } = await walk('IMPLEMENTED');
    expect(errorCode(await step(coordinator, r.id, r.version, 'SUSTAIN'))).toBe('BAD_USER_INPUT');
    const dueAt = new Date(Date.now() - 24 * 3600 * 1000);
    await api.dataSource
      .getRepository(ReplicationCheckin)
      .insert({ replicationId: r.id, months: 12, dueAt, raisedAt: dueAt });
    expect(errorCode(await step(coordinator, r.id, r.version, 'SUSTAIN'))).toBe('BAD_USER_INPUT');
    await api.dataSource
      .getRepository(Outcome)
      .update({ replicationId: r.id }, { latestValue: 2, latestDate: new Date().toISOString().slice(0, 10) });
    expect(errorCode(await step(adopterMember, r.id, r.version, 'SUSTAIN'))).toBe('FORBIDDEN');
    expect((await mustStep(coordinator, r.id, r.version, 'SUSTAIN')).status).toBe('SUSTAINED');
  });

  it('lets exactly one of 50 concurrent steps on the same version win, with one event and one outbox row', async () => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
    const r = await request(innovation.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        step(i % 2 ? originAdmin : coordinator, r.id, r.version, i % 3 ? 'APPROVE' : 'REJECT', {
          note: 'Keputusan.',
        }),
      ),
    );
    expect(results.filter((res) => !res.errors)).toHaveLength(1);
    expect(results.filter((res) => errorCode(res) === 'CONFLICT')).toHaveLength(49);
    expect(await api.dataSource.getRepository(ReplicationEvent).countBy({ replicationId: r.id })).toBe(2);
    expect(
      await api.dataSource
        .getRepository(OutboxEvent)
        .countBy({ aggregateType: 'replication', aggregateId: String(r.id) }),
    ).toBe(2);
    // refused steps write no outbox row either
    // (the winner approved or rejected: withdrawing is either not theirs or no longer possible)
    expect(['FORBIDDEN', 'BAD_TRANSITION']).toContain(
      errorCode(await step(otherMember, r.id, r.version + 1, 'WITHDRAW')),
    );
    expect(
      await api.dataSource
        .getRepository(OutboxEvent)
        .countBy({ aggregateType: 'replication', aggregateId: String(r.id) }),
    ).toBe(2);
  });

  it('lets the system stall only what stayed idle since its scan', async () => {
    const { r } = await walk('OBSERVING');
    const service = api.app.get(ReplicationsService);
    const scannedAt = new Date(Date.now() - 60_000);
    // the replication saw activity after the scan: the system's stall is refused, nothing written
    const refused = service.transition('SYSTEM', r.id, r.version, ReplicationAction.STALL, {
      idleSince: scannedAt,
    });
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    const stalled = await service.transition('SYSTEM', r.id, r.version, ReplicationAction.STALL, {
      idleSince: new Date(Date.now() + 60_000),
      note: 'Tidak ada kegiatan.',
    });
    expect(stalled).toMatchObject({ status: 'STALLED', stalledFrom: 'OBSERVING' });
    const event = await api.dataSource
      .getRepository(ReplicationEvent)
      .findOneByOrFail({ replicationId: r.id, toStatus: 'STALLED' as never });
    expect(event.actorUserId).toBeNull();
  });

  it('keeps the funnel counters right after a mixed sequence', async () => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
    const adopters = [
      adopterMember,
      otherMember,
      await token(Role.MEMBER, 'Pemkot Makassar'),
      await token(Role.MEMBER, 'Pemkab Gowa'),
    ];
    const [a, b, c, d] = await Promise.all(adopters.map((t) => request(innovation.id, t)));
    const approve = (x: { id: number; version: number }) => mustStep(originAdmin, x.id, x.version, 'APPROVE');
    const a1 = await approve(a!);
    const b1 = await approve(b!);
    const c1 = await approve(c!);
    await mustStep(originAdmin, d!.id, d!.version, 'REJECT', { note: 'Tidak sesuai.' });
    await mustStep(otherMember, b1.id, b1.version, 'WITHDRAW');
    // a and c go all the way (c is in Sulawesi Selatan: a second province)
    for (const [x, t] of [
      [a1, adopters[0]!],
      [c1, adopters[2]!],
    ] as const) {
      let cur = await mustStep(t, x.id, x.version, 'START_OBSERVING');
      cur = await mustStep(t, x.id, cur.version, 'START_IMITATING');
      cur = await mustStep(t, x.id, cur.version, 'START_MODIFYING', { noModificationNote: 'Sama persis.' });
      await addOutcome(x.id, innovation.id);
      await mustStep(t, x.id, cur.version, 'IMPLEMENT', { implementationDate: TODAY });
    }
    const row = await api.dataSource.getRepository(Innovation).findOneByOrFail({ id: innovation.id });
    expect({
      agreed: row.agreedCount,
      replicated: row.replicatedCount,
      provinces: row.provincesReached,
    }).toEqual({
      agreed: 2,
      replicated: 2,
      provinces: 2,
    });
  });

  it('lists replications by innovation, adopter, origin, province, hub, status and year', async () => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
    const mine = await request(innovation.id);
    const theirs = await request(innovation.id, await token(Role.MEMBER, 'Pemkot Makassar'));
    const hub = await api.dataSource.getRepository(Network).findOneByOrFail({ slug: 'jipp-jawa-timur' });
    const banyuwangi = await seededAgency(api.dataSource, 'Pemkab Banyuwangi');
    const list = async (filter: Record<string, unknown>) => {
      const res = await api.gql<{ replications: { edges: Array<{ node: { id: number } }> } }>(
        `query($filter: ReplicationFilterInput) { replications(filter: $filter, first: 50) { edges { node { id } } } }`,
        { filter: { innovationId: innovation.id, ...filter } },
        otherMember,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.replications.edges.map((e) => e.node.id).sort((x, y) => x - y);
    };
    expect(await list({})).toEqual([mine.id, theirs.id].sort((x, y) => x - y));
    expect(await list({ adopterAgencyId: banyuwangi.id })).toEqual([mine.id]);
    expect(await list({ provinceCode: '73' })).toEqual([theirs.id]);
    expect(await list({ hubId: hub.id })).toEqual([mine.id]);
    expect(await list({ statuses: ['APPROVED'] })).toEqual([]);
    expect(await list({ year: new Date().getUTCFullYear() })).toHaveLength(2);
    expect(await list({ year: 2001 })).toEqual([]);
    expect(errorCode(await api.gql(`query { replications { edges { node { id } } } }`))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await api.gql(`query { replication(id: 99999999) { id } }`, {}, otherMember))).toBe(
      'NOT_FOUND',
    );
  });
});
