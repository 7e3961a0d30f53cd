import { Role } from '@jipp/core';
import { createUser, seededAgency } from '@jipp/testing';
import { errorCode, startTestApi, type TestApi } from './api-harness';

describe('networks (GraphQL)', () => {
  let api: TestApi;
  let adminToken: string;
  beforeAll(async () => {
    api = await startTestApi();
    adminToken = (await api.signInAs(Role.ADMIN, 'KemenPANRB')).token;
  });
  afterAll(() => api.close());

  it('seeds the first hubs with their province governments as members', async () => {
    const res = await api.gql<{
      network: { name: string; memberCount: number; members: { totalCount: number } };
    }>('{ network(slug: "jipp-jawa-timur") { name memberCount members(first: 5) { totalCount } } }');
    expect(res.data!.network).toEqual({
      name: 'JIPP Jawa Timur',
      memberCount: 39,
      members: { totalCount: 39 },
    });
    const all = await api.gql<{ networks: Array<{ slug: string }> }>('{ networks { slug } }');
    expect(all.data!.networks.map((n) => n.slug)).toEqual(
      expect.arrayContaining(['jipp-jawa-timur', 'jipp-sulawesi-selatan', 'jipp-sumatera-selatan']),
    );
    expect(errorCode(await api.gql('{ network(slug: "tidak-ada") { id } }'))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql('{ network(id: 1, slug: "jipp-jawa-timur") { id } }'))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('lets a national admin appoint and remove a coordinator; others are refused', async () => {
    const hub = await api.gql<{ network: { id: number } }>(
      '{ network(slug: "jipp-sulawesi-selatan") { id } }',
    );
    const networkId = hub.data!.network.id;
    const makassar = await seededAgency(api.dataSource, 'Pemkot Makassar');
    const member = await createUser(api.dataSource, { agencyId: makassar.id });
    const coordinatorOfOther = await createUser(api.dataSource, {
      agencyId: makassar.id,
      role: Role.COORDINATOR,
    });
    const assign =
      'mutation($n: Int!, $u: Int!) { assignCoordinator(networkId: $n, userId: $u) { id role } }';
    const remove =
      'mutation($n: Int!, $u: Int!) { removeCoordinator(networkId: $n, userId: $u) { id role } }';

    expect(
      errorCode(
        await api.gql(assign, { n: networkId, u: member.id }, await api.login(coordinatorOfOther.email)),
      ),
    ).toBe('FORBIDDEN');
    const assigned = await api.gql<{ assignCoordinator: { role: string } }>(
      assign,
      { n: networkId, u: member.id },
      adminToken,
    );
    expect(assigned.data!.assignCoordinator.role).toBe('COORDINATOR');
    const listed = await api.gql<{ network: { coordinators: Array<{ id: number }> } }>(
      'query($id: Int) { network(id: $id) { coordinators { id } } }',
      { id: networkId },
    );
    expect(listed.data!.network.coordinators.map((c) => c.id)).toContain(member.id);

    const removed = await api.gql<{ removeCoordinator: { role: string } }>(
      remove,
      { n: networkId, u: member.id },
      adminToken,
    );
    expect(removed.data!.removeCoordinator.role).toBe('MEMBER');
    expect(errorCode(await api.gql(remove, { n: networkId, u: member.id }, adminToken))).toBe('NOT_FOUND');
  });

  it('adds and removes members idempotently, refusing unknown agencies', async () => {
    const hub = await api.gql<{ network: { id: number } }>(
      '{ network(slug: "jipp-sumatera-selatan") { id } }',
    );
    const networkId = hub.data!.network.id;
    const lan = await seededAgency(api.dataSource, 'LAN');
    const add = 'mutation($n: Int!, $a: [Int!]!) { addNetworkMembers(networkId: $n, agencyIds: $a) }';
    expect(
      (await api.gql<{ addNetworkMembers: number }>(add, { n: networkId, a: [lan.id] }, adminToken)).data!
        .addNetworkMembers,
    ).toBe(1);
    expect(
      (await api.gql<{ addNetworkMembers: number }>(add, { n: networkId, a: [lan.id] }, adminToken)).data!
        .addNetworkMembers,
    ).toBe(0);
    expect(errorCode(await api.gql(add, { n: networkId, a: [99999999] }, adminToken))).toBe('BAD_USER_INPUT');
    const rm = 'mutation($n: Int!, $a: [Int!]!) { removeNetworkMembers(networkId: $n, agencyIds: $a) }';
    expect(
      (await api.gql<{ removeNetworkMembers: number }>(rm, { n: networkId, a: [lan.id] }, adminToken)).data!
        .removeNetworkMembers,
    ).toBe(1);
  });
});
