import { Role } from '@jipp/core';
import { createUser, seededAgency, TEST_PASSWORD, unique } from '@jipp/testing';
import { errorCode, startTestApi, type TestApi } from './api-harness';

const LOGIN =
  'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { email role } } }';
const REFRESH = 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }';

describe('auth (GraphQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('signs in, answers me, refreshes once, and logs out', async () => {
    const agency = await seededAgency(api.dataSource, 'Pemkab Banyuwangi');
    const user = await createUser(api.dataSource, { agencyId: agency.id });
    const login = await api.gql<{
      login: { accessToken: string; refreshToken: string; user: { email: string } };
    }>(LOGIN, { input: { email: user.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(login.errors).toBeUndefined();
    expect(login.data!.login.user.email).toBe(user.email);
    const me = await api.gql<{ me: { email: string; agency: { shortName: string } } }>(
      '{ me { email agency { shortName } } }',
      {},
      login.data!.login.accessToken,
    );
    expect(me.data!.me).toEqual({ email: user.email, agency: { shortName: 'Pemkab Banyuwangi' } });

    const first = await api.gql<{ refreshToken: { refreshToken: string } }>(REFRESH, {
      t: login.data!.login.refreshToken,
    });
    expect(first.errors).toBeUndefined();
    // the old token is spent; presenting it again signs out the whole chain
    expect(errorCode(await api.gql(REFRESH, { t: login.data!.login.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(REFRESH, { t: first.data!.refreshToken.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );

    const again = await api.gql<{ login: { refreshToken: string } }>(LOGIN, {
      input: { email: user.email, password: TEST_PASSWORD },
    });
    await api.gql('mutation($t: String!) { logout(refreshToken: $t) }', {
      t: again.data!.login.refreshToken,
    });
    expect(errorCode(await api.gql(REFRESH, { t: again.data!.login.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('refuses anonymous and bad tokens on signed-in operations', async () => {
    expect(errorCode(await api.gql('{ me { id } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql('{ me { id } }', {}, 'not-a-token'))).toBe('UNAUTHENTICATED');
  });

  it('rate-limits failed logins per account, the same way for unknown e-mails', async () => {
    const agency = await seededAgency(api.dataSource, 'Pemkot Surabaya');
    const user = await createUser(api.dataSource, { agencyId: agency.id });
    for (const email of [user.email, `${unique('nobody')}@uji.go.id`]) {
      for (let i = 0; i < 5; i++) {
        const res = await api.gql(LOGIN, { input: { email, password: 'wrong-password-123' } });
        expect(errorCode(res)).toBe('UNAUTHENTICATED');
        expect(res.errors![0]!.message).toBe('Wrong e-mail or password.');
      }
      const blocked = await api.gql(LOGIN, { input: { email, password: TEST_PASSWORD } });
      expect(errorCode(blocked)).toBe('RATE_LIMITED');
    }
  });

  it('lets an agency admin invite into their own agency, and the invitee sign in', async () => {
    const agency = await seededAgency(api.dataSource, 'Pemkab Sleman');
    const admin = await createUser(api.dataSource, { agencyId: agency.id, role: Role.AGENCY_ADMIN });
    const token = await api.login(admin.email);
    const email = `${unique('baru')}@slemankab.go.id`;
    const invite = await api.gql<{ inviteUser: { token: string; user: { email: string; status: string } } }>(
      'mutation($input: InviteUserInput!) { inviteUser(input: $input) { token user { email status } } }',
      { input: { email, name: 'Pegawai Baru' } },
      token,
    );
    expect(invite.errors).toBeUndefined();
    expect(invite.data!.inviteUser.user).toEqual({ email, status: 'INVITED' });
    const accepted = await api.gql<{ acceptInvitation: { user: { email: string; status: string } } }>(
      'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { email status } } }',
      { input: { token: invite.data!.inviteUser.token, password: 'sleman-password-2026' } },
    );
    expect(accepted.data!.acceptInvitation.user).toEqual({ email, status: 'ACTIVE' });
    expect(await api.login(email, 'sleman-password-2026')).toEqual(expect.any(String));
    // an invitation works once
    const reuse = await api.gql(
      'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken } }',
      {
        input: { token: invite.data!.inviteUser.token, password: 'another-password-2026' },
      },
    );
    expect(errorCode(reuse)).toBe('BAD_USER_INPUT');
  });

  it('refuses invitations outside the inviter’s agency or role', async () => {
    const sleman = await seededAgency(api.dataSource, 'Pemkab Sleman');
    const other = await seededAgency(api.dataSource, 'Pemkab Banyuwangi');
    const admin = await createUser(api.dataSource, { agencyId: sleman.id, role: Role.AGENCY_ADMIN });
    const member = await createUser(api.dataSource, { agencyId: sleman.id });
    const query = 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { token } }';
    const input = { email: `${unique('x')}@uji.go.id`, name: 'X', agencyId: other.id };
    expect(errorCode(await api.gql(query, { input }, await api.login(admin.email)))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(query, { input }, await api.login(member.email)))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await api.gql(query, { input: { ...input, email: 'not-an-email' } }, await api.login(admin.email)),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
