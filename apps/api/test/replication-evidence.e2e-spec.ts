import { AuditLog, Role } from '@jipp/core';
import {
  Outcome,
  Replication,
  ReplicationCheckin,
  ReplicationDocument,
  ReplicationModification,
} from '@jipp/replications';
import { createInnovation } from '@jipp/testing';
import { In } from 'typeorm';
import { errorCode, startTestApi, type GqlResponse, type TestApi } from './api-harness';

const REQUEST = `mutation($input: RequestReplicationInput!) {
  requestReplication(input: $input) { id status version }
}`;
const STEP = `mutation($input: TransitionReplicationInput!) {
  transitionReplication(input: $input) { id status version }
}`;
const ADD_MODIFICATION = `mutation($replicationId: Int!, $input: ReplicationModificationInput!) {
  addReplicationModification(replicationId: $replicationId, input: $input) { id replicationId aspect whatChanged why createdAt }
}`;
const REMOVE_MODIFICATION = `mutation($id: Int!) {
  removeReplicationModification(id: $id) { id version modifications { id } }
}`;
const RECORD_OUTCOME = `mutation($input: RecordOutcomeInput!) {
  recordOutcome(input: $input) { id innovationId replicationId indicator unit baselineValue baselineDate latestValue latestDate source }
}`;
const UPDATE_OUTCOME = `mutation($id: Int!, $input: UpdateOutcomeInput!) {
  updateOutcome(id: $id, input: $input) { id latestValue latestDate source baselineValue }
}`;
const ADD_DOCUMENT = `mutation($replicationId: Int!, $input: ReplicationDocumentInput!) {
  addReplicationDocument(replicationId: $replicationId, input: $input) { id replicationId kind title url }
}`;
const REMOVE_DOCUMENT = `mutation($id: Int!) {
  removeReplicationDocument(id: $id) { id documents { id } }
}`;

/** The request is made today: implementation and outcome days are on or before it. */
const TODAY = new Date().toISOString().slice(0, 10);
const LONG = 'x'.repeat(10_000);
const LONG_AGO = new Date('2020-01-01T00:00:00.000Z');

const MODIFICATION = {
  aspect: 'TECHNOLOGY',
  whatChanged: 'Formulir kertas diganti aplikasi WhatsApp.',
  why: 'Sinyal internet di desa kami lemah.',
};
const OUTCOME = {
  indicator: 'Hari untuk menerbitkan akta kelahiran',
  unit: 'DAYS',
  baselineValue: 14,
  baselineDate: '2025-01-01',
};
const DOCUMENT = {
  kind: 'AGREEMENT',
  title: 'Perjanjian kerja sama replikasi',
  url: 'https://banyuwangikab.go.id/pks/2026-akta.pdf',
};

type Ref = { id: number; version: number; status: string };
interface Person {
  id: number;
  token: string;
}

