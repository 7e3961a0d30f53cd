import { User, UserStatus } from '@jipp/auth';
import { Role } from '@jipp/core';
import { TEST_PASSWORD, unique } from '@jipp/testing';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { errorCode, gqlAt, startTestApi, type TestApi } from './api-harness';
import { startBuiltApi, type ApiProcess } from './built-app-processes';
import {
  connected,
  disconnection,
  forumSocket,
  refusal,
  sleep,
  type ForumClient,
} from './forum-socket-client';

const DEACTIVATE = 'mutation($userId: Int!) { deactivateUser(userId: $userId) { id status } }';
const ME = '{ me { id } }';
const REFRESH = 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }';

/** The dashboard's live feed on an api that requires a login for it. */
function feedSocket(url: string, token: string): Socket {
  return io(`${url}/feed`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** Polls until the token is refused on that api (another node hears of it through Redis). */
async function refusedWithin(url: string, token: string, ms: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const code = errorCode(await gqlAt(url, ME, {}, token));
    if (code === 'UNAUTHENTICATED') return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`still answered after ${ms} ms (last: ${String(code)})`);
    await sleep(25);
  }
}

/**
 * Deactivating a user ends their sessions everywhere at once: their access tokens, which any node
 * would otherwise accept until they expire (15 minutes), are refused by the node that deactivated
 * them at once and by every other node within moments, also by a node started afterwards; their
 * forum and feed sockets close; nobody else is touched. Node A is this process, node B the built api
 * in a process of its own (with the dashboard's login switch on, for the feed), sharing MariaDB
 * and Redis.
 */
