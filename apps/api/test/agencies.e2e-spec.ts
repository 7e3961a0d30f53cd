import { Agency, AgencyType } from '@jipp/agencies';
import { AuditLog, Role } from '@jipp/core';
import { unique } from '@jipp/testing';
import { Not } from 'typeorm';
import { errorCode, startTestApi, type TestApi } from './api-harness';

const CREATE =
  'mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id name type regionCode provinceCode version } }';
const UPDATE =
  'mutation($id: Int!, $input: UpdateAgencyInput!) { updateAgency(id: $id, input: $input) { id name version active } }';
const DEACTIVATE = 'mutation($id: Int!) { deactivateAgency(id: $id) { id active version } }';

describe('agencies (GraphQL)', () => {
  let api: TestApi;
  let adminToken: string;
  let memberToken: string;
  beforeAll(async () => {
    api = await startTestApi();
    adminToken = (await api.signInAs(Role.ADMIN, 'KemenPANRB')).token;
    memberToken = (await api.signInAs(Role.AGENCY_ADMIN, 'Pemkab Banyuwangi')).token;
  });
  afterAll(() => api.close());

  // BUMD agencies are made by the notification tests of the same run: only the kinds these tests write count
  const agencyCount = (): Promise<number> =>
    api.dataSource.getRepository(Agency).countBy({ type: Not(AgencyType.BUMD) });

  it('filters by type and province, and searches by name', async () => {
    const res = await api.gql<{
      agencies: {
        totalCount: number;
        edges: Array<{ node: { name: string; type: string; provinceCode: string } }>;
      };
    }>(
      '{ agencies(first: 100, filter: { provinceCode: "35", type: [PEMKOT] }) { totalCount edges { node { name type provinceCode } } } }',
    );
    expect(res.data!.agencies.totalCount).toBe(9);
    expect(
      res.data!.agencies.edges.every((e) => e.node.type === 'PEMKOT' && e.node.provinceCode === '35'),
    ).toBe(true);
    const search = await api.gql<{
      agencies: { edges: Array<{ node: { shortName: string; regency: { name: string } } }> };
    }>('{ agencies(filter: { search: "banyuwangi" }) { edges { node { shortName regency { name } } } } }');
    expect(search.data!.agencies.edges.map((e) => e.node)).toEqual([
      { shortName: 'Pemkab Banyuwangi', regency: { name: 'Kabupaten Banyuwangi' } },
    ]);
    expect(errorCode(await api.gql('{ agencies(filter: { provinceCode: "99" }) { totalCount } }'))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('pages through a list with cursors, every row once, and refuses a forged cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total: number | undefined;
    do {
      const page: {
        data?: {
          agencies: {
            totalCount: number;
            edges: Array<{ node: { id: number } }>;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        } | null;
      } = await api.gql(
        'query($after: String) { agencies(first: 7, after: $after, filter: { provinceCode: "35" }) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      total = page.data!.agencies.totalCount;
      seen.push(...page.data!.agencies.edges.map((e) => String(e.node.id)));
      after = page.data!.agencies.pageInfo.hasNextPage ? page.data!.agencies.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(39);
    expect(new Set(seen).size).toBe(39);
    expect(errorCode(await api.gql('{ agencies(after: "bm9wZQ") { totalCount } }'))).toBe('BAD_USER_INPUT');
  });

  it('lets a national admin create an agency, with an audit row', async () => {
    const name = unique('Badan Uji');
    const res = await api.gql<{ createAgency: { id: number; provinceCode: string; version: number } }>(
      CREATE,
      { input: { name, type: 'LEMBAGA', regionCode: '31' } },
      adminToken,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createAgency).toMatchObject({ provinceCode: '31', version: 1 });
    const audit = await api.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'agency.create', entityId: String(res.data!.createAgency.id) });
    expect(audit.after).toMatchObject({ name, type: 'LEMBAGA' });
  });

  it('refuses other roles and anonymous callers, writing nothing', async () => {
    const before = await agencyCount();
    const input = { name: unique('Badan'), type: 'LEMBAGA', regionCode: '31' };
    expect(errorCode(await api.gql(CREATE, { input }, memberToken))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(CREATE, { input }))).toBe('UNAUTHENTICATED');
    expect(await agencyCount()).toBe(before);
  });

  it('answers bad input with BAD_USER_INPUT and writes nothing', async () => {
    const before = await agencyCount();
    const bad = [
      { name: '   ', type: 'LEMBAGA', regionCode: '31' },
      { name: 'x'.repeat(10_000), type: 'LEMBAGA', regionCode: '31' },
      { name: unique('Badan'), type: 'LEMBAGA', regionCode: '99.99' },
      { name: unique('Badan'), type: 'NOT_A_TYPE', regionCode: '31' },
      { name: unique('Pemkot'), type: 'PEMKOT', regionCode: '35.10' }, // Banyuwangi is a kabupaten
    ];
    for (const input of bad)
      expect(errorCode(await api.gql(CREATE, { input }, adminToken))).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await api.gql(
          'mutation { createAgency(input: { name: 42, type: LEMBAGA, regionCode: "31" }) { id } }',
          {},
          adminToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await agencyCount()).toBe(before);
  });

  it('refuses a second government for a region, and a duplicate name, with CONFLICT', async () => {
    expect(
      errorCode(
        await api.gql(
          CREATE,
          { input: { name: unique('Pemkab'), type: 'PEMKAB', regionCode: '35.10' } },
          adminToken,
        ),
      ),
    ).toBe('CONFLICT');
    expect(
      errorCode(
        await api.gql(
          CREATE,
          { input: { name: 'Kementerian Dalam Negeri', type: 'KEMENTERIAN', regionCode: '31' } },
          adminToken,
        ),
      ),
    ).toBe('CONFLICT');
  });

  it('updates with optimistic locking: a stale version is a CONFLICT, never an overwrite', async () => {
    const created = await api.gql<{ createAgency: { id: number } }>(
      CREATE,
      { input: { name: unique('Badan'), type: 'LEMBAGA', regionCode: '31' } },
      adminToken,
    );
    const id = created.data!.createAgency.id;
    const first = await api.gql<{ updateAgency: { name: string; version: number } }>(
      UPDATE,
      { id, input: { version: 1, name: `${unique('Baru')}` } },
      adminToken,
    );
    expect(first.data!.updateAgency.version).toBe(2);
    const stale = await api.gql(UPDATE, { id, input: { version: 1, name: 'Nama Lama' } }, adminToken);
    expect(errorCode(stale)).toBe('CONFLICT');
    const stored = await api.dataSource.getRepository(Agency).findOneByOrFail({ id });
    expect(stored.name).toBe(first.data!.updateAgency.name);
  });

  it('deactivates an agency once; deactivating again changes nothing', async () => {
    const created = await api.gql<{ createAgency: { id: number } }>(
      CREATE,
      { input: { name: unique('Badan'), type: 'LEMBAGA', regionCode: '31' } },
      adminToken,
    );
    const id = created.data!.createAgency.id;
    const off = await api.gql<{ deactivateAgency: { active: boolean; version: number } }>(
      DEACTIVATE,
      { id },
      adminToken,
    );
    expect(off.data!.deactivateAgency).toEqual({ id, active: false, version: 2 });
    const again = await api.gql<{ deactivateAgency: { active: boolean; version: number } }>(
      DEACTIVATE,
      { id },
      adminToken,
    );
    expect(again.data!.deactivateAgency).toEqual({ id, active: false, version: 2 });
    expect(errorCode(await api.gql(DEACTIVATE, { id: 999999 }, adminToken))).toBe('NOT_FOUND');
    const list = await api.gql<{ agencies: { totalCount: number } }>(
      '{ agencies(filter: { regionCode: "31", search: "Badan Uji" }) { totalCount } }',
    );
    expect(list.errors).toBeUndefined();
  });
});