describe('replication evidence', () => {
  let api: TestApi;
  // the innovation comes from Pemkot Surabaya; the adopter is Pemkab Banyuwangi (both in Jawa Timur)
  let originAdmin: Person;
  let originMember: Person;
  let adopterMember: Person;
  let adopterAdmin: Person;
  let otherMember: Person;
  let coordinator: Person; // of JIPP Jawa Timur, which holds the adopter
  let admin: Person;

  const person = async (role: Role, agency: string, hub?: string): Promise<Person> => {
    const { user, token } = await api.signInAs(role, agency, { hubs: hub ? [hub] : [] });
    return { id: user.id, token };
  };

  const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, who: Person) =>
    api.gql<T>(query, variables, who.token);

  const must = async <T>(res: Promise<GqlResponse<T>>): Promise<T> => {
    const done = await res;
    if (!done.data || done.errors) throw new Error(JSON.stringify(done.errors));
    return done.data;
  };

  const step = (who: Person, r: Ref, action: string, extra: Record<string, unknown> = {}) =>
    gql<{ transitionReplication: Ref }>(
      STEP,
      { input: { id: r.id, version: r.version, action, ...extra } },
      who,
    );

  const mustStep = async (who: Person, r: Ref, action: string, extra: Record<string, unknown> = {}) =>
    (await must(step(who, r, action, extra))).transitionReplication;

  const addModification = (r: { id: number }, who = adopterMember, input: Record<string, unknown> = {}) =>
    gql<{ addReplicationModification: { id: number } }>(
      ADD_MODIFICATION,
      { replicationId: r.id, input: { ...MODIFICATION, ...input } },
      who,
    );

  const recordOutcome = (input: Record<string, unknown>, who = adopterMember) =>
    gql<{ recordOutcome: { id: number } & Record<string, unknown> }>(
      RECORD_OUTCOME,
      { input: { ...OUTCOME, ...input } },
      who,
    );

  const updateOutcome = (id: number, input: Record<string, unknown>, who = adopterMember) =>
    gql<{ updateOutcome: Record<string, unknown> }>(UPDATE_OUTCOME, { id, input }, who);

  const addDocument = (r: { id: number }, who = adopterMember, input: Record<string, unknown> = {}) =>
    gql<{ addReplicationDocument: { id: number } }>(
      ADD_DOCUMENT,
      { replicationId: r.id, input: { ...DOCUMENT, ...input } },
      who,
    );

  /** A fresh request of a fresh innovation, walked up to the given state (evidence through the API). */
  const walk = async (
    until: 'REQUESTED' | 'APPROVED' | 'OBSERVING' | 'IMITATING' | 'MODIFYING' | 'IMPLEMENTED',
  ) => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
    let r = (
      await must(
        gql<{ requestReplication: Ref }>(
          REQUEST,
          { input: { innovationId: innovation.id, note: 'Kami ingin mereplikasi inovasi ini.' } },
          adopterMember,
        ),
      )
    ).requestReplication;
    const order = ['REQUESTED', 'APPROVED', 'OBSERVING', 'IMITATING', 'MODIFYING', 'IMPLEMENTED'];
    const upTo = (state: string) => order.indexOf(until) >= order.indexOf(state);
    if (upTo('APPROVED')) r = await mustStep(originAdmin, r, 'APPROVE');
    if (upTo('OBSERVING')) r = await mustStep(adopterMember, r, 'START_OBSERVING');
    if (upTo('IMITATING')) r = await mustStep(adopterMember, r, 'START_IMITATING');
    if (upTo('MODIFYING')) {
      r = await mustStep(adopterMember, r, 'START_MODIFYING', {
        noModificationNote: 'Sama seperti aslinya.',
      });
    }
    if (upTo('IMPLEMENTED')) {
      await must(recordOutcome({ replicationId: r.id }));
      r = await mustStep(adopterMember, r, 'IMPLEMENT', { implementationDate: TODAY });
    }
    return { innovation, r };
  };

  const row = (id: number) => api.dataSource.getRepository(Replication).findOneByOrFail({ id });

  /** Puts lastEventAt back in time without touching the version, to see a write move it. */
  const ageLastEvent = (id: number) =>
    api.dataSource.query('UPDATE replication SET last_event_at = ? WHERE id = ?', [LONG_AGO, id]);

  /** Everything evidence writes for a replication, and the audit rows of these users. */
  const footprint = async (replicationId: number) => ({
    modifications: await api.dataSource.getRepository(ReplicationModification).countBy({ replicationId }),
    outcomes: await api.dataSource.getRepository(Outcome).countBy({ replicationId }),
    documents: await api.dataSource.getRepository(ReplicationDocument).countBy({ replicationId }),
    audit: await api.dataSource.getRepository(AuditLog).countBy({
      actorUserId: In(
        [originAdmin, originMember, adopterMember, adopterAdmin, otherMember, coordinator, admin].map(
          (p) => p.id,
        ),
      ),
      entityType: In(['replication_modification', 'outcome', 'replication_document']),
    }),
    lastEventAt: (await row(replicationId)).lastEventAt.toISOString(),
    version: (await row(replicationId)).version,
  });

  beforeAll(async () => {
    api = await startTestApi();
    originAdmin = await person(Role.AGENCY_ADMIN, 'Pemkot Surabaya');
    originMember = await person(Role.MEMBER, 'Pemkot Surabaya');
    adopterMember = await person(Role.MEMBER, 'Pemkab Banyuwangi');
    adopterAdmin = await person(Role.AGENCY_ADMIN, 'Pemkab Banyuwangi');
    otherMember = await person(Role.MEMBER, 'Pemkab Jember');
    coordinator = await person(Role.COORDINATOR, 'Pemprov Jawa Timur', 'jipp-jawa-timur');
    admin = await person(Role.ADMIN, 'KemenPANRB');
  });

  afterAll(() => api.close());

  it('records what was modified, which lets START_MODIFYING pass without a note, and an outcome lets IMPLEMENT pass', async () => {
    const { innovation, r: imitating } = await walk('IMITATING');
    // no evidence yet: the real transition refuses
    expect(errorCode(await step(adopterMember, imitating, 'START_MODIFYING'))).toBe('BAD_USER_INPUT');

    await ageLastEvent(imitating.id);
    const started = Date.now();
    const added = (
      await must(
        addModification(imitating, adopterMember, { whatChanged: '  Formulir kertas diganti aplikasi.  ' }),
      )
    ).addReplicationModification;
    expect(added).toMatchObject({
      replicationId: imitating.id,
      aspect: 'TECHNOLOGY',
      whatChanged: 'Formulir kertas diganti aplikasi.',
    });
    // evidence is activity: lastEventAt moves to now, the version and status stay
    const afterModification = await row(imitating.id);
    expect(afterModification.lastEventAt.getTime()).toBeGreaterThanOrEqual(started - 5);
    expect(afterModification.version).toBe(imitating.version);
    expect(afterModification.status).toBe('IMITATING');
    const audit = await api.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ entityType: 'replication_modification', entityId: String(added.id) });
    expect(audit).toMatchObject({ action: 'replication.modification.add', actorUserId: adopterMember.id });
    expect(audit.after).toMatchObject({ replicationId: imitating.id, aspect: 'TECHNOLOGY' });

    // the version read before the evidence is still good for the step
    const modifying = await mustStep(adopterMember, imitating, 'START_MODIFYING');
    expect(modifying.status).toBe('MODIFYING');
    expect((await row(imitating.id)).noModificationNote).toBeNull();

    // no outcome yet: IMPLEMENT refuses; one recorded by the adopter's admin lets it pass
    expect(errorCode(await step(adopterMember, modifying, 'IMPLEMENT', { implementationDate: TODAY }))).toBe(
      'BAD_USER_INPUT',
    );
    await ageLastEvent(imitating.id);
    const outcome = (
      await must(
        recordOutcome({ replicationId: imitating.id, source: 'Dispendukcapil Banyuwangi' }, adopterAdmin),
      )
    ).recordOutcome;
    expect(outcome).toMatchObject({
      innovationId: innovation.id,
      replicationId: imitating.id,
      unit: 'DAYS',
      baselineValue: 14,
      baselineDate: '2025-01-01',
      latestValue: null,
      latestDate: null,
      source: 'Dispendukcapil Banyuwangi',
    });
    const afterOutcome = await row(imitating.id);
    expect(afterOutcome.lastEventAt.getTime()).toBeGreaterThan(LONG_AGO.getTime());
    expect(afterOutcome.version).toBe(modifying.version);

    await ageLastEvent(imitating.id);
    const document = (await must(addDocument(imitating))).addReplicationDocument;
    expect(document).toMatchObject({ replicationId: imitating.id, ...DOCUMENT });
    expect((await row(imitating.id)).lastEventAt.getTime()).toBeGreaterThan(LONG_AGO.getTime());
    expect((await row(imitating.id)).version).toBe(modifying.version);

    const implemented = await mustStep(adopterMember, modifying, 'IMPLEMENT', { implementationDate: TODAY });
    expect(implemented.status).toBe('IMPLEMENTED');

    // read back through the Replication type
    const dueAt = new Date(Date.now() - 3600 * 1000);
    await api.dataSource
      .getRepository(ReplicationCheckin)
      .insert({ replicationId: imitating.id, months: 6, dueAt, raisedAt: dueAt });
    const read = await must(
      gql<{ replication: Record<string, unknown> }>(
        `query($id: Int!) { replication(id: $id) {
          modifications { id aspect whatChanged why }
          outcomes { id indicator unit baselineValue }
          documents { id kind title url }
          checkins { replicationId months dueAt }
        } }`,
        { id: imitating.id },
        otherMember,
      ),
    );
    expect(read.replication).toEqual({
      modifications: [
        {
          id: added.id,
          aspect: 'TECHNOLOGY',
          whatChanged: 'Formulir kertas diganti aplikasi.',
          why: MODIFICATION.why,
        },
      ],
      outcomes: [{ id: outcome.id, indicator: OUTCOME.indicator, unit: 'DAYS', baselineValue: 14 }],
      documents: [{ id: document.id, ...DOCUMENT }],
      checkins: [{ replicationId: imitating.id, months: 6, dueAt: dueAt.toISOString() }],
    });
  });

  it('reads each replication its own evidence in a list', async () => {
    const { innovation, r: first } = await walk('APPROVED');
    const second = (
      await must(
        gql<{ requestReplication: Ref }>(
          REQUEST,
          { input: { innovationId: innovation.id, note: 'Kami juga ingin mereplikasi.' } },
          otherMember,
        ),
      )
    ).requestReplication;
    const approvedSecond = await mustStep(originAdmin, second, 'APPROVE');
    await must(addModification(first));
    await must(addModification(first, adopterMember, { aspect: 'FUNDING' }));
    await must(addModification(approvedSecond, otherMember, { aspect: 'REGULATION' }));
    await must(addDocument(approvedSecond, otherMember));
    await must(recordOutcome({ replicationId: first.id }));
    const list = await must(
      gql<{ replications: { edges: Array<{ node: Record<string, unknown> }> } }>(
        `query($filter: ReplicationFilterInput) { replications(filter: $filter, first: 10) { edges { node {
          id modifications { aspect } outcomes { replicationId } documents { kind } checkins { months }
        } } } }`,
        { filter: { innovationId: innovation.id } },
        coordinator,
      ),
    );
    const byId = new Map(list.replications.edges.map((e) => [e.node['id'], e.node]));
    expect(byId.get(first.id)).toEqual({
      id: first.id,
      modifications: [{ aspect: 'TECHNOLOGY' }, { aspect: 'FUNDING' }],
      outcomes: [{ replicationId: first.id }],
      documents: [],
      checkins: [],
    });
    expect(byId.get(second.id)).toEqual({
      id: second.id,
      modifications: [{ aspect: 'REGULATION' }],
      outcomes: [],
      documents: [{ kind: 'AGREEMENT' }],
      checkins: [],
    });
  });

  it("lets only the adopter agency's users write a replication's evidence", async () => {
    const { r } = await walk('OBSERVING');
    const own = (await must(addModification(r, adopterAdmin))).addReplicationModification;
    const outcome = (await must(recordOutcome({ replicationId: r.id }))).recordOutcome;
    const document = (await must(addDocument(r))).addReplicationDocument;
    const before = await footprint(r.id);
    for (const who of [originAdmin, originMember, otherMember, coordinator, admin]) {
      expect(errorCode(await addModification(r, who))).toBe('FORBIDDEN');
      expect(errorCode(await recordOutcome({ replicationId: r.id }, who))).toBe('FORBIDDEN');
      expect(errorCode(await updateOutcome(outcome.id, { latestValue: 3, latestDate: TODAY }, who))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await addDocument(r, who))).toBe('FORBIDDEN');
      expect(errorCode(await gql(REMOVE_MODIFICATION, { id: own.id }, who))).toBe('FORBIDDEN');
      expect(errorCode(await gql(REMOVE_DOCUMENT, { id: document.id }, who))).toBe('FORBIDDEN');
    }
    // unknown ids are NOT_FOUND, like the replication query and transitions
    expect(errorCode(await addModification({ id: 99999999 }))).toBe('NOT_FOUND');
    expect(errorCode(await recordOutcome({ replicationId: 99999999 }))).toBe('NOT_FOUND');
    expect(errorCode(await recordOutcome({ innovationId: 99999999 }))).toBe('NOT_FOUND');
    expect(errorCode(await updateOutcome(99999999, { latestValue: 3, latestDate: TODAY }))).toBe('NOT_FOUND');
    expect(errorCode(await addDocument({ id: 99999999 }))).toBe('NOT_FOUND');
    expect(errorCode(await gql(REMOVE_MODIFICATION, { id: 99999999 }, adopterMember))).toBe('NOT_FOUND');
    expect(errorCode(await gql(REMOVE_DOCUMENT, { id: 99999999 }, adopterMember))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(ADD_MODIFICATION, { replicationId: r.id, input: MODIFICATION }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await footprint(r.id)).toEqual(before);
  });

  it("lets the origin agency record and update its innovation's own outcome, and nobody else", async () => {
    const { innovation, r } = await walk('APPROVED');
    const mine = (
      await must(
        recordOutcome({ innovationId: innovation.id, unit: 'PERCENT', baselineValue: 35 }, originMember),
      )
    ).recordOutcome;
    expect(mine).toMatchObject({ innovationId: innovation.id, replicationId: null, unit: 'PERCENT' });
    for (const who of [adopterMember, coordinator, admin]) {
      expect(errorCode(await recordOutcome({ innovationId: innovation.id }, who))).toBe('FORBIDDEN');
      expect(errorCode(await updateOutcome(mine.id, { latestValue: 90, latestDate: TODAY }, who))).toBe(
        'FORBIDDEN',
      );
    }
    const updated = (await must(updateOutcome(mine.id, { latestValue: 90, latestDate: TODAY }, originAdmin)))
      .updateOutcome;
    expect(updated).toMatchObject({ latestValue: 90, latestDate: TODAY, baselineValue: 35 });
    // the origin's own outcome is not one of the replica's
    const read = await must(
      gql<{ replication: { outcomes: unknown[] } }>(
        'query($id: Int!) { replication(id: $id) { outcomes { id } } }',
        { id: r.id },
        originMember,
      ),
    );
    expect(read.replication.outcomes).toEqual([]);
    expect(
      await api.dataSource.getRepository(AuditLog).countBy({
        entityType: 'outcome',
        entityId: String(mine.id),
        action: In(['outcome.record', 'outcome.update']),
      }),
    ).toBe(2);
  });

  it('refuses evidence in states that do not take it, with BAD_TRANSITION, writing nothing', async () => {
    const { r: requested } = await walk('REQUESTED');
    const before = await footprint(requested.id);
    const early = await addModification(requested);
    expect(errorCode(early)).toBe('BAD_TRANSITION');
    expect(early.errors?.[0]?.extensions).toMatchObject({ current: 'REQUESTED', allowed: [] });
    expect(errorCode(await recordOutcome({ replicationId: requested.id }))).toBe('BAD_TRANSITION');
    expect(await footprint(requested.id)).toEqual(before);
    // an agreement may be linked before approval
    await must(addDocument(requested));

    // after implementation: outcomes (check-ins) and documents, no more modifications
    const { r: implemented } = await walk('IMPLEMENTED');
    expect(errorCode(await addModification(implemented))).toBe('BAD_TRANSITION');
    await must(
      recordOutcome({
        replicationId: implemented.id,
        indicator: 'Jumlah akta terbit per bulan',
        unit: 'COUNT',
      }),
    );
    await must(addDocument(implemented, adopterMember, { kind: 'REPORT', title: 'Laporan 6 bulan' }));

    // closed: nothing at all
    const { r: approved } = await walk('APPROVED');
    const modification = (await must(addModification(approved))).addReplicationModification;
    const outcome = (await must(recordOutcome({ replicationId: approved.id }))).recordOutcome;
    const document = (await must(addDocument(approved))).addReplicationDocument;
    const withdrawn = await mustStep(adopterMember, approved, 'WITHDRAW', { note: 'Anggaran dialihkan.' });
    expect(withdrawn.status).toBe('WITHDRAWN');
    const closed = await footprint(approved.id);
    for (const res of [
      await addModification(approved),
      await recordOutcome({ replicationId: approved.id }),
      await updateOutcome(outcome.id, { latestValue: 3, latestDate: TODAY }),
      await addDocument(approved),
      await gql(REMOVE_MODIFICATION, { id: modification.id }, adopterMember),
      await gql(REMOVE_DOCUMENT, { id: document.id }, adopterMember),
    ]) {
      expect(errorCode(res)).toBe('BAD_TRANSITION');
      expect(res.errors?.[0]?.extensions).toMatchObject({ current: 'WITHDRAWN', allowed: [] });
    }
    expect(await footprint(approved.id)).toEqual(closed);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const { r } = await walk('IMITATING');
    const before = await footprint(r.id);
    const field = (res: GqlResponse) => {
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      return (res.errors?.[0]?.extensions?.['problems'] as Array<{ field: string }>).map((p) => p.field);
    };
    // outcome values the unit forbids, caught by the domain rule
    expect(field(await recordOutcome({ replicationId: r.id, baselineValue: -3 }))).toEqual([
      'input.baselineValue',
    ]);
    expect(field(await recordOutcome({ replicationId: r.id, unit: 'PERCENT', baselineValue: 120 }))).toEqual([
      'input.baselineValue',
    ]);
    expect(
      field(
        await recordOutcome({
          replicationId: r.id,
          unit: 'PERCENT',
          baselineValue: 40,
          latestValue: 120,
          latestDate: TODAY,
        }),
      ),
    ).toEqual(['input.latestValue']);
    expect(field(await recordOutcome({ replicationId: r.id, baselineDate: '2099-01-01' }))).toEqual([
      'input.baselineDate',
    ]);
    expect(field(await recordOutcome({ replicationId: r.id, baselineDate: '2025-02-30' }))).toEqual([
      'input.baselineDate',
    ]);
    expect(
      field(await recordOutcome({ replicationId: r.id, latestValue: 3, latestDate: '2024-12-31' })),
    ).toEqual(['input.latestDate']);
    expect(field(await recordOutcome({ replicationId: r.id, latestValue: 3 }))).toEqual(['input.latestDate']);
    // exactly one of replicationId and innovationId
    expect(field(await recordOutcome({ replicationId: r.id, innovationId: 1 }))).toEqual([
      'input.replicationId',
    ]);
    expect(field(await recordOutcome({}))).toEqual(['input.replicationId']);
    // 10 kB texts, caught at the door
    expect(field(await addModification(r, adopterMember, { whatChanged: LONG }))).toEqual(['whatChanged']);
    expect(field(await addModification(r, adopterMember, { why: LONG }))).toEqual(['why']);
    expect(field(await addModification(r, adopterMember, { why: '    ' }))).toEqual(['why']);
    expect(field(await recordOutcome({ replicationId: r.id, indicator: LONG }))).toEqual(['indicator']);
    expect(field(await recordOutcome({ replicationId: r.id, source: LONG }))).toEqual(['source']);
    expect(field(await addDocument(r, adopterMember, { title: LONG }))).toEqual(['title']);
    // links that are not http(s)
    for (const url of [
      'javascript:alert(1)',
      'ftp://files.banyuwangikab.go.id/pks.pdf',
      'banyuwangikab.go.id/pks',
      `https://banyuwangikab.go.id/${'a'.repeat(500)}`,
    ]) {
      expect(field(await addDocument(r, adopterMember, { url }))).toContain('url');
    }
    expect(await footprint(r.id)).toEqual(before);

    // a check-in update: the unit's limits, a day between the baseline and today
    const outcome = (await must(recordOutcome({ replicationId: r.id, unit: 'PERCENT', baselineValue: 40 })))
      .recordOutcome;
    const withOutcome = await footprint(r.id);
    expect(field(await updateOutcome(outcome.id, { latestValue: 120, latestDate: TODAY }))).toEqual([
      'input.latestValue',
    ]);
    expect(field(await updateOutcome(outcome.id, { latestValue: -1, latestDate: TODAY }))).toEqual([
      'input.latestValue',
    ]);
    expect(field(await updateOutcome(outcome.id, { latestValue: 60, latestDate: '2024-12-31' }))).toEqual([
      'input.latestDate',
    ]);
    expect(field(await updateOutcome(outcome.id, { latestValue: 60, latestDate: '2099-01-01' }))).toEqual([
      'input.latestDate',
    ]);
    expect(
      field(await updateOutcome(outcome.id, { latestValue: 60, latestDate: TODAY, source: LONG })),
    ).toEqual(['source']);
    expect(await footprint(r.id)).toEqual(withOutcome);
    expect(await api.dataSource.getRepository(Outcome).findOneByOrFail({ id: outcome.id })).toMatchObject({
      latestValue: null,
      latestDate: null,
    });
  });

  it('updates outcomes at check-ins, and the 12-month one then lets a coordinator sustain', async () => {
    const { r } = await walk('IMPLEMENTED');
    const [outcome] = await api.dataSource.getRepository(Outcome).findBy({ replicationId: r.id });
    const dueAt = new Date(Date.now() - 24 * 3600 * 1000);
    await api.dataSource
      .getRepository(ReplicationCheckin)
      .insert({ replicationId: r.id, months: 12, dueAt, raisedAt: dueAt });
    expect(errorCode(await step(coordinator, r, 'SUSTAIN'))).toBe('BAD_USER_INPUT');

    await ageLastEvent(r.id);
    const updated = (
      await must(
        updateOutcome(outcome!.id, { latestValue: 2, latestDate: TODAY, source: 'Laporan Dispendukcapil' }),
      )
    ).updateOutcome;
    expect(updated).toMatchObject({ latestValue: 2, latestDate: TODAY, source: 'Laporan Dispendukcapil' });
    const after = await row(r.id);
    expect(after.lastEventAt.getTime()).toBeGreaterThan(LONG_AGO.getTime());
    expect(after.version).toBe(r.version);
    const audit = await api.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'outcome.update', entityId: String(outcome!.id) });
    expect(audit.before).toMatchObject({ latestValue: null, latestDate: null });
    expect(audit.after).toMatchObject({ latestValue: 2, source: 'Laporan Dispendukcapil' });

    const sustained = await mustStep(coordinator, r, 'SUSTAIN');
    expect(sustained.status).toBe('SUSTAINED');
    // later check-ins still update it; omitting the source keeps it, null clears it
    expect(
      (await must(updateOutcome(outcome!.id, { latestValue: 1, latestDate: TODAY }))).updateOutcome,
    ).toMatchObject({ latestValue: 1, source: 'Laporan Dispendukcapil' });
    expect(
      (await must(updateOutcome(outcome!.id, { latestValue: 1, latestDate: TODAY, source: null })))
        .updateOutcome,
    ).toMatchObject({ source: null });
    expect((await row(r.id)).version).toBe(sustained.version);
  });

  it('removes modifications and documents with an audit row, but keeps the last modification that MODIFYING rests on', async () => {
    const { r: imitating } = await walk('IMITATING');
    const first = (await must(addModification(imitating))).addReplicationModification;
    const second = (await must(addModification(imitating, adopterMember, { aspect: 'FUNDING' })))
      .addReplicationModification;
    await ageLastEvent(imitating.id);
    const removed = (
      await must(
        gql<{ removeReplicationModification: { id: number; version: number; modifications: unknown[] } }>(
          REMOVE_MODIFICATION,
          { id: second.id },
          adopterMember,
        ),
      )
    ).removeReplicationModification;
    expect(removed).toEqual({
      id: imitating.id,
      version: imitating.version,
      modifications: [{ id: first.id }],
    });
    expect((await row(imitating.id)).lastEventAt.getTime()).toBeGreaterThan(LONG_AGO.getTime());
    const audit = await api.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'replication.modification.remove', entityId: String(second.id) });
    expect(audit).toMatchObject({ actorUserId: adopterMember.id, after: null });
    expect(audit.before).toMatchObject({
      replicationId: imitating.id,
      aspect: 'FUNDING',
      why: MODIFICATION.why,
    });
    expect(errorCode(await gql(REMOVE_MODIFICATION, { id: second.id }, adopterMember))).toBe('NOT_FOUND');

    const modifying = await mustStep(adopterMember, imitating, 'START_MODIFYING');
    const last = await gql(REMOVE_MODIFICATION, { id: first.id }, adopterMember);
    expect(errorCode(last)).toBe('CONFLICT');
    expect(await api.dataSource.getRepository(ReplicationModification).countBy({ id: first.id })).toBe(1);
    // with its replacement recorded first, the mistaken one goes
    await must(addModification(modifying, adopterMember, { aspect: 'PROCESS' }));
    await must(gql(REMOVE_MODIFICATION, { id: first.id }, adopterMember));

    const document = (await must(addDocument(modifying))).addReplicationDocument;
    const afterRemoval = (
      await must(
        gql<{ removeReplicationDocument: { documents: unknown[] } }>(
          REMOVE_DOCUMENT,
          { id: document.id },
          adopterAdmin,
        ),
      )
    ).removeReplicationDocument;
    expect(afterRemoval.documents).toEqual([]);
    expect(
      await api.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ action: 'replication.document.remove', entityId: String(document.id) }),
    ).toMatchObject({ actorUserId: adopterAdmin.id, before: { title: DOCUMENT.title, url: DOCUMENT.url } });
    expect((await row(imitating.id)).version).toBe(modifying.version);
  });
});