describe('deactivating a user ends their sessions on every api node', () => {
  let nodeA: TestApi;
  let nodeB: ApiProcess;
  let admin: string;
  const sockets: Array<Socket | ForumClient> = [];
  const processes: ApiProcess[] = [];

  beforeAll(async () => {
    nodeA = await startTestApi();
    nodeB = await startBuiltApi('api-b', { DASHBOARD_REQUIRE_LOGIN: 'true' });
    processes.push(nodeB);
    admin = (await nodeA.signInAs(Role.ADMIN, 'Pemkab Banyuwangi')).token;
  }, 90_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    for (const node of processes) await node.stop();
    await nodeA?.close();
  }, 60_000);

  /** A new member of the agency, signed in on node A: their access and refresh tokens. */
  async function member(
    agency = 'Pemkab Banyuwangi',
  ): Promise<{ user: User; access: string; refresh: string }> {
    const { user } = await nodeA.signInAs(Role.MEMBER, agency);
    const login = await nodeA.gql<{ login: { accessToken: string; refreshToken: string } }>(LOGIN, {
      input: { email: user.email, password: TEST_PASSWORD },
    });
    return { user, access: login.data!.login.accessToken, refresh: login.data!.login.refreshToken };
  }

  it('refuses their token at once on node A and within a second on node B, and closes their sockets', async () => {
    const target = await member();
    const bystander = await member();
    // both nodes have seen (and remembered) both tokens
    for (const url of [nodeA.url, nodeB.url]) {
      for (const { user, access } of [target, bystander]) {
        expect((await gqlAt<{ me: { id: number } }>(url, ME, {}, access)).data?.me.id).toBe(user.id);
      }
    }
    const forumA = forumSocket(nodeA.url, target.access);
    const forumB = forumSocket(nodeB.url, target.access);
    const bystanderB = forumSocket(nodeB.url, bystander.access);
    const feedB = feedSocket(nodeB.url, target.access);
    sockets.push(forumA, forumB, bystanderB, feedB);
    await Promise.all([connected(forumA), connected(forumB), connected(bystanderB)]);
    if (!feedB.connected)
      await new Promise<void>((resolve, reject) => {
        feedB.once('connect', resolve).once('connect_error', reject);
      });
    const closed = [forumA, forumB, feedB].map((socket) => disconnection(socket as ForumClient));

    const res = await nodeA.gql<{ deactivateUser: { id: number; status: string } }>(
      DEACTIVATE,
      { userId: target.user.id },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.deactivateUser).toEqual({ id: target.user.id, status: UserStatus.DISABLED });

    // node A did it: no moment in which the token still works there
    expect(errorCode(await nodeA.gql(ME, {}, target.access))).toBe('UNAUTHENTICATED');
    expect(await refusedWithin(nodeB.url, target.access, 1000)).toBeLessThan(1000);
    // every socket of theirs closed by the server, on both nodes
    expect(await Promise.all(closed)).toEqual([
      'io server disconnect',
      'io server disconnect',
      'io server disconnect',
    ]);
    // and a new one is refused
    const again = forumSocket(nodeB.url, target.access);
    sockets.push(again);
    const refused = refusal(again);
    again.connect();
    expect((await refused).data?.code).toBe('UNAUTHENTICATED');
    // their refresh token is spent too, and public reads treat the token as no token
    expect(errorCode(await gqlAt(nodeB.url, REFRESH, { t: target.refresh }))).toBe('UNAUTHENTICATED');
    const open = await gqlAt<{ provinces: unknown[] }>(
      nodeB.url,
      '{ provinces { code } }',
      {},
      target.access,
    );
    expect(open.errors).toBeUndefined();

    // nobody else is touched
    expect(bystanderB.connected).toBe(true);
    for (const url of [nodeA.url, nodeB.url]) {
      expect((await gqlAt<{ me: { id: number } }>(url, ME, {}, bystander.access)).data?.me.id).toBe(
        bystander.user.id,
      );
    }
  }, 60_000);

  it('is known to a node started after the deactivation', async () => {
    const target = await member();
    expect((await nodeA.gql(DEACTIVATE, { userId: target.user.id }, admin)).errors).toBeUndefined();
    const nodeC = await startBuiltApi('api-c', {});
    processes.push(nodeC);
    expect(errorCode(await gqlAt(nodeC.url, ME, {}, target.access))).toBe('UNAUTHENTICATED');
  }, 90_000);

  it('revokes nothing when the deactivation is refused', async () => {
    const target = await member();
    const otherAdmin = (await nodeA.signInAs(Role.AGENCY_ADMIN, 'Pemkot Surabaya')).token;
    const refused = await nodeA.gql(DEACTIVATE, { userId: target.user.id }, otherAdmin);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const self = await nodeA.gql(DEACTIVATE, { userId: target.user.id }, target.access);
    expect(errorCode(self)).toBe('FORBIDDEN');
    await sleep(200); // what a revocation would take to reach node B
    for (const url of [nodeA.url, nodeB.url]) {
      expect((await gqlAt<{ me: { id: number } }>(url, ME, {}, target.access)).data?.me.id).toBe(
        target.user.id,
      );
    }
  }, 30_000);

  it('keeps the user active when the revocation cannot be recorded: nothing is half done', async () => {
    // a node of its own Redis key prefix, whose revocation set is made unwritable (a string)
    const prefix = unique('jipp-revoke')
      .replace(/[^a-z0-9_-]/gi, '')
      .slice(0, 40);
    const redis = new Redis(process.env['REDIS_URL']!);
    const nodeD = await startBuiltApi('api-d', { REDIS_PREFIX: prefix });
    processes.push(nodeD);
    try {
      await redis.set(`${prefix}:auth:revoked`, 'not a sorted set');
      const target = await member();
      const res = await gqlAt(nodeD.url, DEACTIVATE, { userId: target.user.id }, admin);
      expect(errorCode(res)).toBe('INTERNAL');
      expect(JSON.stringify(res.errors)).not.toMatch(/WRONGTYPE|ZADD|redis/i);

      const user = await nodeA.dataSource.getRepository(User).findOneByOrFail({ id: target.user.id });
      expect(user.status).toBe(UserStatus.ACTIVE);
      // the refresh token was not revoked either: the transaction rolled back whole
      expect(errorCode(await nodeA.gql(REFRESH, { t: target.refresh }))).toBeUndefined();
      // and nothing was announced: no node refuses the token
      await sleep(200);
      for (const url of [nodeD.url, nodeA.url]) {
        expect((await gqlAt<{ me: { id: number } }>(url, ME, {}, target.access)).data?.me.id).toBe(
          target.user.id,
        );
      }
    } finally {
      await nodeD.stop();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  }, 90_000);

  it('reads again what it missed while its subscription to Redis was down', async () => {
    const target = await member();
    for (const url of [nodeA.url, nodeB.url])
      expect((await gqlAt<{ me: { id: number } }>(url, ME, {}, target.access)).data?.me.id).toBe(
        target.user.id,
      );
    const redis = new Redis(process.env['REDIS_URL']!);
    try {
      // a revocation recorded but never heard (as if announced while the subscriptions were down)...
      await redis.zadd(`${process.env['REDIS_PREFIX']}:auth:revoked`, Date.now(), String(target.user.id));
      await sleep(200);
      expect((await gqlAt<{ me: { id: number } }>(nodeB.url, ME, {}, target.access)).data?.me.id).toBe(
        target.user.id,
      );
      // ...then the followers' connections drop (every api of this test run's: they reconnect)
      const clients = (await redis.client('LIST')) as string;
      const followers = clients
        .split('\n')
        .filter((line) => / name=jipp-access-revocations /.test(line))
        .map((line) => /^id=(\d+) /.exec(line)![1]!);
      expect(followers.length).toBeGreaterThanOrEqual(2);
      for (const id of followers) await redis.client('KILL', 'ID', id);
      // once subscribed again each reads the set, and knows
      await refusedWithin(nodeA.url, target.access, 5000);
      await refusedWithin(nodeB.url, target.access, 5000);
    } finally {
      redis.disconnect();
    }
  }, 30_000);
});
