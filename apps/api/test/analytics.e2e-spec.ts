import { AnalyticsProjector, REPLICATION_FEED_EVENT, type ReplicationFeedItem } from '@jipp/analytics';
import { Role, type OutboxEventMessage } from '@jipp/core';
import { createInnovation } from '@jipp/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { io, type Socket } from 'socket.io-client';
import { startAnalytics } from '@jipp/testing';
import { errorCode, startTestApi, type GqlResponse, type TestApi } from './api-harness';

const SPREAD = `query($groupBy: SpreadGroupBy!, $filter: SpreadFilter) {
  replicationSpread(groupBy: $groupBy, filter: $filter) {
    groupBy rows { key label replications adopterAgencies innovationsReplicated byStatus { status count } }
    total { key replications replicated adopterAgencies innovationsReplicated }
  }
}`;
const REQUEST = `mutation($input: RequestReplicationInput!) { requestReplication(input: $input) { id version } }`;
const STEP = `mutation($input: TransitionReplicationInput!) { transitionReplication(input: $input) { id status version } }`;

type Spread = {
  replicationSpread: {
    rows: Array<{ key: string; label: string; replications: number }>;
    total: { replications: number };
  };
};

function feedSocket(url: string, token?: string): Socket {
  return io(`${url}/feed`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token ? { auth: { token } } : {}),
  });
}

