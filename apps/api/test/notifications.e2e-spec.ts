import { Test, type TestingModule } from '@nestjs/testing';
import type { Agency, Network } from '@jipp/agencies';
import type { User } from '@jipp/auth';
import {
  CoreConfigModule,
  DatabaseModule,
  type OutboxEvent,
  type OutboxEventMessage,
  RedisModule,
  Role,
} from '@jipp/core';
import { FanOutService, NotificationDeliveryModule } from '@jipp/notifications';
import { ReplicationEventType } from '@jipp/replications';
import { createInnovation } from '@jipp/testing';
import { takeRelayLock } from '../../worker/test/relay-lock';
import { errorCode, startTestApi, type TestApi } from './api-harness';
import {
  freshAgencies,
  freshHub,
  freshUser,
  lastOutbox,
  notificationSocket,
  until,
  type NotificationSocket,
} from './notification-fixtures';

const REQUEST = `mutation($input: RequestReplicationInput!) { requestReplication(input: $input) { id version } }`;
const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount
    edges { cursor node { id type title body link readAt createdAt actor { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const COUNT = '{ unreadNotificationCount }';
const MARK = 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }';
const MARK_ALL = 'mutation { markAllNotificationsRead { marked unreadCount } }';

interface Listed {
  notifications: {
    totalCount: number;
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        type: string;
        title: string;
        body: string;
        link: string;
        readAt: string | null;
        actor: { id: number; name: string } | null;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}

/**
 * The in-app side through GraphQL. The notifications are written by the fan-out service itself (the
 * worker's tests run it behind the relay); this file holds the relay lock so that no relay of another
 * test file fans out its events meanwhile (and pushes them under another Redis prefix).
 */
describe('notifications API', () => {
  let releaseLock: (() => Promise<void>) | undefined;
  let api: TestApi;
  let delivery: TestingModule;
  let fanOut: FanOutService;
  const sockets: NotificationSocket[] = [];
  let O: Agency, A: Agency, X: Agency;
  let H: Network;
  let oAdmin: User, aMember: User, coordinator: User, bystander: User;
  const tokens = new Map<number, string>();
  const token = (u: User) => tokens.get(u.id)!;

  const gql = async <T>(query: string, variables: Record<string, unknown>, as: User): Promise<T> => {
    const res = await api.gql<T>(query, variables, token(as));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const message = (e: OutboxEvent): OutboxEventMessage => ({
    id: Number(e.id),
    type: e.type,
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    actorUserId: e.actorUserId,
    payload: e.payload,
    createdAt: e.createdAt.toISOString(),
  });
  /** A's member asks to replicate a new innovation of O: O's admin and H's coordinator are told. */
  const request = async (): Promise<OutboxEvent> => {
    const innovation = await createInnovation(api.dataSource, { agency: O.shortName! });
    const { requestReplication } = await gql<{ requestReplication: { id: number } }>(
      REQUEST,
      { input: { innovationId: innovation.id, note: 'Kami ingin mereplikasi inovasi ini di daerah kami.' } },
      aMember,
    );
    const event = await lastOutbox(
      api.dataSource,
      ReplicationEventType.REQUESTED,
      'replication',
      requestReplication.id,
    );
    await fanOut.fanOut(message(event));
    return event;
  };

  beforeAll(async () => {
    releaseLock = await takeRelayLock();
    api = await startTestApi();
    delivery = await Test.createTestingModule({
      imports: [CoreConfigModule.forRoot(), DatabaseModule, RedisModule, NotificationDeliveryModule],
    }).compile();
    fanOut = delivery.get(FanOutService);
    [O, A, X] = await freshAgencies(api.dataSource, 3);
    H = await freshHub(api.dataSource, [A.id]);
    oAdmin = await freshUser(api.dataSource, O, Role.AGENCY_ADMIN);
    aMember = await freshUser(api.dataSource, A);
    coordinator = await freshUser(api.dataSource, X, Role.COORDINATOR, [H]);
    bystander = await freshUser(api.dataSource, X);
    for (const u of [oAdmin, aMember, coordinator, bystander]) tokens.set(u.id, await api.login(u.email));
  }, 660_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await delivery?.close();
    await api?.close();
    await releaseLock?.();
  });

  it('asks who you are for every notification operation', async () => {
    for (const query of [
      LIST,
      COUNT,
      MARK_ALL,
      '{ notificationPreferences { type } }',
      'mutation { setLocale(locale: EN) { id } }',
    ])
      expect(errorCode(await api.gql(query, { ids: [] }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql('mutation { watchReplication(id: 1) { id } }'))).toBe('UNAUTHENTICATED');
  });

  it('lists your notifications newest first, pages them, counts and marks only yours read', async () => {
    const events = [await request(), await request(), await request()];
    // a duplicated fan-out writes nothing twice
    await fanOut.fanOut(message(events[0]!));

    const page1 = await gql<Listed>(LIST, { first: 2 }, oAdmin);
    expect(page1.notifications.totalCount).toBe(3);
    expect(page1.notifications.pageInfo.hasNextPage).toBe(true);
    const [newest] = page1.notifications.edges;
    expect(newest!.node).toMatchObject({
      type: 'REPLICATION_REQUESTED',
      title: 'Permintaan replikasi baru',
      body: expect.stringMatching(new RegExp(`^${A.shortName} ingin mereplikasi “Inovasi uji-`)),
      link: expect.stringMatching(/^\/replications\/\d+$/),
      readAt: null,
      actor: { id: aMember.id, name: aMember.name },
    });
    const page2 = await gql<Listed>(
      LIST,
      { first: 2, after: page1.notifications.pageInfo.endCursor },
      oAdmin,
    );
    expect(page2.notifications.edges).toHaveLength(1);
    expect(page2.notifications.pageInfo.hasNextPage).toBe(false);
    const ids = [...page1.notifications.edges, ...page2.notifications.edges].map((e) => e.node.id);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => b - a));

    const count = async (u: User) =>
      (await gql<{ unreadNotificationCount: number }>(COUNT, {}, u)).unreadNotificationCount;
    expect(await count(oAdmin)).toBe(3);
    expect(await count(coordinator)).toBe(3);
    const theirs = (await gql<Listed>(LIST, { first: 1 }, coordinator)).notifications.edges[0]!.node.id;

    // someone else's id changes nothing
    expect(
      (await gql<{ markNotificationsRead: unknown }>(MARK, { ids: [newest!.node.id, theirs] }, oAdmin))
        .markNotificationsRead,
    ).toEqual({
      marked: 1,
      unreadCount: 2,
    });
    expect(await count(coordinator)).toBe(3);
    expect(
      (await gql<{ markNotificationsRead: unknown }>(MARK, { ids: [newest!.node.id] }, oAdmin))
        .markNotificationsRead,
    ).toEqual({
      marked: 0,
      unreadCount: 2,
    });
    const unread = await gql<Listed>(LIST, { first: 10, unreadOnly: true }, oAdmin);
    expect(unread.notifications.edges.map((e) => e.node.id)).not.toContain(newest!.node.id);
    expect(unread.notifications.totalCount).toBe(2);
    expect(errorCode(await api.gql(MARK, { ids: ['abc'] }, token(oAdmin)))).toBe('BAD_USER_INPUT');

    expect(
      (await gql<{ markAllNotificationsRead: unknown }>(MARK_ALL, {}, oAdmin)).markAllNotificationsRead,
    ).toEqual({
      marked: 2,
      unreadCount: 0,
    });
    expect(
      (await gql<Listed>(LIST, { first: 10 }, oAdmin)).notifications.edges.every((e) => e.node.readAt),
    ).toBe(true);
    expect(await count(coordinator)).toBe(3);
  });

  it('pushes a new notification to the sockets of its user only', async () => {
    const mine = await notificationSocket(api.url, token(oAdmin));
    const notMine = await notificationSocket(api.url, token(aMember));
    sockets.push(mine.socket, notMine.socket);
    const event = await request();
    const pushed = await until(
      async () => mine.received.find((n) => n.type === 'REPLICATION_REQUESTED'),
      5000,
      'the push',
    );
    const [row] = await api.dataSource.query<Array<{ id: number }>>(
      'SELECT id FROM notification WHERE outbox_event_id = ? AND user_id = ?',
      [event.id, oAdmin.id],
    );
    expect(pushed).toMatchObject({
      id: String(row!.id),
      title: 'Permintaan replikasi baru',
      actorUserId: aMember.id,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(notMine.received).toEqual([]);
  });

  it('lists every preference with its default, and keeps what you choose', async () => {
    const { notificationPreferences } = await gql<{
      notificationPreferences: Array<{ type: string; channel: string; mode: string; isDefault: boolean }>;
    }>('{ notificationPreferences { type channel mode isDefault } }', {}, bystander);
    expect(notificationPreferences).toHaveLength(20);
    const mode = (type: string, channel: string) =>
      notificationPreferences.find((p) => p.type === type && p.channel === channel);
    expect(mode('REPLICATION_REQUESTED', 'EMAIL')).toEqual({
      type: 'REPLICATION_REQUESTED',
      channel: 'EMAIL',
      mode: 'INSTANT',
      isDefault: true,
    });
    expect(mode('FORUM_MENTION', 'EMAIL')!.mode).toBe('INSTANT');
    expect(mode('THREAD_POST', 'EMAIL')!.mode).toBe('DAILY');
    expect(
      notificationPreferences.filter((p) => p.channel === 'IN_APP').every((p) => p.mode === 'INSTANT'),
    ).toBe(true);

    const set = `mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { type channel mode isDefault } }`;
    expect(
      (
        await gql<{ setNotificationPreference: unknown }>(
          set,
          { input: { type: 'THREAD_POST', channel: 'EMAIL', mode: 'OFF' } },
          bystander,
        )
      ).setNotificationPreference,
    ).toEqual({ type: 'THREAD_POST', channel: 'EMAIL', mode: 'OFF', isDefault: false });
    await gql(set, { input: { type: 'THREAD_POST', channel: 'EMAIL', mode: 'INSTANT' } }, bystander);
    const after = await gql<{
      notificationPreferences: Array<{ type: string; channel: string; mode: string; isDefault: boolean }>;
    }>('{ notificationPreferences { type channel mode isDefault } }', {}, bystander);
    expect(
      after.notificationPreferences.find((p) => p.type === 'THREAD_POST' && p.channel === 'EMAIL'),
    ).toMatchObject({
      mode: 'INSTANT',
      isDefault: false,
    });
    const refused = await api.gql(
      set,
      { input: { type: 'THREAD_POST', channel: 'IN_APP', mode: 'DAILY' } },
      token(bystander),
    );
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
  });

  it('speaks the locale you choose', async () => {
    const me = '{ me { locale } }';
    expect((await gql<{ me: { locale: string } }>(me, {}, oAdmin)).me.locale).toBe('ID');
    expect(
      (
        await gql<{ setLocale: { locale: string } }>(
          'mutation { setLocale(locale: EN) { locale } }',
          {},
          oAdmin,
        )
      ).setLocale.locale,
    ).toBe('EN');
    expect((await gql<{ me: { locale: string } }>(me, {}, oAdmin)).me.locale).toBe('EN');
    await request();
    const [latest] = (await gql<Listed>(LIST, { first: 1 }, oAdmin)).notifications.edges;
    expect(latest!.node).toMatchObject({
      title: 'New replication request',
      body: expect.stringMatching(/ asks to replicate “/),
    });
    await gql('mutation { setLocale(locale: ID) { locale } }', {}, oAdmin);
    // a new user speaks Bahasa Indonesia
    const invited = await gql<{ inviteUser: { user: { locale: string } } }>(
      `mutation($input: InviteUserInput!) { inviteUser(input: $input) { user { locale } } }`,
      { input: { email: `${Date.now()}-baru@uji.go.id`, name: 'Pegawai Baru' } },
      oAdmin,
    );
    expect(invited.inviteUser.user.locale).toBe('ID');
  });

  it('watches replications, threads and agencies for who may read them', async () => {
    const [{ id: replicationId }] = await api.dataSource.query<Array<{ id: number }>>(
      'SELECT id FROM replication WHERE adopter_agency_id = ? LIMIT 1',
      [A.id],
    );
    const watch = (what: string, id: number, as: User) =>
      api.gql<Record<string, { id: number; viewerIsWatching: boolean }>>(
        `mutation($id: Int!) { watch${what}(id: $id) { id viewerIsWatching } }`,
        { id },
        token(as),
      );
    const unwatch = (what: string, id: number, as: User) =>
      api.gql<Record<string, boolean>>(`mutation($id: Int!) { unwatch${what}(id: $id) }`, { id }, token(as));

    expect((await watch('Replication', replicationId!, bystander)).data!['watchReplication']).toEqual({
      id: replicationId,
      viewerIsWatching: true,
    });
    expect(
      (await watch('Replication', replicationId!, bystander)).data!['watchReplication']!.viewerIsWatching,
    ).toBe(true);
    const read = `query($id: Int!) { replication(id: $id) { viewerIsWatching } }`;
    expect(
      (
        await api.gql<{ replication: { viewerIsWatching: boolean } }>(
          read,
          { id: replicationId },
          token(aMember),
        )
      ).data!.replication.viewerIsWatching,
    ).toBe(false);
    expect((await unwatch('Replication', replicationId!, bystander)).data!['unwatchReplication']).toBe(true);
    expect(
      (
        await api.gql<{ replication: { viewerIsWatching: boolean } }>(
          read,
          { id: replicationId },
          token(bystander),
        )
      ).data!.replication.viewerIsWatching,
    ).toBe(false);
    expect(errorCode(await watch('Replication', 999_999_999, bystander))).toBe('NOT_FOUND');

    expect((await watch('Agency', O.id, bystander)).data!['watchAgency']).toEqual({
      id: O.id,
      viewerIsWatching: true,
    });
    expect(errorCode(await watch('Agency', 999_999_999, bystander))).toBe('NOT_FOUND');
    const agencyRead = `query($id: Int!) { agency(id: $id) { viewerIsWatching } }`;
    expect(
      (await api.gql<{ agency: { viewerIsWatching: boolean | null } }>(agencyRead, { id: O.id })).data!.agency
        .viewerIsWatching,
    ).toBeNull();
    await unwatch('Agency', O.id, bystander);

    // a hub thread: its hub's agencies and coordinators read it (and may watch it); others may not
    const { createThread } = await gql<{ createThread: { id: number } }>(
      `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`,
      { input: { hubId: H.id, title: 'Diskusi jaringan uji', body: 'Halo semua.' } },
      aMember,
    );
    expect((await watch('Thread', createThread.id, coordinator)).data!['watchThread']).toEqual({
      id: createThread.id,
      viewerIsWatching: true,
    });
    expect(errorCode(await watch('Thread', createThread.id, bystander))).toBe('NOT_FOUND');
    expect((await unwatch('Thread', createThread.id, coordinator)).data!['unwatchThread']).toBe(true);
  });

  it("lets a hub's coordinators and national admins choose its publish alerts", async () => {
    const set = `mutation($hubId: Int!, $alerts: HubPublishAlerts!) { setHubPublishAlerts(hubId: $hubId, alerts: $alerts) { id publishAlerts } }`;
    const read = `query($id: Int) { network(id: $id) { publishAlerts } }`;
    expect(
      (await api.gql<{ network: { publishAlerts: string } }>(read, { id: H.id })).data!.network.publishAlerts,
    ).toBe('OFF');
    expect(
      (
        await gql<{ setHubPublishAlerts: unknown }>(
          set,
          { hubId: H.id, alerts: 'HUB_INNOVATIONS' },
          coordinator,
        )
      ).setHubPublishAlerts,
    ).toEqual({
      id: H.id,
      publishAlerts: 'HUB_INNOVATIONS',
    });
    expect(
      (await api.gql<{ network: { publishAlerts: string } }>(read, { id: H.id })).data!.network.publishAlerts,
    ).toBe('HUB_INNOVATIONS');
    const otherHub = await freshHub(api.dataSource, []);
    const otherCoordinator = await freshUser(api.dataSource, X, Role.COORDINATOR, [otherHub]);
    expect(
      errorCode(await api.gql(set, { hubId: H.id, alerts: 'OFF' }, await api.login(otherCoordinator.email))),
    ).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(set, { hubId: H.id, alerts: 'OFF' }, token(aMember)))).toBe('FORBIDDEN');
    const admin = await api.signInAs(Role.ADMIN, 'KemenPANRB');
    expect(errorCode(await api.gql(set, { hubId: 999_999, alerts: 'OFF' }, admin.token))).toBe('NOT_FOUND');
    expect(
      (
        await api.gql<{ setHubPublishAlerts: { publishAlerts: string } }>(
          set,
          { hubId: H.id, alerts: 'OFF' },
          admin.token,
        )
      ).data!.setHubPublishAlerts.publishAlerts,
    ).toBe('OFF');
  });
});
