import { AuditLog, OutboxEvent, Role } from '@jipp/core';
import {
  Innovation,
  InnovationAward,
  InnovationStatus,
  AwardCompetition,
  AwardLevel,
  AwardsService,
} from '@jipp/innovations';
import { createInnovation, seededAgency, seededCategory, unique } from '@jipp/testing';
import { errorCode, startTestApi, type GqlResponse, type TestApi } from './api-harness';

const CREATE = `mutation($input: CreateInnovationInput!) {
  createInnovation(input: $input) {
    innovation { id slug status version title originAgency { shortName } province { code } regency { code } }
    possibleDuplicates { id title }
  }
}`;
const UPDATE = `mutation($id: Int!, $input: UpdateInnovationInput!) { updateInnovation(id: $id, input: $input) { id title version } }`;
const PUBLISH = `mutation($id: Int!, $version: Int!) { publishInnovation(id: $id, version: $version) { id status version publishedAt } }`;
const ARCHIVE = `mutation($id: Int!, $version: Int!) { archiveInnovation(id: $id, version: $version) { id status version } }`;
const LIST = `query($filter: InnovationFilterInput, $orderBy: InnovationOrder, $first: Int, $after: String) {
  innovations(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    edges { cursor node { id title } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type ListData = {
  innovations: {
    edges: Array<{ cursor: string; node: { id: number; title: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('innovation catalogue', () => {
  let api: TestApi;
  let categoryId: number;
  let member: string; // Pemkab Banyuwangi
  let agencyAdmin: string; // Pemkab Banyuwangi
  let otherMember: string; // Pemkot Surabaya
  let otherAdmin: string; // Pemkot Surabaya
  let admin: string; // KemenPANRB

  const draftInput = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    title: `Layanan Akta Kelahiran Keliling ${unique('x')}`,
    summary: 'Petugas mendatangi desa untuk menerbitkan akta kelahiran di tempat.',
    problem: 'Warga desa terpencil harus menempuh perjalanan jauh dan antre lama untuk akta kelahiran.',
    approach: 'Mobil layanan keliling terjadwal dengan perangkat cetak dan koneksi satelit.',
    novelty: 'Akta selesai dalam satu kunjungan.',
    impact: 'Cakupan akta kelahiran anak naik dari 60% menjadi 92% dalam dua tahun.',
    categoryId,
    digital: true,
    stage: 'IMPLEMENTED',
    sdgGoals: [16, 10],
    launchYear: 2019,
    ...overrides,
  });

  const createDraft = async (token = member, overrides: Record<string, unknown> = {}) => {
    const res = await api.gql<{
      createInnovation: { innovation: { id: number; version: number; slug: string } };
    }>(CREATE, { input: draftInput(overrides) }, token);
    if (!res.data?.createInnovation) throw new Error(JSON.stringify(res.errors));
    return res.data.createInnovation.innovation;
  };

  /** What `work` answers, with the SQL statements the api sent meanwhile. */
  const withStatements = async <T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> => {
    const statements: string[] = [];
    const logger = api.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      return original(query, parameters, runner);
    };
    try {
      return { result: await work(), statements };
    } finally {
      logger.logQuery = original;
    }
  };

  const count = (what: typeof Innovation | typeof AuditLog, where: Record<string, unknown>) =>
    api.dataSource.getRepository(what).countBy(where);

  beforeAll(async () => {
    api = await startTestApi();
    categoryId = (await seededCategory(api.dataSource, 'ADMINDUK')).id;
    [member, agencyAdmin, otherMember, otherAdmin, admin] = (
      await Promise.all([
        api.signInAs(Role.MEMBER, 'Pemkab Banyuwangi'),
        api.signInAs(Role.AGENCY_ADMIN, 'Pemkab Banyuwangi'),
        api.signInAs(Role.MEMBER, 'Pemkot Surabaya'),
        api.signInAs(Role.AGENCY_ADMIN, 'Pemkot Surabaya'),
        api.signInAs(Role.ADMIN, 'KemenPANRB'),
      ])
    ).map((s) => s.token) as [string, string, string, string, string];
  });

  afterAll(() => api.close());

  describe('lifecycle', () => {
    it('lets a member write a draft that only their agency sees, an agency admin publish it, an admin archive it', async () => {
      const draft = await createDraft();
      expect(draft.slug).toMatch(/^layanan-akta-kelahiran-keliling-/);

      const byId = `query($id: Int!) { innovation(id: $id) { id status } }`;
      expect((await api.gql(byId, { id: draft.id }, member)).data).toEqual({
        innovation: { id: draft.id, status: 'DRAFT' },
      });
      expect(errorCode(await api.gql(byId, { id: draft.id }, otherMember))).toBe('NOT_FOUND');
      expect(errorCode(await api.gql(byId, { id: draft.id }))).toBe('NOT_FOUND');

      expect(errorCode(await api.gql(PUBLISH, { id: draft.id, version: draft.version }, member))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await api.gql(PUBLISH, { id: draft.id, version: draft.version }, otherAdmin))).toBe(
        'NOT_FOUND',
      );
      const published = await api.gql<{
        publishInnovation: { status: string; version: number; publishedAt: string };
      }>(PUBLISH, { id: draft.id, version: draft.version }, agencyAdmin);
      expect(published.data?.publishInnovation).toMatchObject({
        status: 'PUBLISHED',
        version: draft.version + 1,
      });
      expect((await api.gql(byId, { id: draft.id })).data).toEqual({
        innovation: { id: draft.id, status: 'PUBLISHED' },
      });

      const again = await api.gql(PUBLISH, { id: draft.id, version: draft.version + 1 }, agencyAdmin);
      expect(errorCode(again)).toBe('BAD_TRANSITION');
      expect(again.errors?.[0]?.extensions).toMatchObject({ current: 'PUBLISHED', allowed: ['ARCHIVED'] });

      expect(errorCode(await api.gql(ARCHIVE, { id: draft.id, version: draft.version + 1 }, member))).toBe(
        'FORBIDDEN',
      );
      const archived = await api.gql<{ archiveInnovation: { status: string } }>(
        ARCHIVE,
        { id: draft.id, version: draft.version + 1 },
        admin,
      );
      expect(archived.data?.archiveInnovation.status).toBe('ARCHIVED');
      expect(errorCode(await api.gql(byId, { id: draft.id }, otherMember))).toBe('NOT_FOUND');
      expect((await api.gql(byId, { id: draft.id }, member)).data).toEqual({
        innovation: { id: draft.id, status: 'ARCHIVED' },
      });
      const edit = await api.gql(
        UPDATE,
        { id: draft.id, input: { version: draft.version + 2, title: 'Judul Baru Sekali' } },
        agencyAdmin,
      );
      expect(errorCode(edit)).toBe('BAD_TRANSITION');

      const audit = await api.dataSource.getRepository(AuditLog).find({
        where: { entityType: 'innovation', entityId: String(draft.id) },
        order: { id: 'ASC' },
      });
      expect(audit.map((a) => a.action)).toEqual([
        'innovation.create',
        'innovation.publish',
        'innovation.archive',
      ]);
      expect(audit[1]!.before).toMatchObject({ status: 'DRAFT' });
      expect(audit[1]!.after).toMatchObject({ status: 'PUBLISHED' });
      const events = await api.dataSource
        .getRepository(OutboxEvent)
        .findBy({ aggregateType: 'innovation', aggregateId: String(draft.id) });
      expect(events.map((e) => e.type).sort()).toEqual(['innovation.archived', 'innovation.published']);
    });

    it('refuses a stale edit with CONFLICT and keeps the first edit', async () => {
      const draft = await createDraft();
      const first = await api.gql(
        UPDATE,
        { id: draft.id, input: { version: draft.version, title: 'Judul Edisi Pertama' } },
        member,
      );
      expect(first.errors).toBeUndefined();
      const stale = await api.gql(
        UPDATE,
        { id: draft.id, input: { version: draft.version, title: 'Judul Edisi Kedua' } },
        agencyAdmin,
      );
      expect(errorCode(stale)).toBe('CONFLICT');
      expect(stale.errors?.[0]?.extensions?.['currentVersion']).toBe(draft.version + 1);
      const row = await api.dataSource.getRepository(Innovation).findOneByOrFail({ id: draft.id });
      expect(row.title).toBe('Judul Edisi Pertama');
    });

    it('lets exactly one of many concurrent edits of the same version win', async () => {
      const draft = await createDraft();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api.gql(
            UPDATE,
            { id: draft.id, input: { version: draft.version, title: `Judul Serentak ${i}` } },
            member,
          ),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(9);
      expect((await api.dataSource.getRepository(Innovation).findOneByOrFail({ id: draft.id })).version).toBe(
        draft.version + 1,
      );
    });

    it('keeps members away from published innovations and other agencies', async () => {
      const draft = await createDraft();
      expect(
        errorCode(
          await api.gql(
            UPDATE,
            { id: draft.id, input: { version: draft.version, title: 'Bukan Milikku' } },
            otherMember,
          ),
        ),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(
          await api.gql(
            UPDATE,
            { id: draft.id, input: { version: draft.version, title: 'Bukan Milikku' } },
            otherAdmin,
          ),
        ),
      ).toBe('NOT_FOUND');
      await api.gql(PUBLISH, { id: draft.id, version: draft.version }, agencyAdmin);
      expect(
        errorCode(
          await api.gql(
            UPDATE,
            { id: draft.id, input: { version: draft.version + 1, title: 'Edit Anggota' } },
            member,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(
          await api.gql(
            UPDATE,
            { id: draft.id, input: { version: draft.version + 1, title: 'Edit Admin Lain' } },
            otherAdmin,
          ),
        ),
      ).toBe('FORBIDDEN');
      const ok = await api.gql(
        UPDATE,
        { id: draft.id, input: { version: draft.version + 1, title: 'Edit Admin Instansi' } },
        agencyAdmin,
      );
      expect(ok.errors).toBeUndefined();
      expect(errorCode(await api.gql(CREATE, { input: draftInput() }))).toBe('UNAUTHENTICATED');
      expect(
        errorCode(
          await api.gql(
            CREATE,
            {
              input: draftInput({
                originAgencyId: (await seededAgency(api.dataSource, 'Pemkot Surabaya')).id,
              }),
            },
            member,
          ),
        ),
      ).toBe('FORBIDDEN');
      const forSurabaya = await api.gql<{
        createInnovation: { innovation: { originAgency: { shortName: string } } };
      }>(
        CREATE,
        { input: draftInput({ originAgencyId: (await seededAgency(api.dataSource, 'Pemkot Surabaya')).id }) },
        admin,
      );
      expect(forSurabaya.data?.createInnovation.innovation.originAgency.shortName).toBe('Pemkot Surabaya');
    });

    it('refuses a taken slug with CONFLICT and derives free slugs from equal titles', async () => {
      const title = `Sistem Antrean Daring ${unique('s')}`;
      const a = await createDraft(member, { title });
      const b = await createDraft(member, { title });
      expect(b.slug).toBe(`${a.slug}-2`);
      const taken = await api.gql(CREATE, { input: draftInput({ slug: a.slug }) }, member);
      expect(errorCode(taken)).toBe('CONFLICT');
    });

    it('answers bad input with BAD_USER_INPUT and writes nothing', async () => {
      // the member's own agency: other test files create innovations in the shared database meanwhile
      const own = { originAgencyId: (await seededAgency(api.dataSource, 'Pemkab Banyuwangi')).id };
      const before = await count(Innovation, own);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ categoryId: 999999 }, 'input.categoryId'],
        [{ sdgGoals: [18] }, 'input.sdgGoals'],
        [{ launchYear: 1800 }, 'input.launchYear'],
        [{ summary: 'x'.repeat(100_000) }, 'input.summary'],
        [{ title: '   ' }, 'input.title'],
        [{ slug: 'Bukan Slug!' }, 'input.slug'],
        [{ contactEmail: 'bukan-email' }, 'input.contactEmail'],
        [{ referenceUrl: 'javascript:alert(1)' }, 'input.referenceUrl'],
        [{ title: undefined }, 'input.title'],
      ];
      for (const [overrides, field] of cases) {
        const res = await api.gql(CREATE, { input: draftInput(overrides) }, member);
        expect({ field, code: errorCode(res) }).toEqual({ field, code: 'BAD_USER_INPUT' });
        expect(JSON.stringify(res.errors)).toContain(field.replace('input.', ''));
      }
      const wrongType = await api.gql(CREATE, { input: draftInput({ launchYear: 'dua ribu' }) }, member);
      expect(errorCode(wrongType)).toBe('BAD_USER_INPUT');
      expect(await count(Innovation, own)).toBe(before);
    });
  });

  describe('what a read loads', () => {
    const DETAILS = {
      problem: 'Warga desa terpencil harus menempuh perjalanan jauh dan antre lama untuk akta kelahiran.',
      contactName: 'Ibu Sari',
    };

    it('loads the long texts and the contact when a list or a single read asks for them, through fragments too', async () => {
      const draft = await createDraft(member, { contactName: DETAILS.contactName });
      const mine = { statuses: ['DRAFT'] };
      const byFragment = `query($id: Int!, $filter: InnovationFilterInput) {
        innovation(id: $id) { ...Texts }
        innovations(filter: $filter, first: 20) { edges { node { id ... on Innovation { approach } ...Texts } } }
      }
      fragment Texts on Innovation { problem contact { name } }`;
      const res = await api.gql<{
        innovation: { problem: string; contact: { name: string } | null };
        innovations: {
          edges: Array<{
            node: { id: number; problem: string; approach: string; contact: { name: string } | null };
          }>;
        };
      }>(byFragment, { id: draft.id, filter: mine }, member);
      expect(res.errors).toBeUndefined();
      expect(res.data!.innovation).toEqual({
        problem: DETAILS.problem,
        contact: { name: DETAILS.contactName },
      });
      const listed = res.data!.innovations.edges.find((e) => e.node.id === draft.id)!.node;
      expect(listed).toEqual({
        id: draft.id,
        approach: 'Mobil layanan keliling terjadwal dengan perangkat cetak dan koneksi satelit.',
        problem: DETAILS.problem,
        contact: { name: DETAILS.contactName },
      });
    });

    it('reads a card without its long texts, and the card is whole', async () => {
      const draft = await createDraft(member);
      const card = `query($filter: InnovationFilterInput) {
        innovations(filter: $filter, first: 20) {
          edges { node { id slug title summary version status sdgGoals category { code } originAgency { shortName } funnel { viewed } } }
        }
      }`;
      const res = await api.gql<{ innovations: { edges: Array<{ node: Record<string, unknown> }> } }>(
        card,
        { filter: { statuses: ['DRAFT'] } },
        member,
      );
      expect(res.errors).toBeUndefined();
      const node = res.data!.innovations.edges.find((e) => e.node['id'] === draft.id)!.node;
      expect(node).toEqual({
        id: draft.id,
        slug: draft.slug,
        title: expect.stringContaining('Layanan Akta Kelahiran Keliling'),
        summary: 'Petugas mendatangi desa untuk menerbitkan akta kelahiran di tempat.',
        version: draft.version,
        status: 'DRAFT',
        sdgGoals: [10, 16],
        category: { code: 'ADMINDUK' },
        originAgency: { shortName: expect.any(String) },
        funnel: { viewed: 0 },
      });
    });
  });

  describe('finding', () => {
    it('finds by an Indonesian word in the problem and ranks the better match first', async () => {
      const word = `stuntingx${unique('w').slice(2)}`.replace(/-/g, '');
      const inProblemOnly = await createInnovation(api.dataSource, {
        title: `Posyandu Keliling ${unique('a')}`,
        problem: `Angka ${word} balita tinggi karena ibu jarang menimbang anak di posyandu.`,
      });
      const inTitleAndProblem = await createInnovation(api.dataSource, {
        title: `Gerakan Cegah ${word} ${unique('b')}`,
        problem: `Kasus ${word} di desa pesisir tidak terpantau oleh puskesmas.`,
      });
      await createInnovation(api.dataSource, { title: `Tidak Relevan ${unique('c')}` });
      const res = await api.gql<ListData>(LIST, { filter: { search: word }, first: 10 });
      const ids = res.data!.innovations.edges.map((e) => e.node.id);
      expect(ids.slice(0, 2)).toEqual([inTitleAndProblem.id, inProblemOnly.id]);
      // a word prefix finds the longer word (perizinan / perizin)
      const prefix = await api.gql<ListData>(LIST, { filter: { search: word.slice(0, -2) } });
      expect(prefix.data!.innovations.edges.map((e) => e.node.id).sort()).toEqual(
        [inProblemOnly.id, inTitleAndProblem.id].sort(),
      );
    });

    it('narrows correctly with every filter', async () => {
      const marker = `filterx${unique('m').slice(2)}`.replace(/-/g, '');
      const summary = `Ringkasan ${marker} untuk uji penyaringan katalog inovasi.`;
      const kesehatan = await seededCategory(api.dataSource, 'KESEHATAN');
      const a = await createInnovation(api.dataSource, {
        summary,
        agency: 'Pemkab Banyuwangi',
        launchYear: 2016,
        sdgGoals: [3],
        digital: true,
        stage: 'TRIAL' as never,
        categoryCode: 'KESEHATAN',
      });
      const b = await createInnovation(api.dataSource, {
        summary,
        agency: 'Pemkot Surabaya',
        categoryCode: 'PENDIDIKAN',
        launchYear: 2020,
        sdgGoals: [4, 16],
      });
      const c = await createInnovation(api.dataSource, {
        summary,
        agency: 'Pemkot Makassar',
        categoryCode: 'PENDIDIKAN',
        launchYear: 2022,
        sdgGoals: [11],
      });
      const d = await createInnovation(api.dataSource, {
        summary,
        agency: 'Pemprov Jawa Timur',
        categoryCode: 'PENDIDIKAN',
        launchYear: 2018,
      });
      const draft = await createInnovation(api.dataSource, {
        summary,
        categoryCode: 'PENDIDIKAN',
        status: InnovationStatus.DRAFT,
      });
      await api.dataSource.getRepository(InnovationAward).insert([
        { innovationId: b.id, competition: AwardCompetition.KIPP, year: 2021, level: AwardLevel.TOP_45 },
        { innovationId: c.id, competition: AwardCompetition.KIPP, year: 2023, level: AwardLevel.TOP_99 },
        { innovationId: d.id, competition: AwardCompetition.IGA, year: 2019, level: AwardLevel.WINNER },
      ]);
      const banyuwangi = await seededAgency(api.dataSource, 'Pemkab Banyuwangi');
      const find = async (filter: Record<string, unknown>, token?: string): Promise<number[]> => {
        const res = await api.gql<ListData>(
          LIST,
          { filter: { search: marker, ...filter }, first: 50 },
          token,
        );
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        return res.data!.innovations.edges.map((e) => e.node.id).sort((x, y) => x - y);
      };
      const sorted = (...xs: Innovation[]) => xs.map((x) => x.id).sort((x, y) => x - y);

      expect(await find({})).toEqual(sorted(a, b, c, d));
      expect(await find({ categoryIds: [kesehatan.id] })).toEqual(sorted(a));
      expect(await find({ launchYearFrom: 2018, launchYearTo: 2020 })).toEqual(sorted(b, d));
      expect(await find({ provinceCode: '35' })).toEqual(sorted(a, b, d));
      expect(await find({ regencyCode: '35.78' })).toEqual(sorted(b));
      expect(await find({ agencyTypes: ['PEMKOT'] })).toEqual(sorted(b, c));
      expect(await find({ agencyTypes: ['PEMPROV', 'PEMKAB'] })).toEqual(sorted(a, d));
      expect(await find({ originAgencyId: banyuwangi.id })).toEqual(sorted(a));
      expect(await find({ award: { competition: 'KIPP' } })).toEqual(sorted(b, c));
      expect(await find({ award: { competition: 'KIPP', levels: ['TOP_45'] } })).toEqual(sorted(b));
      expect(await find({ award: { year: 2019 } })).toEqual(sorted(d));
      expect(await find({ sdgGoals: [16, 11] })).toEqual(sorted(b, c, d));
      expect(await find({ digital: true })).toEqual(sorted(a));
      expect(await find({ stages: ['TRIAL'] })).toEqual(sorted(a));
      // drafts: only for the origin agency, and only when asked
      expect(await find({ statuses: ['DRAFT'] })).toEqual([]);
      expect(await find({ statuses: ['DRAFT'] }, otherMember)).toEqual([]);
      expect(await find({ statuses: ['DRAFT'] }, member)).toEqual([draft.id]);
      expect(await find({ statuses: ['DRAFT', 'PUBLISHED'] }, admin)).toEqual(sorted(a, b, c, d, draft));

      for (const bad of [
        { provinceCode: '99' },
        { regencyCode: '35.99' },
        { sdgGoals: [0] },
        { launchYearFrom: 2020, launchYearTo: 2010 },
      ]) {
        expect({ bad, code: errorCode(await api.gql(LIST, { filter: { search: marker, ...bad } })) }).toEqual(
          { bad, code: 'BAD_USER_INPUT' },
        );
      }
    });

    it('returns every row exactly once across pages while rows are being added', async () => {
      const marker = `pagex${unique('p').slice(2)}`.replace(/-/g, '');
      const summary = `Ringkasan ${marker} untuk uji halaman katalog inovasi.`;
      const original = [];
      for (let i = 0; i < 23; i++) original.push(await createInnovation(api.dataSource, { summary }));
      for (const orderBy of ['NEWEST', 'RELEVANCE', 'MOST_REPLICATED']) {
        const seen: number[] = [];
        let after: string | null = null;
        for (let page = 0; page < 20; page++) {
          const res: GqlResponse<ListData> = await api.gql<ListData>(LIST, {
            filter: { search: marker },
            orderBy,
            first: 5,
            after,
          });
          if (res.errors) throw new Error(JSON.stringify(res.errors));
          seen.push(...res.data!.innovations.edges.map((e) => e.node.id));
          // someone publishes more while the reader pages
          await createInnovation(api.dataSource, { summary });
          if (!res.data!.innovations.pageInfo.hasNextPage) break;
          after = res.data!.innovations.pageInfo.endCursor;
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toEqual(expect.arrayContaining(original.map((o) => o.id)));
      }
      expect(errorCode(await api.gql(LIST, { filter: { search: marker }, after: 'bukan-kursor' }))).toBe(
        'BAD_USER_INPUT',
      );
    });

    it('loads a 20-item page with its relations in at most 3 SQL statements', async () => {
      const marker = `sqlx${unique('q').slice(2)}`.replace(/-/g, '');
      for (let i = 0; i < 20; i++) {
        const row = await createInnovation(api.dataSource, {
          summary: `Ringkasan ${marker} untuk uji jumlah perintah SQL.`,
          agency: i % 2 ? 'Pemkab Banyuwangi' : 'Pemkot Makassar',
        });
        await api.dataSource.getRepository(InnovationAward).insert({
          innovationId: row.id,
          competition: AwardCompetition.KIPP,
          year: 2020,
          level: AwardLevel.TOP_99,
        });
      }
      const { result: res, statements } = await withStatements(() =>
        api.gql<{ innovations: { edges: Array<{ node: { awards: unknown[] } }> } }>(
          `query($q: String!) { innovations(first: 20, filter: { search: $q }) { edges { node {
            id title sdgGoals category { name } originAgency { name type } province { name } regency { name }
            awards { competition year level } funnel { viewed interested agreed replicated } contact { unit }
          } } } }`,
          { q: marker },
          member,
        ),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.innovations.edges).toHaveLength(20);
      expect(res.data!.innovations.edges.every((e) => e.node.awards.length === 1)).toBe(true);
      expect(statements.length).toBeLessThanOrEqual(3);
    });

    it('answers innovation(slug) with its relations and refuses ambiguous keys', async () => {
      const row = await createInnovation(api.dataSource, { agency: 'Pemkot Makassar' });
      await api.dataSource.getRepository(InnovationAward).insert({
        innovationId: row.id,
        competition: AwardCompetition.UNPSA,
        year: 2021,
        level: AwardLevel.WINNER,
      });
      const query = `query($slug: String, $id: Int) { innovation(slug: $slug, id: $id) {
        id slug category { code competitionYear } originAgency { shortName } province { code name } regency { code kind }
        awards { competition year level } funnel { viewed interested agreed replicated provincesReached } contact { unit }
      } }`;
      const anonymous = await api.gql<{ innovation: Record<string, unknown> }>(query, { slug: row.slug });
      expect(anonymous.data?.innovation).toMatchObject({
        id: row.id,
        originAgency: { shortName: 'Pemkot Makassar' },
        province: { code: '73' },
        regency: { code: '73.71', kind: 'KOTA' },
        awards: [{ competition: 'UNPSA', year: 2021, level: 'WINNER' }],
        funnel: { viewed: 0, interested: 0, agreed: 0, replicated: 0, provincesReached: 0 },
        contact: null,
      });
      expect(errorCode(await api.gql(query, {}))).toBe('BAD_USER_INPUT');
      expect(errorCode(await api.gql(query, { slug: row.slug, id: row.id }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await api.gql(query, { slug: 'tidak-ada-sama-sekali' }))).toBe('NOT_FOUND');
    });

    it('reads innovation(slug) with its awards in one statement, newest first, as the awards loader orders them', async () => {
      const row = await createInnovation(api.dataSource, { agency: 'Pemkab Banyuwangi' });
      const bare = await createInnovation(api.dataSource, { agency: 'Pemkab Banyuwangi' });
      const awards = api.dataSource.getRepository(InnovationAward);
      await awards.insert({
        innovationId: row.id,
        competition: AwardCompetition.KIPP,
        year: 2019,
        level: AwardLevel.TOP_45,
      });
      await awards.insert({
        innovationId: row.id,
        competition: AwardCompetition.OTHER,
        year: 2023,
        level: AwardLevel.WINNER,
        title: 'Anugerah "Inovasi" Daerah',
      });
      await awards.insert({
        innovationId: row.id,
        competition: AwardCompetition.UNPSA,
        year: 2023,
        level: AwardLevel.WINNER,
      });
      const query = `query($slug: String!) { innovation(slug: $slug) { id awards { id competition year level title } } }`;
      const { result: answer, statements } = await withStatements(() =>
        api.gql<{ innovation: { awards: Array<Record<string, unknown>> } }>(query, { slug: row.slug }),
      );
      expect(answer.errors).toBeUndefined();
      expect(statements).toHaveLength(1);
      // what the awards loader reads for the same innovation, field for field and in its order
      const loaded = (await api.app.get(AwardsService).byInnovationIds([row.id])).get(row.id)!;
      expect(answer.data!.innovation.awards).toEqual(
        loaded.map(({ id, competition, year, level, title }) => ({ id, competition, year, level, title })),
      );
      expect(answer.data!.innovation.awards.map((a) => [a['competition'], a['year'], a['title']])).toEqual([
        ['OTHER', 2023, 'Anugerah "Inovasi" Daerah'],
        ['UNPSA', 2023, null],
        ['KIPP', 2019, null],
      ]);
      const none = await api.gql<{ innovation: { awards: unknown[] } }>(query, { slug: bare.slug });
      expect(none.data?.innovation.awards).toEqual([]);
    });

    it('suggests similar innovations and possible duplicates of a new draft', async () => {
      const word = `antreanx${unique('d').slice(2)}`.replace(/-/g, '');
      const existing = await createInnovation(api.dataSource, {
        title: `Akta Lahir Tanpa ${word} ${unique('e')}`,
        problem: `Orang tua ${word} berjam-jam di kantor dinas untuk mengurus akta kelahiran bayi.`,
      });
      const draftRow = await createInnovation(api.dataSource, {
        title: `Akta Bayi ${word} Cepat ${unique('f')}`,
        problem: `Pengurusan akta kelahiran bayi memerlukan ${word} panjang.`,
        status: InnovationStatus.DRAFT,
      });
      const created = await api.gql<{ createInnovation: { possibleDuplicates: Array<{ id: number }> } }>(
        CREATE,
        {
          input: draftInput({
            title: `Akta Kelahiran ${word} Desa ${unique('g')}`,
            problem: `Warga ${word} lama untuk akta kelahiran bayi di kantor dinas.`,
          }),
        },
        otherMember,
      );
      const duplicates = created.data!.createInnovation.possibleDuplicates.map((d) => d.id);
      expect(duplicates).toContain(existing.id);
      expect(duplicates).not.toContain(draftRow.id);

      const similar = await api.gql<{ similarInnovations: Array<{ id: number }> }>(
        `query($id: Int!) { similarInnovations(id: $id, first: 5) { id } }`,
        { id: existing.id },
      );
      const similarIds = similar.data!.similarInnovations.map((s) => s.id);
      expect(similarIds).not.toContain(existing.id);
      expect(similarIds).not.toContain(draftRow.id);
      expect(errorCode(await api.gql(`query { similarInnovations(id: 1, first: 500) { id } }`))).toBe(
        'BAD_USER_INPUT',
      );
      const check = await api.gql<{ possibleDuplicates: Array<{ id: number }> }>(
        `query($input: DuplicateCheckInput!) { possibleDuplicates(input: $input) { id } }`,
        { input: { title: `Akta ${word}`, problem: `${word} akta kelahiran bayi` } },
        member,
      );
      expect(check.data!.possibleDuplicates.map((d) => d.id)).toContain(existing.id);
    });
  });

  describe('funnel and awards', () => {
    it('counts watchers once however often and concurrently they watch', async () => {
      const row = await createInnovation(api.dataSource);
      const watch = `mutation($id: Int!) { watchInnovation(id: $id) { funnel { interested } } }`;
      const unwatch = `mutation($id: Int!) { unwatchInnovation(id: $id) { funnel { interested } } }`;
      await Promise.all(Array.from({ length: 10 }, () => api.gql(watch, { id: row.id }, member)));
      await api.gql(watch, { id: row.id }, otherMember);
      expect(
        (await api.dataSource.getRepository(Innovation).findOneByOrFail({ id: row.id })).watcherCount,
      ).toBe(2);
      await Promise.all(Array.from({ length: 5 }, () => api.gql(unwatch, { id: row.id }, member)));
      const seen = await api.gql<{ a: { viewerIsWatching: boolean }; b: { viewerIsWatching: boolean } }>(
        `query($id: Int!) { a: innovation(id: $id) { viewerIsWatching } b: innovation(id: $id) { viewerIsWatching } }`,
        { id: row.id },
        otherMember,
      );
      expect(seen.data).toEqual({ a: { viewerIsWatching: true }, b: { viewerIsWatching: true } });
      const anonymous = await api.gql(`query($id: Int!) { innovation(id: $id) { viewerIsWatching } }`, {
        id: row.id,
      });
      expect(anonymous.data).toEqual({ innovation: { viewerIsWatching: null } });
      const after = await api.gql<{ unwatchInnovation: { funnel: { interested: number } } }>(
        unwatch,
        { id: row.id },
        member,
      );
      expect(after.data?.unwatchInnovation.funnel.interested).toBe(1);
      expect(errorCode(await api.gql(watch, { id: row.id }))).toBe('UNAUTHENTICATED');
      const hidden = await createInnovation(api.dataSource, { status: InnovationStatus.DRAFT });
      expect(errorCode(await api.gql(watch, { id: hidden.id }, otherMember))).toBe('NOT_FOUND');
    });

    it('lets only national admins record awards, once each', async () => {
      const row = await createInnovation(api.dataSource, { launchYear: 2018 });
      const add = `mutation($input: AddAwardInput!) { addInnovationAward(input: $input) { id competition year level } }`;
      const input = { innovationId: row.id, competition: 'KIPP', year: 2019, level: 'TOP_45' };
      expect(errorCode(await api.gql(add, { input }, agencyAdmin))).toBe('FORBIDDEN');
      const added = await api.gql<{ addInnovationAward: { id: number } }>(add, { input }, admin);
      expect(added.errors).toBeUndefined();
      expect(errorCode(await api.gql(add, { input }, admin))).toBe('CONFLICT');
      expect(errorCode(await api.gql(add, { input: { ...input, year: 2017 } }, admin))).toBe(
        'BAD_USER_INPUT',
      );
      expect(errorCode(await api.gql(add, { input: { ...input, competition: 'OTHER' } }, admin))).toBe(
        'BAD_USER_INPUT',
      );
      const remove = `mutation($id: Int!) { removeInnovationAward(id: $id) { id } }`;
      expect(errorCode(await api.gql(remove, { id: added.data!.addInnovationAward.id }, member))).toBe(
        'FORBIDDEN',
      );
      expect(
        (await api.gql(remove, { id: added.data!.addInnovationAward.id }, admin)).errors,
      ).toBeUndefined();
      expect(errorCode(await api.gql(remove, { id: added.data!.addInnovationAward.id }, admin))).toBe(
        'NOT_FOUND',
      );
    });

    it('keeps categories per competition year, added by admins', async () => {
      const list = await api.gql<{ innovationCategories: Array<{ code: string }> }>(
        `query { innovationCategories(competitionYear: 2018) { code name nameEn } }`,
      );
      expect(list.data!.innovationCategories.map((c) => c.code)).toEqual(
        expect.arrayContaining(['KESEHATAN', 'ADMINDUK']),
      );
      const create = `mutation($input: CreateCategoryInput!) { createInnovationCategory(input: $input) { id competitionYear code } }`;
      const code = `UJI_${unique('c').slice(2, 8).toUpperCase().replace(/-/g, '_')}`;
      const input = { competitionYear: 2025, code, name: 'Kategori Uji', nameEn: 'Test category' };
      expect(errorCode(await api.gql(create, { input }, agencyAdmin))).toBe('FORBIDDEN');
      expect((await api.gql(create, { input }, admin)).errors).toBeUndefined();
      expect(errorCode(await api.gql(create, { input }, admin))).toBe('CONFLICT');
      expect(errorCode(await api.gql(create, { input: { ...input, code: 'bukan kode' } }, admin))).toBe(
        'BAD_USER_INPUT',
      );
    });
  });
});