function nextFeedItem(socket: Socket, replicationId: number, timeoutMs = 5000): Promise<ReplicationFeedItem> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no feed item for ${replicationId}`)), timeoutMs);
    const onItem = (item: ReplicationFeedItem) => {
      if (item.replicationId !== replicationId) return;
      clearTimeout(timer);
      socket.off(REPLICATION_FEED_EVENT, onItem);
      resolve(item);
    };
    socket.on(REPLICATION_FEED_EVENT, onItem);
  });
}

describe('analytics (GraphQL and the live feed)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let projector: AnalyticsProjector;

  /** What the worker would do: the replication's undelivered outbox events, applied to the rollups. */
  const project = async (replicationId: number, after = 0): Promise<number> => {
    const rows = await api.dataSource.query<
      Array<{
        id: string;
        type: string;
        actor_user_id: number | null;
        payload: string | object;
        created_at: Date;
      }>
    >(
      "SELECT id, type, actor_user_id, payload, created_at FROM outbox_event WHERE aggregate_type = 'replication' AND aggregate_id = ? AND id > ? ORDER BY id",
      [String(replicationId), after],
    );
    for (const row of rows) {
      const event: OutboxEventMessage = {
        id: Number(row.id),
        type: row.type,
        aggregateType: 'replication',
        aggregateId: String(replicationId),
        actorUserId: row.actor_user_id,
        payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
        createdAt: new Date(row.created_at).toISOString(),
      } as OutboxEventMessage;
      await projector.apply(event);
    }
    return rows.length ? Number(rows.at(-1)!.id) : after;
  };

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startAnalytics();
    projector = worker.get(AnalyticsProjector);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('answers anonymous readers, and counts a new request once it is projected', async () => {
    // Kulon Progo adopts nothing in any other test file: its row moves only with this request,
    // whatever the other files' workers project into the shared database meanwhile
    const regencies = { groupBy: 'REGENCY', filter: { provinceCode: '34' } };
    const kulonProgo = (r: GqlResponse<Spread>) =>
      r.data!.replicationSpread.rows.find((row) => row.key === '34.01')?.replications ?? 0;
    const before = await api.gql<Spread>(SPREAD, regencies);
    expect(before.errors).toBeUndefined();
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
    const adopter = (await api.signInAs(Role.MEMBER, 'Pemkab Kulon Progo')).token;
    const requested = await api.gql<{ requestReplication: { id: number } }>(
      REQUEST,
      {
        input: { innovationId: innovation.id, note: 'Kami ingin mereplikasi inovasi ini di kabupaten kami.' },
      },
      adopter,
    );
    expect(kulonProgo(await api.gql<Spread>(SPREAD, regencies))).toBe(kulonProgo(before));
    await project(requested.data!.requestReplication.id);
    const after = await api.gql<Spread>(SPREAD, regencies);
    expect(kulonProgo(after)).toBe(kulonProgo(before) + 1);
    expect(after.data!.replicationSpread.rows.find((row) => row.key === '34.01')).toMatchObject({
      label: expect.stringContaining('Kulon Progo'),
    });
  });

  it('pushes requests and steps to the live feed of anonymous sockets', async () => {
    const socket = feedSocket(api.url);
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      expect(await socket.timeout(5000).emitWithAck('feed:join')).toEqual({ ok: true });

      const innovation = await createInnovation(api.dataSource, { agency: 'Pemkot Surabaya' });
      const adopterAdmin = (await api.signInAs(Role.AGENCY_ADMIN, 'Pemkab Malang')).token;
      const originAdmin = (await api.signInAs(Role.AGENCY_ADMIN, 'Pemkot Surabaya')).token;
      const requested = await api.gql<{ requestReplication: { id: number; version: number } }>(
        REQUEST,
        {
          input: {
            innovationId: innovation.id,
            note: 'Kami ingin mereplikasi inovasi ini di kabupaten kami.',
          },
        },
        adopterAdmin,
      );
      const { id, version } = requested.data!.requestReplication;
      const first = nextFeedItem(socket, id);
      const seen = await project(id);
      expect(await first).toMatchObject({
        replicationId: id,
        innovationId: innovation.id,
        innovationTitle: innovation.title,
        adopterAgencyName: expect.stringContaining('Malang'),
        adopterProvinceCode: '35',
        from: null,
        to: 'REQUESTED',
      });

      const approved = await api.gql(STEP, { input: { id, version, action: 'APPROVE' } }, originAdmin);
      expect(approved.errors).toBeUndefined();
      const second = nextFeedItem(socket, id);
      await project(id, seen);
      expect(await second).toMatchObject({
        replicationId: id,
        action: 'APPROVE',
        from: 'REQUESTED',
        to: 'APPROVED',
      });

      // applied again (a retried job): the rollups and the feed stay as they were
      const again = nextFeedItem(socket, id, 500);
      await project(id);
      await expect(again).rejects.toThrow('no feed item');
    } finally {
      socket.close();
    }
  });

  it('refuses bad questions with stable codes and no internals', async () => {
    const reversed = await api.gql(SPREAD, { groupBy: 'YEAR', filter: { yearFrom: 2025, yearTo: 2020 } });
    expect(errorCode(reversed)).toBe('BAD_USER_INPUT');
    const badProvince = await api.gql(SPREAD, { groupBy: 'REGENCY', filter: { provinceCode: 'Jatim' } });
    expect(errorCode(badProvince)).toBe('BAD_USER_INPUT');
    const tooMany = await api.gql('{ topInnovations(by: VIEWS, first: 500) { innovationId } }');
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    const viewsByYear = await api.gql(
      '{ topInnovations(by: VIEWS, filter: { yearFrom: 2024 }) { innovationId } }',
    );
    expect(errorCode(viewsByYear)).toBe('BAD_USER_INPUT');
    const noProvince = await api.gql('{ gapMap(provinceCode: "99") { provinceName } }');
    expect(errorCode(noProvince)).toBe('NOT_FOUND');
    const noInnovation = await api.gql('{ innovationFunnel(innovationId: 999999999) { title } }');
    expect(errorCode(noInnovation)).toBe('NOT_FOUND');
    const longRange = await api.gql(
      '{ hubActivity(hubId: 1, from: "2020-01-01", to: "2025-01-01") { hubName } }',
    );
    expect(errorCode(longRange)).toBe('BAD_USER_INPUT');
    const notADate = await api.gql(
      '{ hubActivity(hubId: 1, from: "2025-02-30", to: "2025-03-01") { hubName } }',
    );
    expect(errorCode(notADate)).toBe('BAD_USER_INPUT');
    for (const res of [reversed, noProvince, longRange]) {
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|SELECT|analytics_/i);
    }
  });

  it('answers the other dashboard questions for anonymous readers', async () => {
    const res = await api.gql<{
      gapMap: { regions: unknown[]; withoutAdoption: unknown[] };
      topInnovations: Array<{ value: number }>;
      hubActivity: { weeks: Array<{ weekStart: string }> };
    }>(`{
      gapMap(provinceCode: "35") { provinceName regions { code name replications } withoutAdoption { code } }
      topInnovations(by: PROVINCES, first: 3) { innovationId title value }
      hubActivity(hubId: 1, from: "2026-01-05", to: "2026-02-01") { hubName weeks { weekStart newReplications } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.gapMap.regions).toHaveLength(38);
    expect(res.data!.topInnovations.length).toBeLessThanOrEqual(3);
    expect(res.data!.hubActivity.weeks.map((w) => w.weekStart)).toEqual([
      '2026-01-05',
      '2026-01-12',
      '2026-01-19',
      '2026-01-26',
    ]);
  });
});
