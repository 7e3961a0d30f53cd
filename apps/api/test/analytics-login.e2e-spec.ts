import './dashboard-login-on';
import { Role } from '@jipp/core';
import { io, type Socket } from 'socket.io-client';
import { errorCode, startTestApi, type TestApi } from './api-harness';

const SPREAD = '{ replicationSpread(groupBy: YEAR) { total { replications } } }';

function feedSocket(url: string, token?: string): Socket {
  return io(`${url}/feed`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token ? { auth: { token } } : {}),
  });
}

describe('analytics with DASHBOARD_REQUIRE_LOGIN', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('refuses anonymous readers and answers signed-in ones', async () => {
    expect(errorCode(await api.gql(SPREAD))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql('{ gapMap(provinceCode: "35") { provinceName } }'))).toBe(
      'UNAUTHENTICATED',
    );
    const token = (await api.signInAs(Role.MEMBER, 'Pemkab Banyuwangi')).token;
    expect((await api.gql(SPREAD, {}, token)).errors).toBeUndefined();
  });

  it('refuses anonymous feed sockets and lets signed-in ones join', async () => {
    const anonymous = feedSocket(api.url);
    const refusal = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
      anonymous.once('connect_error', resolve),
    );
    anonymous.close();
    expect(refusal.data?.code).toBe('UNAUTHENTICATED');

    const token = (await api.signInAs(Role.MEMBER, 'Pemkab Banyuwangi')).token;
    const signedIn = feedSocket(api.url, token);
    try {
      await new Promise<void>((resolve, reject) => {
        signedIn.once('connect', resolve);
        signedIn.once('connect_error', reject);
      });
      expect(await signedIn.timeout(5000).emitWithAck('feed:join')).toEqual({ ok: true });
    } finally {
      signedIn.close();
    }
  });
});
