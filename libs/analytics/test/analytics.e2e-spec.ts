import {
  AnalyticsProjector,
  AnalyticsRebuildService,
  GapMapService,
  HubActivityService,
  InnovationInsightsService,
  SpreadGroupBy,
  SpreadQueryService,
  type SpreadResult,
} from '@jipp/analytics';
import type { OutboxEventMessage } from '@jipp/core';
import { isolatedDatabase, startAnalytics, type IsolatedDatabase } from '@jipp/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  agencyId,
  categoryId,
  insertInnovation,
  insertReplication,
  rollupContents,
  transition,
} from './analytics-fixtures';

/** Jakarta noon of a day, as UTC. */
const day = (iso: string) => new Date(`${iso}T05:00:00Z`);

function row(result: SpreadResult, key: string) {
  const found = result.rows.find((r) => r.key === key);
  return (
    found && {
      replications: found.replications,
      replicated: found.replicated,
      adopterAgencies: found.adopterAgencies,
      innovationsReplicated: found.innovationsReplicated,
    }
  );
}

const counts = (r: SpreadResult['total']) => ({
  replications: r.replications,
  replicated: r.replicated,
  adopterAgencies: r.adopterAgencies,
  innovationsReplicated: r.innovationsReplicated,
});

describe('analytics rollups (a database of their own)', () => {
  let database: IsolatedDatabase;
  let app: INestApplicationContext;
  let db: DataSource;
  let projector: AnalyticsProjector;
  let rebuild: AnalyticsRebuildService;
  let spread: SpreadQueryService;
  const sharedUrl = process.env['DATABASE_URL'];

  beforeAll(async () => {
    database = await isolatedDatabase('analytics');
    process.env['DATABASE_URL'] = database.url;
    app = await startAnalytics();
    db = app.get<DataSource>(getDataSourceToken());
    // the rollups of this file's own database, not the run's shared one
    const [{ name }] = (await db.query('SELECT DATABASE() AS name')) as Array<{ name: string }>;
    expect(name).toBe(database.name);
    projector = app.get(AnalyticsProjector);
    rebuild = app.get(AnalyticsRebuildService);
    spread = app.get(SpreadQueryService);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    process.env['DATABASE_URL'] = sharedUrl;
    await database?.drop();
  });

  describe('on a small fixed data set, against answers computed by hand', () => {
    let kesehatan: number;
    let i1: number;
    let i2: number;
    let hub: number;

    beforeAll(async () => {
      kesehatan = await categoryId(db, 'KESEHATAN');
      const ekonomi = await categoryId(db, 'EKONOMI');
      const [bandung, sleman, banyuwangi, surabaya, jatim, malang] = await Promise.all(
        [
          'Pemkot Bandung',
          'Pemkab Sleman',
          'Pemkab Banyuwangi',
          'Pemkot Surabaya',
          'Pemprov Jawa Timur',
          'Pemkab Malang',
        ].map((name) => agencyId(db, name)),
      );
      [{ id: hub }] = (await db.query("SELECT id FROM network WHERE slug = 'jipp-jawa-timur'")) as Array<{
        id: number;
      }>;
      i1 = await insertInnovation(db, 'Posyandu Digital Uji', bandung!, kesehatan);
      i2 = await insertInnovation(db, 'Pasar Rakyat Daring Uji', sleman!, ekonomi);
      const events: OutboxEventMessage[] = [];
      const add = async (innovation: number, adopter: number, at: Date, ...steps: string[]) => {
        const r = await insertReplication(db, innovation, adopter, at);
        events.push(r.event);
        for (const to of steps)
          events.push(await transition(db, r.id, to, new Date(at.getTime() + 86_400_000)));
      };
      await add(i1, banyuwangi!, day('2023-03-01'), 'APPROVED', 'OBSERVING', 'IMITATING', 'IMPLEMENTED');
      await add(i1, surabaya!, day('2024-05-10'));
      await add(i2, banyuwangi!, day('2024-06-01'), 'APPROVED');
      await add(
        i1,
        sleman!,
        day('2024-07-01'),
        'APPROVED',
        'OBSERVING',
        'IMITATING',
        'IMPLEMENTED',
        'SUSTAINED',
      );
      await add(i2, jatim!, day('2025-01-15'), 'APPROVED', 'OBSERVING', 'STALLED');
      // 20:00 UTC on 31 December is 1 January in Jakarta: a 2023 request
      await add(i2, malang!, new Date('2022-12-31T20:00:00Z'), 'REJECTED');
      await add(i1, malang!, day('2026-02-01'), 'APPROVED', 'OBSERVING');
      // applied as the worker would, one event at a time
      for (const event of events) await projector.apply(event);
    });

    it('groups by province over all years, with a total that counts each replication once', async () => {
      const result = await spread.spread(SpreadGroupBy.PROVINCE);
      expect(result.source).toBe('ROLLUP');
      expect(row(result, '35')).toEqual({
        replications: 6,
        replicated: 1,
        adopterAgencies: 4,
        innovationsReplicated: 2,
      });
      expect(row(result, '34')).toEqual({
        replications: 1,
        replicated: 1,
        adopterAgencies: 1,
        innovationsReplicated: 1,
      });
      expect(result.rows.map((r) => r.key)).toEqual(['35', '34']);
      expect(result.rows[0]!.label).toBe('Jawa Timur');
      expect(counts(result.total)).toEqual({
        replications: 7,
        replicated: 2,
        adopterAgencies: 5,
        innovationsReplicated: 2,
      });
      expect(result.rows[0]!.byStatus).toEqual(
        [
          { status: 'IMPLEMENTED', count: 1 },
          { status: 'OBSERVING', count: 1 },
          { status: 'REJECTED', count: 1 },
          { status: 'REQUESTED', count: 1 },
          { status: 'APPROVED', count: 1 },
          { status: 'STALLED', count: 1 },
        ].sort((a, b) => a.status.localeCompare(b.status)),
      );
    });

    it('groups by year in Jakarta time, each year with its own distinct counts', async () => {
      const result = await spread.spread(SpreadGroupBy.YEAR);
      expect(
        result.rows.map((r) => [r.key, r.replications, r.adopterAgencies, r.innovationsReplicated]),
      ).toEqual([
        ['2023', 2, 2, 2],
        ['2024', 3, 3, 2],
        ['2025', 1, 1, 1],
        ['2026', 1, 1, 1],
      ]);
    });

    it('reads every kind of year range exactly', async () => {
      const from2024 = await spread.spread(SpreadGroupBy.PROVINCE, { yearFrom: 2024 });
      expect(row(from2024, '35')).toEqual({
        replications: 4,
        replicated: 0,
        adopterAgencies: 4,
        innovationsReplicated: 2,
      });
      expect(counts(from2024.total)).toEqual({
        replications: 5,
        replicated: 1,
        adopterAgencies: 5,
        innovationsReplicated: 2,
      });

      const upTo2024 = await spread.spread(SpreadGroupBy.PROVINCE, { yearTo: 2024 });
      expect(row(upTo2024, '35')).toEqual({
        replications: 4,
        replicated: 1,
        adopterAgencies: 3,
        innovationsReplicated: 2,
      });

      // bounded on both sides inside the data: counted from the member rows
      const middle = await spread.spread(SpreadGroupBy.PROVINCE, { yearFrom: 2024, yearTo: 2025 });
      expect(row(middle, '35')).toEqual({
        replications: 3,
        replicated: 0,
        adopterAgencies: 3,
        innovationsReplicated: 2,
      });
      expect(row(middle, '34')).toEqual({
        replications: 1,
        replicated: 1,
        adopterAgencies: 1,
        innovationsReplicated: 1,
      });
      expect(counts(middle.total)).toEqual({
        replications: 4,
        replicated: 1,
        adopterAgencies: 4,
        innovationsReplicated: 2,
      });

      const one = await spread.spread(SpreadGroupBy.PROVINCE, { yearFrom: 2023, yearTo: 2023 });
      expect(row(one, '35')).toEqual({
        replications: 2,
        replicated: 1,
        adopterAgencies: 2,
        innovationsReplicated: 2,
      });

      const none = await spread.spread(SpreadGroupBy.PROVINCE, { yearFrom: 2030 });
      expect(none.rows).toEqual([]);
      expect(none.total.replications).toBe(0);
    });

    it('groups by regency within a province, by hub, by category and by agency type', async () => {
      const regencies = await spread.spread(SpreadGroupBy.REGENCY, { provinceCode: '35' });
      expect(regencies.rows.map((r) => [r.key, r.replications, r.innovationsReplicated])).toEqual([
        ['35.07', 2, 2],
        ['35.10', 2, 2],
        ['35.78', 1, 1],
      ]);
      // the province government's request is in the province's total, not in a regency
      expect(regencies.total.replications).toBe(6);

      const hubs = await spread.spread(SpreadGroupBy.HUB);
      expect(hubs.rows.map((r) => [r.key, r.replications, r.adopterAgencies])).toEqual([[String(hub), 6, 4]]);

      const categories = await spread.spread(SpreadGroupBy.CATEGORY);
      expect(categories.rows.map((r) => [r.key, r.replications])).toEqual([
        [String(kesehatan), 4],
        [expect.any(String), 3],
      ]);

      const types = await spread.spread(SpreadGroupBy.AGENCY_TYPE);
      expect(types.rows.map((r) => [r.key, r.label, r.replications])).toEqual([
        ['PEMKAB', 'Pemerintah Kabupaten', 5],
        ['PEMKOT', 'Pemerintah Kota', 1],
        ['PEMPROV', 'Pemerintah Provinsi', 1],
      ]);
    });

    it('answers filters the rollups do not hold from the fact table, with the same numbers', async () => {
      const byCategory = await spread.spread(SpreadGroupBy.PROVINCE, { categoryId: kesehatan });
      expect(byCategory.source).toBe('FACTS');
      expect(row(byCategory, '35')).toEqual({
        replications: 3,
        replicated: 1,
        adopterAgencies: 3,
        innovationsReplicated: 1,
      });
      expect(row(byCategory, '34')).toEqual({
        replications: 1,
        replicated: 1,
        adopterAgencies: 1,
        innovationsReplicated: 1,
      });

      const byHub = await spread.spread(SpreadGroupBy.YEAR, { hubId: hub, yearFrom: 2024 });
      expect(byHub.rows.map((r) => [r.key, r.replications])).toEqual([
        ['2024', 2],
        ['2025', 1],
        ['2026', 1],
      ]);
      // the fact path agrees with the rollups on a question both can answer
      const viaFacts = await spread.spread(SpreadGroupBy.AGENCY_TYPE, { provinceCode: '35' });
      expect(viaFacts.source).toBe('FACTS');
      expect(viaFacts.total.replications).toBe(6);
    });

    it('refuses impossible filters with BAD_USER_INPUT', async () => {
      await expect(
        spread.spread(SpreadGroupBy.PROVINCE, { yearFrom: 2025, yearTo: 2024 }),
      ).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      await expect(spread.spread(SpreadGroupBy.PROVINCE, { provinceCode: 'Jatim' })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
    });

    it('maps the gaps of a province: every regency and city, and those that adopted nothing', async () => {
      const map = await app.get(GapMapService).gapMap('35');
      expect(map.provinceName).toBe('Jawa Timur');
      expect(map.regions).toHaveLength(38);
      const adopted = map.regions
        .filter((r) => r.replications > 0)
        .map((r) => [r.code, r.replications, r.adopterAgencies]);
      expect(adopted).toEqual([
        ['35.07', 2, 1],
        ['35.10', 2, 1],
        ['35.78', 1, 1],
      ]);
      expect(map.withoutAdoption).toHaveLength(35);
      const kes = await app.get(GapMapService).gapMap('35', kesehatan);
      expect(kes.regions.filter((r) => r.replications > 0).map((r) => r.code)).toEqual([
        '35.07',
        '35.10',
        '35.78',
      ]);
      await expect(app.get(GapMapService).gapMap('99')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it("counts a hub's weeks: requests, steps and stalls in the week they happened", async () => {
      const activity = await app.get(HubActivityService).activity(hub, '2025-01-13', '2025-01-26');
      expect(activity.weeks).toEqual([
        // requested on Wednesday 15 January; approved, observing, stalled on the 16th
        { weekStart: '2025-01-13', newReplications: 1, transitions: 3, stalled: 1, forumPosts: 0 },
        { weekStart: '2025-01-20', newReplications: 0, transitions: 0, stalled: 0, forumPosts: 0 },
      ]);
      await expect(
        app.get(HubActivityService).activity(hub, '2020-01-01', '2025-01-01'),
      ).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
    });

    it("tells an innovation's funnel and ranks innovations by their filtered replications", async () => {
      const funnel = await app.get(InnovationInsightsService).funnel(i1);
      expect(funnel.requests).toBe(4);
      expect(funnel.byStatus).toEqual([
        { status: 'IMPLEMENTED', count: 1 },
        { status: 'OBSERVING', count: 1 },
        { status: 'REQUESTED', count: 1 },
        { status: 'SUSTAINED', count: 1 },
      ]);
      const top = await app
        .get(InnovationInsightsService)
        .top('REPLICATIONS' as never, { provinceCode: '35' }, 5);
      expect(top.map((t) => [t.innovationId, t.replications, t.provinces])).toEqual([[i1, 1, 1]]);
      expect(i2).toBeGreaterThan(0);
    });
  });

  it('keeps the same rollups incrementally as a rebuild writes, whatever the order and repetition of events', async () => {
    // a fresh start: the rollups rebuilt from what is there
    await rebuild.rebuild();
    const adopters = (await db.query(
      "SELECT id FROM agency WHERE type IN ('PEMKAB', 'PEMKOT', 'PEMPROV') AND province_code IN ('35', '34', '73') ORDER BY id LIMIT 12",
    )) as Array<{ id: number }>;
    const origin = await agencyId(db, 'Pemkot Bandung');
    const innovations = [
      await insertInnovation(db, 'Inovasi Acak Satu', origin, await categoryId(db, 'KESEHATAN')),
      await insertInnovation(db, 'Inovasi Acak Dua', origin, await categoryId(db, 'ADMINDUK')),
      await insertInnovation(db, 'Inovasi Acak Tiga', origin, await categoryId(db, 'EKONOMI')),
    ];
    // a fixed pseudo-random sequence: the same mix on every run
    let seed = 20261122;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const statuses = [
      'APPROVED',
      'OBSERVING',
      'IMITATING',
      'MODIFYING',
      'IMPLEMENTED',
      'SUSTAINED',
      'STALLED',
      'REJECTED',
      'WITHDRAWN',
    ];
    const replications: number[] = [];
    const events: OutboxEventMessage[] = [];
    for (let n = 0; n < 80; n++) {
      if (replications.length < 4 || random() < 0.45) {
        const at = new Date(
          Date.UTC(
            2019 + Math.floor(random() * 8),
            Math.floor(random() * 12),
            1 + Math.floor(random() * 28),
            Math.floor(random() * 24),
          ),
        );
        const created = await insertReplication(db, pick(innovations), pick(adopters).id, at);
        replications.push(created.id);
        events.push(created.event);
      } else {
        events.push(
          await transition(db, pick(replications), pick(statuses), new Date(Date.UTC(2026, 0, 1 + n))),
        );
      }
    }
    // delivered out of order, some twice, some concurrently
    const deliveries = [...events, ...events.filter(() => random() < 0.3)].sort(() => random() - 0.5);
    for (let i = 0; i < deliveries.length; i += 4) {
      await Promise.all(deliveries.slice(i, i + 4).map((event) => projector.apply(event)));
    }
    const incremental = await rollupContents(db);
    expect(incremental['analytics_replication_fact']!.length).toBeGreaterThan(7);

    await rebuild.rebuild();
    const rebuilt = await rollupContents(db);
    expect(incremental).toEqual(rebuilt);
  });

  it("moves an agency's replications to the hubs it joins or leaves", async () => {
    const [{ id: hub2 }] = (await db.query(
      "SELECT id FROM network WHERE slug = 'jipp-sulawesi-selatan'",
    )) as Array<{
      id: number;
    }>;
    const [{ adopter }] = (await db.query(
      `SELECT adopter_agency_id AS adopter FROM replication GROUP BY adopter_agency_id ORDER BY COUNT(*) DESC LIMIT 1`,
    )) as Array<{ adopter: number }>;
    const [{ n }] = (await db.query('SELECT COUNT(*) AS n FROM replication WHERE adopter_agency_id = ?', [
      adopter,
    ])) as Array<{ n: number }>;
    const hubRow = async () =>
      (await spread.spread(SpreadGroupBy.HUB)).rows.find((r) => r.key === String(hub2))?.replications ?? 0;
    const before = await hubRow();

    const change = async (sql: string): Promise<OutboxEventMessage> => {
      await db.query(sql, [hub2, adopter]);
      const payload = { networkId: hub2, agencyIds: [adopter] };
      const inserted = (await db.query(
        `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, actor_user_id, payload)
         VALUES ('network.members_changed', 'network', ?, NULL, ?)`,
        [String(hub2), JSON.stringify(payload)],
      )) as { insertId: number };
      return {
        id: Number(inserted.insertId),
        type: 'network.members_changed',
        aggregateType: 'network',
        aggregateId: String(hub2),
        actorUserId: null,
        payload,
        createdAt: new Date().toISOString(),
      };
    };
    await projector.apply(await change('INSERT INTO network_member (network_id, agency_id) VALUES (?, ?)'));
    expect(await hubRow()).toBe(before + Number(n));
    const withoutWeeks = async () => {
      const { analytics_hub_week: _weeks, ...rest } = await rollupContents(db);
      return rest;
    };
    const kept = await withoutWeeks();
    await rebuild.rebuild();
    expect(kept).toEqual(await withoutWeeks());

    await projector.apply(await change('DELETE FROM network_member WHERE network_id = ? AND agency_id = ?'));
    expect(await hubRow()).toBe(before);
  });
});
