import { AppConfig, REDIS_CLIENT, Role } from '@jipp/core';
import {
  Innovation,
  InnovationViewCounter,
  InnovationViewDay,
  jakartaDay,
  pendingField,
  ViewFlushService,
  viewKeys,
  type ViewKeys,
} from '@jipp/innovations';
import { unique } from '@jipp/testing';
import type { Redis } from 'ioredis';
import { startTestApi, type TestApi } from './api-harness';

const CREATE = `mutation($input: CreateInnovationInput!) { createInnovation(input: $input) { innovation { id version } } }`;
const PUBLISH = `mutation($id: Int!, $version: Int!) { publishInnovation(id: $id, version: $version) { id } }`;
const VIEW = `query($id: Int!) { innovation(id: $id) { id funnel { viewed } } }`;

describe('innovation views', () => {
  let api: TestApi;
  let redis: Redis;
  let keys: ViewKeys;
  let flusher: ViewFlushService;
  let member: string; // Pemkab Banyuwangi
  let agencyAdmin: string; // Pemkab Banyuwangi
  let categoryId: number;

  beforeAll(async () => {
    api = await startTestApi();
    redis = api.app.get<Redis>(REDIS_CLIENT);
    keys = viewKeys(api.app.get(AppConfig));
    flusher = api.app.get(ViewFlushService);
    [member, agencyAdmin] = (
      await Promise.all([
        api.signInAs(Role.MEMBER, 'Pemkab Banyuwangi'),
        api.signInAs(Role.AGENCY_ADMIN, 'Pemkab Banyuwangi'),
      ])
    ).map((s) => s.token) as [string, string];
    const categories = await api.gql<{ innovationCategories: Array<{ id: number }> }>(
      '{ innovationCategories { id } }',
    );
    categoryId = categories.data!.innovationCategories[0]!.id;
  });

  afterAll(() => api.close());

  const draft = async (): Promise<{ id: number; version: number }> => {
    const res = await api.gql<{ createInnovation: { innovation: { id: number; version: number } } }>(
      CREATE,
      {
        input: {
          title: `Pantau Antrean Puskesmas ${unique('v')}`,
          summary: 'Warga melihat antrean puskesmas dari ponsel.',
          problem: 'Warga menunggu berjam-jam di puskesmas tanpa tahu giliran mereka.',
          approach: 'Nomor antrean daring dan papan antrean yang dapat dilihat dari rumah.',
          novelty: 'Antrean terbuka untuk umum.',
          impact: 'Waktu tunggu di tempat turun dari 3 jam menjadi 40 menit.',
          categoryId,
          digital: true,
          stage: 'IMPLEMENTED',
          sdgGoals: [3],
          launchYear: 2021,
        },
      },
      member,
    );
    if (!res.data?.createInnovation) throw new Error(JSON.stringify(res.errors));
    return res.data.createInnovation.innovation;
  };

  const published = async (): Promise<number> => {
    const { id, version } = await draft();
    const res = await api.gql(PUBLISH, { id, version }, agencyAdmin);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return id;
  };

  /** One page view, as a browser sends it. */
  const view = async (id: number, as: { token?: string; visitorId?: string } = {}): Promise<void> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as.token) headers['authorization'] = `Bearer ${as.token}`;
    if (as.visitorId) headers['x-visitor-id'] = as.visitorId;
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: VIEW, variables: { id } }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };

  const viewMany = async (id: number, times: number, as: { token?: string; visitorId?: string }) => {
    for (let done = 0; done < times; done += 50) {
      await Promise.all(Array.from({ length: Math.min(50, times - done) }, () => view(id, as)));
    }
  };

  /** Counting is not awaited by the request: wait until Redis holds the expected pending count. */
  const pendingReaches = async (id: number, expected: number): Promise<void> => {
    const field = pendingField(jakartaDay(new Date()), id);
    const deadline = Date.now() + 5_000;
    let current = 0;
    while (Date.now() < deadline) {
      current = Number((await redis.hget(keys.pending, field)) ?? 0);
      if (current >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(current).toBe(expected);
  };

  const viewCount = async (id: number): Promise<number> =>
    (await api.dataSource.getRepository(Innovation).findOneByOrFail({ id })).viewCount;

  it('counts 1,000 views by one user once, and each anonymous visitor once, when flushed', async () => {
    const id = await published();
    await viewMany(id, 1_000, { token: member });
    for (const visitorId of ['pengunjung-a1', 'pengunjung-b2', 'pengunjung-c3']) {
      await viewMany(id, 2, { visitorId });
    }
    await pendingReaches(id, 4);
    // a count for an innovation that is gone is dropped, not an error
    await redis.hincrby(keys.pending, pendingField(jakartaDay(new Date()), 4_000_000_000), 5);
    expect(await viewCount(id)).toBe(0);

    const first = await flusher.flush();
    expect(first.batches).toBeGreaterThanOrEqual(1);
    expect(first.views).toBeGreaterThanOrEqual(4);
    const res = await api.gql<{ innovation: { funnel: { viewed: number } } }>(VIEW, { id }, member);
    expect(res.data?.innovation.funnel.viewed).toBe(4);
    const days = await api.dataSource
      .getRepository(InnovationViewDay)
      .createQueryBuilder('d')
      .select("DATE_FORMAT(d.day, '%Y-%m-%d')", 'day')
      .addSelect('d.views', 'views')
      .where('d.innovationId IN (:...ids)', { ids: [id, 4_000_000_000] })
      .getRawMany<{ day: string; views: number }>();
    expect(days.map((d) => ({ day: d.day, views: Number(d.views) }))).toEqual([
      { day: jakartaDay(new Date()), views: 4 },
    ]);

    await flusher.flush();
    expect(await viewCount(id)).toBe(4);
  });

  it('counts an anonymous visitor without a valid id once per IP, and neither drafts nor lists', async () => {
    const id = await published();
    await view(id);
    await view(id, { visitorId: 'no' }); // invalid: falls back to the IP
    await view(id, { visitorId: 'bad id with spaces' });
    const own = await draft();
    await viewMany(own.id, 3, { token: member });
    const list = await api.gql('{ innovations(first: 20) { edges { node { id } } } }');
    expect(list.errors).toBeUndefined();
    await pendingReaches(id, 1);

    await flusher.flush();
    expect(await viewCount(id)).toBe(1);
    expect(await viewCount(own.id)).toBe(0);
  });

  it('never counts a batch twice when its database write committed but Redis kept it', async () => {
    const id = await published();
    await view(id, { visitorId: 'pengunjung-crash-1' });
    await pendingReaches(id, 1);
    // a flush takes the pending counts as a batch...
    const batchId = unique('batch');
    await redis.rename(keys.pending, keys.flushing);
    await redis.hset(keys.flushing, 'batch', batchId);
    const batch = await redis.hgetall(keys.flushing);
    // ...writes it, and dies before it could delete the batch from Redis
    await flusher.flush();
    expect(await viewCount(id)).toBe(1);
    await redis.hset(keys.flushing, batch);

    await view(id, { visitorId: 'pengunjung-crash-2' });
    await pendingReaches(id, 1);
    const retried = await flusher.flush();
    expect(retried.batches).toBe(2); // the leftover (already written: skipped), then the new views
    expect(await viewCount(id)).toBe(2);
    expect(await redis.exists(keys.flushing)).toBe(0);
    expect(await flusher.flush()).toMatchObject({ batches: 0, views: 0 });
    expect(await viewCount(id)).toBe(2);
  });

  it('asks Redis once per visitor, innovation and day on a node; the other nodes still count through Redis', async () => {
    const id = await published();
    const config = api.app.get(AppConfig);
    const nodeA = api.app.get(InnovationViewCounter);
    const nodeB = new InnovationViewCounter(redis, config);
    const visitor = { visitorId: unique('pengunjung') };
    const today = jakartaDay(new Date());

    expect(await nodeA.record(id, visitor)).toBe(true);
    expect(await nodeB.record(id, visitor)).toBe(false); // Redis's seen-set is shared
    await pendingReaches(id, 1);

    // node A remembers the answer: with the seen-set gone from Redis, it still does not count again,
    // because it does not ask; a node that has not seen the visitor asks, and Redis (now empty) counts
    await redis.del(keys.seen(today, id));
    expect(await nodeA.record(id, visitor)).toBe(false);
    await pendingReaches(id, 1);
    expect(await new InnovationViewCounter(redis, config).record(id, visitor)).toBe(true);
    await pendingReaches(id, 2);

    // the memory is per day: tomorrow the same visitor is asked of Redis, and counted again
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    expect(await nodeA.record(id, visitor, tomorrow)).toBe(true);
    await redis.del(keys.seen(jakartaDay(tomorrow), id));
    await redis.hdel(keys.pending, pendingField(jakartaDay(tomorrow), id));
  });

  it('does not remember a view Redis could not answer', async () => {
    const id = await published();
    const offline = redis.duplicate({ lazyConnect: true });
    try {
      const node = new InnovationViewCounter(offline, api.app.get(AppConfig));
      const visitor = { visitorId: unique('pengunjung') };
      expect(await node.record(id, visitor)).toBe(false); // not connected: dropped, not remembered
      await offline.connect();
      expect(await node.record(id, visitor)).toBe(true);
      await pendingReaches(id, 1);
    } finally {
      offline.disconnect();
    }
  });
});
