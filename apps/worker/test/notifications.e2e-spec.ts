// first: this file's own Redis prefix, and its worker relays the outbox
import { OWN_REDIS_PREFIX } from './own-redis-prefix';
import './relay-on';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Agency, Network } from '@jipp/agencies';
import type { User } from '@jipp/auth';
import {
  AppConfig,
  appendOutbox,
  CoreConfigModule,
  DatabaseModule,
  JobName,
  LoggingModule,
  OutboxEvent,
  QueueName,
  RedisModule,
  Role,
  type OutboxEventMessage,
} from '@jipp/core';
import { Innovation, InnovationStatus } from '@jipp/innovations';
import {
  deliveryPlan,
  deliveryJobId,
  FanOutService,
  fanOutJobId,
  NotificationType,
  OutboxRelay,
  insertNotifications,
  NotificationMode,
  outboxWakeChannel,
  type DeliveryResult,
  type FanOutResult,
  type NewNotification,
  type WrittenNotification,
} from '@jipp/notifications';
import { ReplicationEventType } from '@jipp/replications';
import { createInnovation } from '@jipp/testing';
import type { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../../api/test/api-harness';
import {
  expected,
  freshAgencies,
  freshHub,
  freshUser,
  lastOutbox,
  notificationSocket,
  notificationsOf,
  recipientsOf,
  sorted,
  until,
  writeOutbox,
  type NotificationSocket,
} from '../../api/test/notification-fixtures';
import { NotificationsWorkerModule } from '../src/notifications/notifications-worker.module';
import { OutboxRelayRunner } from '../src/notifications/outbox-relay.runner';
import { takeRelayLock } from './relay-lock';

/** The worker's notification side alone (no schedules that act on the shared database). */
@Module({
  imports: [
    CoreConfigModule.forRoot(),
    LoggingModule,
    DatabaseModule,
    RedisModule,
    NotificationsWorkerModule,
  ],
})
class NotificationsWorker {}

const REQUEST = `mutation($input: RequestReplicationInput!) { requestReplication(input: $input) { id version } }`;
const STEP = `mutation($input: TransitionReplicationInput!) { transitionReplication(input: $input) { id version status } }`;
const PUBLISH = `mutation($id: Int!, $version: Int!) { publishInnovation(id: $id, version: $version) { id status } }`;
const THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`;
const POST = `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`;
const FLAG = `mutation($input: FlagPostInput!) { flagPost(input: $input) { id } }`;
const PREFERENCE = `mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { mode } }`;

describe('notifications: outbox relay, fan-out and push', () => {
  let releaseLock: (() => Promise<void>) | undefined;
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let queue: Queue;
  const sockets: NotificationSocket[] = [];

  // the cast: origin agency O (its innovation I), adopter A in hub H, bystanders in X
  let O: Agency, A: Agency, X: Agency, Y: Agency, elsewhere: Agency, crowd: Agency;
  let H: Network;
  let oAdmin: User, oMember: User, aAdmin: User, aMember: User, aMember2: User;
  let coord1: User, coord2: User, otherCoord: User;
  let innovationWatcher: User, replicationWatcher: User, agencyWatcher: User, bystander: User;
  const tokens = new Map<number, string>();
  const token = (u: User) => tokens.get(u.id)!;

  const gql = async <T>(query: string, variables: Record<string, unknown>, as: User): Promise<T> => {
    const res = await api.gql<T>(query, variables, token(as));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  /** Waits until the event's fan-out job, and its delivery jobs if any, completed. */
  const delivered = async (event: OutboxEvent): Promise<FanOutResult> => {
    const id = fanOutJobId(Number(event.id));
    const job = await until(
      async () => {
        const state = await queue.getJobState(id);
        if (state === 'failed') throw new Error(`fan-out failed: ${(await queue.getJob(id))?.failedReason}`);
        // read once completed: a job object read earlier keeps no return value
        return state === 'completed' ? ((await queue.getJob(id)) as Job) : null;
      },
      20_000,
      `the fan-out of outbox event ${event.id}`,
    );
    const result = job.returnvalue as FanOutResult;
    for (let n = 0; n < result.chunks; n++) {
      await until(
        async () => (await queue.getJobState(deliveryJobId(Number(event.id), n))) === 'completed',
        20_000,
        `chunk ${n} of outbox event ${event.id}`,
      );
    }
    return result;
  };

  const replicationEvent = async (type: string, replicationId: number) => {
    const event = await lastOutbox(dataSource, type, 'replication', replicationId);
    await delivered(event);
    return event;
  };

  let replication: { id: number; version: number };
  const step = async (as: User, action: string) => {
    const { transitionReplication } = await gql<{ transitionReplication: { id: number; version: number } }>(
      STEP,
      { input: { id: replication.id, version: replication.version, action } },
      as,
    );
    replication = transitionReplication;
    return replicationEvent(ReplicationEventType.TRANSITIONED, replication.id);
  };

  beforeAll(async () => {
    releaseLock = await takeRelayLock();
    api = await startTestApi();
    worker = await NestFactory.createApplicationContext(NotificationsWorker, { logger: false });
    dataSource = worker.get<DataSource>(getDataSourceToken());
    queue = worker.get<Queue>(getQueueToken(QueueName.NOTIFICATIONS));

    [O, A, X, Y, elsewhere, crowd] = await freshAgencies(dataSource, 6);
    H = await freshHub(dataSource, [A.id]);
    const H2 = await freshHub(dataSource, [X.id]);
    oAdmin = await freshUser(dataSource, O, Role.AGENCY_ADMIN);
    oMember = await freshUser(dataSource, O);
    aAdmin = await freshUser(dataSource, A, Role.AGENCY_ADMIN);
    aMember = await freshUser(dataSource, A);
    aMember2 = await freshUser(dataSource, A);
    coord1 = await freshUser(dataSource, X, Role.COORDINATOR, [H]);
    coord2 = await freshUser(dataSource, X, Role.COORDINATOR, [H]);
    otherCoord = await freshUser(dataSource, X, Role.COORDINATOR, [H2]);
    innovationWatcher = await freshUser(dataSource, X);
    replicationWatcher = await freshUser(dataSource, X);
    agencyWatcher = await freshUser(dataSource, X);
    bystander = await freshUser(dataSource, X);
    for (const u of [oAdmin, oMember, aAdmin, aMember, aMember2, coord1, coord2, otherCoord])
      tokens.set(u.id, await api.login(u.email));
    for (const u of [innovationWatcher, replicationWatcher, agencyWatcher, bystander])
      tokens.set(u.id, await api.login(u.email));
  }, 660_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await worker?.close();
    await api?.close();
    await releaseLock?.();
    const redis = new Redis(process.env['REDIS_URL']!);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${OWN_REDIS_PREFIX}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  });

  it('tells each replication rule exactly its people, never the actor, honouring preferences and locale', async () => {
    await gql(`mutation { setLocale(locale: EN) { locale } }`, {}, aAdmin);
    const innovation = await createInnovation(dataSource, { agency: O.shortName! });
    await gql(
      `mutation($id: Int!) { watchInnovation(id: $id) { id } }`,
      { id: innovation.id },
      innovationWatcher,
    );
    const socket = await notificationSocket(api.url, token(aAdmin));
    sockets.push(socket.socket);

    // requested: the origin's admins and the adopter's hub coordinators
    const { requestReplication } = await gql<{ requestReplication: { id: number; version: number } }>(
      REQUEST,
      { input: { innovationId: innovation.id, note: 'Kami ingin mereplikasi inovasi ini di daerah kami.' } },
      aMember,
    );
    replication = requestReplication;
    const requested = await replicationEvent(ReplicationEventType.REQUESTED, replication.id);
    expect(await recipientsOf(dataSource, requested)).toEqual(
      sorted(expected(NotificationType.REPLICATION_REQUESTED, oAdmin, coord1, coord2)),
    );

    await gql(
      `mutation($id: Int!) { watchReplication(id: $id) { id viewerIsWatching } }`,
      { id: replication.id },
      replicationWatcher,
    );

    // a step: the adopter's users, the origin's admins, both kinds of watchers; not the approving admin
    const approved = await step(oAdmin, 'APPROVE');
    expect(await recipientsOf(dataSource, approved)).toEqual(
      sorted(
        expected(
          NotificationType.REPLICATION_UPDATED,
          aAdmin,
          aMember,
          aMember2,
          innovationWatcher,
          replicationWatcher,
        ),
      ),
    );
    const toAdmin = (await notificationsOf(dataSource, approved)).get(aAdmin.id)!;
    expect(toAdmin).toMatchObject({
      title: 'Replication updated',
      body: `${A.shortName}'s replication of “${innovation.title}”: Requested → Approved.`,
      link: `/replications/${replication.id}`,
      inApp: true,
      emailMode: 'DAILY',
      actorUserId: oAdmin.id,
    });
    expect((await notificationsOf(dataSource, approved)).get(aMember.id)!.title).toBe('Replikasi diperbarui');
    // pushed to the connected adopter admin's socket
    await until(async () => socket.received.find((n) => n.id === String(toAdmin.id)), 5000, 'the push');
    expect(socket.received.find((n) => n.id === String(toAdmin.id))).toMatchObject({
      type: 'REPLICATION_UPDATED',
      title: 'Replication updated',
      link: `/replications/${replication.id}`,
      actorUserId: oAdmin.id,
    });

    // preferences: in-app off keeps the e-mail only; both off, nothing at all
    await gql(
      PREFERENCE,
      { input: { type: 'REPLICATION_UPDATED', channel: 'IN_APP', mode: 'OFF' } },
      aMember2,
    );
    await gql(
      PREFERENCE,
      { input: { type: 'REPLICATION_UPDATED', channel: 'IN_APP', mode: 'OFF' } },
      replicationWatcher,
    );
    await gql(
      PREFERENCE,
      { input: { type: 'REPLICATION_UPDATED', channel: 'EMAIL', mode: 'OFF' } },
      replicationWatcher,
    );
    await gql(
      PREFERENCE,
      { input: { type: 'REPLICATION_UPDATED', channel: 'EMAIL', mode: 'INSTANT' } },
      innovationWatcher,
    );
    const observing = await step(aMember, 'START_OBSERVING');
    expect(await recipientsOf(dataSource, observing)).toEqual(
      sorted(expected(NotificationType.REPLICATION_UPDATED, aAdmin, aMember2, oAdmin, innovationWatcher)),
    );
    const rows = await notificationsOf(dataSource, observing);
    expect(rows.get(aMember2.id)).toMatchObject({ inApp: false, emailMode: 'DAILY' });
    expect(rows.get(innovationWatcher.id)).toMatchObject({ inApp: true, emailMode: 'INSTANT' });
    const list = await api.gql<{ notifications: { edges: Array<{ node: { id: string } }> } }>(
      '{ notifications(first: 50) { edges { node { id } } } }',
      {},
      token(aMember2),
    );
    expect(list.data!.notifications.edges.map((e) => e.node.id)).not.toContain(
      String(rows.get(aMember2.id)!.id),
    );

    // a stall by a coordinator: the adopter's admins and the other hub coordinators hear of the stall,
    // the rest of the step's audience of a step
    const stalled = await step(coord1, 'STALL');
    expect(await recipientsOf(dataSource, stalled)).toEqual(
      sorted([
        ...expected(NotificationType.REPLICATION_STALLED, aAdmin, coord2),
        ...expected(NotificationType.REPLICATION_UPDATED, aMember, aMember2, oAdmin, innovationWatcher),
      ]),
    );

    // a check-in (the hourly job writes the same event under its clock): the adopter's admins and hub coordinators
    const checkin = await writeOutbox(dataSource, {
      type: ReplicationEventType.CHECKIN_DUE,
      aggregateType: 'replication',
      aggregateId: replication.id,
      actorUserId: null,
      payload: {
        replicationId: replication.id,
        innovationId: innovation.id,
        adopterAgencyId: A.id,
        months: 6,
        dueAt: new Date().toISOString(),
      },
    });
    await delivered(checkin);
    expect(await recipientsOf(dataSource, checkin)).toEqual(
      sorted(expected(NotificationType.CHECKIN_DUE, aAdmin, coord1, coord2)),
    );
    expect((await notificationsOf(dataSource, checkin)).get(aAdmin.id)!.title).toBe('6-month check-in due');

    // unread count and mark-read, as the adopter admin sees them
    const count = async () =>
      (await api.gql<{ unreadNotificationCount: number }>('{ unreadNotificationCount }', {}, token(aAdmin)))
        .data!.unreadNotificationCount;
    expect(await count()).toBe(4);
    const marked = await gql<{ markNotificationsRead: { marked: number; unreadCount: number } }>(
      'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }',
      { ids: [String(toAdmin.id)] },
      aAdmin,
    );
    expect(marked.markNotificationsRead).toEqual({ marked: 1, unreadCount: 3 });
  });

  it('tells the watchers of an agency and the members of opted-in hubs of a publication', async () => {
    const yMember = await freshUser(dataSource, Y);
    const H3 = await freshHub(dataSource, [O.id, Y.id]);
    const h3Coord = await freshUser(dataSource, X, Role.COORDINATOR, [H3]);
    tokens.set(h3Coord.id, await api.login(h3Coord.email));
    const alerts = `mutation($hubId: Int!, $alerts: HubPublishAlerts!) { setHubPublishAlerts(hubId: $hubId, alerts: $alerts) { id publishAlerts } }`;
    await gql(alerts, { hubId: H3.id, alerts: 'HUB_INNOVATIONS' }, h3Coord);
    await gql(`mutation($id: Int!) { watchAgency(id: $id) { id } }`, { id: O.id }, agencyWatcher);

    const publish = async (origin: Agency, admin: User) => {
      const draft = await createInnovation(dataSource, {
        agency: origin.shortName!,
        status: InnovationStatus.DRAFT,
      });
      const { version } = await dataSource.getRepository(Innovation).findOneByOrFail({ id: draft.id });
      await gql(PUBLISH, { id: draft.id, version }, admin);
      const event = await lastOutbox(dataSource, 'innovation.published', 'innovation', draft.id);
      await delivered(event);
      return event;
    };

    // O belongs to H3 (HUB_INNOVATIONS): its users and Y's hear of it, with the agency's watcher; not its admin
    const own = await publish(O, oAdmin);
    expect(await recipientsOf(dataSource, own)).toEqual(
      sorted(expected(NotificationType.INNOVATION_PUBLISHED, oMember, agencyWatcher, yMember)),
    );

    // an innovation of an agency outside H3: only hubs with ALL hear of it; H (adopter A) opts in for a moment
    const elsewhereAdmin = await freshUser(dataSource, elsewhere, Role.AGENCY_ADMIN);
    tokens.set(elsewhereAdmin.id, await api.login(elsewhereAdmin.email));
    await gql(alerts, { hubId: H.id, alerts: 'ALL' }, coord1);
    try {
      const other = await publish(elsewhere, elsewhereAdmin);
      const told = await recipientsOf(dataSource, other);
      expect(told.filter(([id]) => [aAdmin, aMember, aMember2].some((u) => u.id === id))).toEqual(
        sorted(expected(NotificationType.INNOVATION_PUBLISHED, aAdmin, aMember, aMember2)),
      );
      for (const u of [oMember, yMember, agencyWatcher, coord1, bystander])
        expect(told.map(([id]) => id)).not.toContain(u.id);
    } finally {
      await gql(alerts, { hubId: H.id, alerts: 'OFF' }, coord1);
    }
  });

  it('tells the mentioned, the replied-to and the watchers of a thread, and the coordinators of flags', async () => {
    const { createThread } = await gql<{ createThread: { id: number } }>(
      THREAD,
      { input: { hubId: H.id, title: 'Berbagi pengalaman replikasi', body: 'Siapa yang sudah mencoba?' } },
      aMember,
    );
    const threadId = createThread.id;
    await gql(
      `mutation($id: Int!) { watchThread(id: $id) { id viewerIsWatching } }`,
      { id: threadId },
      aAdmin,
    );
    await gql(`mutation($id: Int!) { watchThread(id: $id) { id } }`, { id: threadId }, coord1);
    await gql(`mutation($id: Int!) { watchThread(id: $id) { id } }`, { id: threadId }, aMember2);
    // who may not read the hub's forum may not watch it
    const refused = await api.gql(
      `mutation($id: Int!) { watchThread(id: $id) { id } }`,
      { id: threadId },
      token(bystander),
    );
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');

    const [firstPost] = await dataSource.query<Array<{ id: number }>>(
      'SELECT id FROM post WHERE thread_id = ? ORDER BY id LIMIT 1',
      [threadId],
    );
    const { createPost } = await gql<{ createPost: { id: number } }>(
      POST,
      {
        input: {
          threadId,
          replyToPostId: firstPost!.id,
          body: `Kami sudah. @[Koordinator](user:${coord2.id}) mungkin bisa membantu.`,
        },
      },
      aMember2,
    );
    const posted = await lastOutbox(dataSource, 'forum.post_created', 'post', createPost.id);
    await delivered(posted);
    expect(await recipientsOf(dataSource, posted)).toEqual(
      sorted([
        ...expected(NotificationType.FORUM_MENTION, coord2),
        ...expected(NotificationType.FORUM_REPLY, aMember),
        ...expected(NotificationType.THREAD_POST, aAdmin, coord1),
      ]),
    );
    const reply = (await notificationsOf(dataSource, posted)).get(aMember.id)!;
    expect(reply).toMatchObject({
      title: 'Balasan baru',
      body: `${aMember2.name} membalas tulisan Anda di “Berbagi pengalaman replikasi”.`,
      link: `/threads/${threadId}#post-${createPost.id}`,
      emailMode: 'INSTANT',
    });

    // flags: the hub's coordinators, for each flag, and for the auto-hide the third one causes
    const flaggers = [aAdmin, aMember, await freshUser(dataSource, A)];
    tokens.set(flaggers[2]!.id, await api.login(flaggers[2]!.email));
    const flagEvents: OutboxEvent[] = [];
    for (const flagger of flaggers) {
      await gql(FLAG, { input: { postId: createPost.id, reason: 'SPAM' } }, flagger);
      flagEvents.push(await lastOutbox(dataSource, 'forum.flag_raised', 'post', createPost.id));
    }
    for (const event of flagEvents) {
      await delivered(event);
      expect(await recipientsOf(dataSource, event)).toEqual(
        sorted(expected(NotificationType.POST_FLAGGED, coord1, coord2)),
      );
    }
    const hidden = await lastOutbox(dataSource, 'forum.post_auto_hidden', 'post', createPost.id);
    await delivered(hidden);
    expect(await recipientsOf(dataSource, hidden)).toEqual(
      sorted(expected(NotificationType.POST_AUTO_HIDDEN, coord1, coord2)),
    );
    expect((await notificationsOf(dataSource, hidden)).get(coord1.id)!.body).toBe(
      'Sebuah tulisan di “Berbagi pengalaman replikasi” disembunyikan setelah 3 laporan; mohon ditinjau.',
    );
    // a coordinator of another hub and a bystander were told of nothing at all
    const others = await dataSource.query<unknown[]>('SELECT 1 FROM notification WHERE user_id IN (?)', [
      [otherCoord.id, bystander.id],
    ]);
    expect(others).toEqual([]);
  });

  it('splits a big audience into delivery chunks, and relays with several relays at once, each event once', async () => {
    // 2,500 watchers of one replication: the fan-out job writes the first 1,200 (in batches of 100,
    // 200, 400 and 500), three delivery jobs the rest (500, 500 and what is left)
    const [{ id: replicationId }] = await dataSource.query<Array<{ id: number }>>(
      'SELECT id FROM replication WHERE adopter_agency_id = ? LIMIT 1',
      [A.id],
    );
    const now = Date.now();
    const values = Array.from({ length: 2500 }, (_, i) => [
      crowd.id,
      `crowd-${now}-${i}@uji.go.id`,
      `Warga ${i}`,
      'MEMBER',
      'ACTIVE',
    ]);
    await dataSource.query('INSERT INTO `user` (agency_id, email, name, role, status) VALUES ?', [values]);
    await dataSource.query(
      'INSERT INTO replication_watch (replication_id, user_id) SELECT ?, id FROM `user` WHERE agency_id = ?',
      [replicationId, crowd.id],
    );
    const event = await writeOutbox(dataSource, {
      type: ReplicationEventType.TRANSITIONED,
      aggregateType: 'replication',
      aggregateId: replicationId!,
      actorUserId: coord2.id,
      payload: {
        replicationId: replicationId!,
        innovationId: 0,
        originAgencyId: O.id,
        adopterAgencyId: A.id,
        action: 'RESUME',
        from: 'STALLED',
        to: 'OBSERVING',
      },
    });
    const result = await delivered(event);
    const fanOut = worker.get(FanOutService);
    const message = (await queue.getJob(fanOutJobId(Number(event.id))))!.data.event as OutboxEventMessage;
    const plan = deliveryPlan(result.recipients, 500);
    expect(plan.jobs).toHaveLength(3);
    expect(result.chunks).toBe(plan.jobs.length);
    // the delivery jobs hold the recipients after the first 1,200, in user id order, in chunks of
    // the planned sizes; what the fan-out and they report written is what the table holds
    const recipients = await fanOut.recipientsOf(message);
    let at = plan.batches.reduce((sum, n) => sum + n, 0);
    let reported = result.inserted;
    for (let n = 0; n < result.chunks; n++) {
      const job = (await queue.getJob(deliveryJobId(Number(event.id), n)))!;
      const userIds = (job.data as { recipients: Array<{ userId: number }> }).recipients.map((r) => r.userId);
      expect(userIds).toEqual(recipients.slice(at, (at += plan.jobs[n]!)).map((r) => r.userId));
      reported += (job.returnvalue as DeliveryResult).inserted;
    }
    expect(at).toBe(result.recipients);
    // every one of the crowd once; of the others, only the replication watcher turned this type off
    const [{ total, users, crowdTold }] = await dataSource.query<
      Array<{ total: number; users: number; crowdTold: number }>
    >(
      `SELECT COUNT(*) AS total, COUNT(DISTINCT n.user_id) AS users, SUM(u.agency_id = ?) AS crowdTold
         FROM notification n JOIN \`user\` u ON u.id = n.user_id WHERE n.outbox_event_id = ?`,
      [crowd.id, event.id],
    );
    expect(Number(crowdTold)).toBe(2500);
    expect(Number(total)).toBe(result.recipients - 1);
    expect(reported).toBe(Number(total));
    expect(Number(users)).toBe(result.recipients - 1);

    // the fan-out again, and every chunk delivered again (a duplicated or retried job): nothing more
    expect(await fanOut.deliver(message, recipients)).toMatchObject({ inserted: 0, pushed: 0 });
    expect(await fanOut.fanOut(message)).toMatchObject({ chunks: plan.jobs.length, inserted: 0 });
    const [{ again }] = await dataSource.query<Array<{ again: number }>>(
      'SELECT COUNT(*) AS again FROM notification WHERE outbox_event_id = ?',
      [event.id],
    );
    expect(Number(again)).toBe(result.recipients - 1);

    // four relays racing the running one over 400 events: every event enqueued once, all dispatched
    const recorder = (seen: Map<number, number>) => ({
      getBackend: () => ({ client: Promise.resolve({ status: 'ready' }) }),
      addBulk: async (jobs: Array<{ data: { event: OutboxEventMessage } }>) => {
        for (const job of jobs) seen.set(job.data.event.id, (seen.get(job.data.event.id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return [];
      },
    });
    // what reached the notifications queue, and the analytics queue
    const seen = new Map<number, number>();
    const seenByAnalytics = new Map<number, number>();
    const relays = Array.from(
      { length: 4 },
      () =>
        new OutboxRelay(
          dataSource,
          recorder(seen) as never,
          recorder(seenByAnalytics) as never,
          worker.get(AppConfig),
        ),
    );
    const rows = Array.from({ length: 400 }, (_, i) => ['test.relay', 'test', String(i), null, '{}']);
    await dataSource.query(
      'INSERT INTO outbox_event (type, aggregate_type, aggregate_id, actor_user_id, payload) VALUES ?',
      [rows],
    );
    const [{ first }] = await dataSource.query<Array<{ first: number }>>(
      "SELECT MIN(id) AS first FROM outbox_event WHERE type = 'test.relay' AND dispatched_at IS NULL",
    );
    await Promise.all(
      relays.map(async (relay) => {
        while ((await relay.relayBatch()) > 0);
      }),
    );
    expect(seen.size).toBeGreaterThan(0);
    expect([...seen.values()].every((times) => times === 1)).toBe(true);
    expect([...seenByAnalytics.entries()]).toEqual([...seen.entries()]);
    // the running relay may still be committing the batch it claimed
    await until(
      async () => {
        const [{ waiting }] = await dataSource.query<Array<{ waiting: number }>>(
          "SELECT COUNT(*) AS waiting FROM outbox_event WHERE type = 'test.relay' AND id >= ? AND dispatched_at IS NULL",
          [first],
        );
        return Number(waiting) === 0;
      },
      5000,
      'every event dispatched',
    );
  });

  it('enqueues each event under its outbox id and marks it dispatched', async () => {
    const event = await writeOutbox(dataSource, {
      type: 'test.unknown',
      aggregateType: 'test',
      aggregateId: 1,
      actorUserId: null,
      payload: {},
    });
    await delivered(event);
    const job = await queue.getJob(fanOutJobId(Number(event.id)));
    expect(job).toMatchObject({
      name: JobName.FAN_OUT_EVENT,
      data: { event: expect.objectContaining({ id: Number(event.id), type: 'test.unknown' }) },
    });
    expect(job!.returnvalue).toEqual({ recipients: 0, chunks: 0, inserted: 0 });
    // marked once Redis took it (the job may even run before the relay commits the mark)
    const row = await until(
      async () => {
        const found = await dataSource.getRepository(OutboxEvent).findOneByOrFail({ id: event.id });
        return found.dispatchedAt ? found : null;
      },
      5000,
      'the mark',
    );
    expect(row.dispatchedAt!.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime() - 1000);
  });
  it('writes only the notifications that do not exist yet, and answers with those (RETURNING, and the read-back)', async () => {
    const event = await writeOutbox(dataSource, {
      type: 'test.insert',
      aggregateType: 'test',
      aggregateId: 2,
      actorUserId: oAdmin.id,
      payload: {},
    });
    const eventRef = { id: Number(event.id), actorUserId: oAdmin.id };
    const row = (user: User, inApp = true): NewNotification => ({
      userId: user.id,
      type: NotificationType.REPLICATION_UPDATED,
      title: 'Judul',
      body: `Untuk ${user.name}`,
      link: '/replications/1',
      inApp,
      emailMode: NotificationMode.OFF,
    });
    const users = (written: WrittenNotification[]) => written.map((w) => w.userId).sort((a, b) => a - b);

    // MariaDB: the statement answers with what it wrote, never with a row that was there before
    const first = await insertNotifications(
      dataSource,
      eventRef,
      [row(bystander), row(agencyWatcher, false)],
      true,
    );
    expect(users(first)).toEqual([bystander.id, agencyWatcher.id].sort((a, b) => a - b));
    const again = await insertNotifications(
      dataSource,
      eventRef,
      [row(bystander), row(innovationWatcher)],
      true,
    );
    expect(users(again)).toEqual([innovationWatcher.id]);
    // MySQL's way (no RETURNING): nothing new, nothing read back; something new, the given users' rows
    expect(await insertNotifications(dataSource, eventRef, [row(bystander)], false)).toEqual([]);
    const readBack = await insertNotifications(dataSource, eventRef, [row(replicationWatcher)], false);
    expect(users(readBack)).toEqual([replicationWatcher.id]);

    // what they answer is what the table holds
    const rows = await notificationsOf(dataSource, event);
    expect([...rows.keys()].sort((a, b) => a - b)).toEqual(
      [bystander.id, agencyWatcher.id, innovationWatcher.id, replicationWatcher.id].sort((a, b) => a - b),
    );
    for (const written of [...first, ...again, ...readBack]) {
      const stored = rows.get(written.userId)!;
      expect(written.id).toBe(String(stored.id));
      expect(written.createdAt.toISOString()).toBe(stored.createdAt.toISOString());
      expect(stored.actorUserId).toBe(oAdmin.id);
    }
    expect(rows.get(bystander.id)).toMatchObject({ body: `Untuk ${bystander.name}`, inApp: true });
    expect(rows.get(agencyWatcher.id)!.inApp).toBe(false);
  });

  it('wakes the relays when outbox rows commit (not before, not on rollback), and a waiting relay passes at once', async () => {
    const config = worker.get(AppConfig);
    const channel = outboxWakeChannel(config);
    const listener = new Redis(process.env['REDIS_URL']!);
    const probe = new Redis(process.env['REDIS_URL']!);
    const heard: number[] = [];
    listener.on('message', (from: string) => from === channel && heard.push(Date.now()));
    await listener.subscribe(channel);
    const entry = {
      type: 'test.wake',
      aggregateType: 'test',
      aggregateId: 3,
      actorUserId: null,
      payload: {},
    };
    const quiet = () => new Promise((resolve) => setTimeout(resolve, 300));
    try {
      // written, not yet committed: no wake; committed: one
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await appendOutbox(runner.manager, entry);
      await quiet();
      expect(heard).toHaveLength(0);
      await runner.commitTransaction();
      await runner.release();
      await until(async () => heard.length === 1, 5000, 'the wake after the commit');

      // rolled back: none
      await dataSource
        .transaction(async (manager) => {
          await appendOutbox(manager, entry);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await quiet();
      expect(heard).toHaveLength(1);

      // a relay that would next poll in a minute passes again as soon as a change commits
      const passes: number[] = [];
      const relay = {
        batch: 200,
        relayBatch: async () => {
          passes.push(Date.now());
          return 0;
        },
      };
      const slow = {
        get: (key: string) => (key === 'OUTBOX_RELAY_IDLE_MS' ? 60_000 : config.get(key as never)),
        redisKey: (...parts: string[]) => config.redisKey(...parts),
        isTest: config.isTest,
      };
      const subscribers = async () =>
        Number(((await probe.call('PUBSUB', 'NUMSUB', channel)) as [string, number])[1]);
      const before = await subscribers();
      const sleeper = new OutboxRelayRunner(relay as never, slow as never);
      sleeper.onApplicationBootstrap();
      try {
        await until(
          async () => passes.length === 1 && (await subscribers()) > before,
          5000,
          'the relay listening',
        );
        await writeOutbox(dataSource, entry);
        await until(async () => passes.length >= 2, 5000, 'a pass on the wake');
      } finally {
        await sleeper.beforeApplicationShutdown();
      }
    } finally {
      await listener.quit();
      await probe.quit();
    }
  });
});
