// first: this file's own Redis prefix, and its worker relays the outbox (the live feed and the
// rollups the dashboard reads are fed by the relay and the analytics projector)
import '../../worker/test/relay-on';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AnalyticsProjectionModule } from '@jipp/analytics';
import { CoreConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisModule, Role } from '@jipp/core';
import { ModificationAspect, Outcome, OutcomeUnit, ReplicationModification } from '@jipp/replications';
import { createInnovation, ROOT } from '@jipp/testing';
import { Redis } from 'ioredis';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApi, type TestApi } from '../../api/test/api-harness';
import { AnalyticsProcessor } from '../../worker/src/analytics/analytics.processor';
import { NotificationsWorkerModule } from '../../worker/src/notifications/notifications-worker.module';
import { OWN_REDIS_PREFIX } from '../../worker/test/own-redis-prefix';
import { takeRelayLock } from '../../worker/test/relay-lock';

/** The worker side this test needs: the outbox relay and the analytics projector. */
@Module({
  imports: [
    CoreConfigModule.forRoot(),
    LoggingModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    NotificationsWorkerModule,
    AnalyticsProjectionModule,
  ],
  providers: [AnalyticsProcessor],
})
class DashboardWorker {}

const DASHBOARD_DIR = join(ROOT, 'dist/apps/dashboard');
const SCREENSHOT = join(ROOT, 'test-results/dashboard.png');
const BUNDLE_BUDGET_BYTES = 1024 * 1024;
const TODAY = new Date().toISOString().slice(0, 10);

const REQUEST = `mutation($input: RequestReplicationInput!) { requestReplication(input: $input) { id version status } }`;
const STEP = `mutation($input: TransitionReplicationInput!) { transitionReplication(input: $input) { id version status } }`;
const ROW = 'key label replications replicated adopterAgencies innovationsReplicated';
const OVERVIEW = `query($top: Int!) {
  byYear: replicationSpread(groupBy: YEAR) { rows { ${ROW} } total { ${ROW} } }
  byCategory: replicationSpread(groupBy: CATEGORY) { rows { ${ROW} } }
  byProvince: replicationSpread(groupBy: PROVINCE) { rows { ${ROW} } }
  top: topInnovations(by: REPLICATIONS, first: $top) { innovationId replications provinces views }
  provinces { code name }
}`;
const PROVINCE = `query($code: String!) {
  gapMap(provinceCode: $code) { provinceName regions { code replications replicated adopterAgencies innovationsReplicated } withoutAdoption { code } }
  spread: replicationSpread(groupBy: PROVINCE, filter: { provinceCode: $code }) { total { ${ROW} } }
}`;
const INNOVATION = `query($id: Int!) {
  innovationFunnel(innovationId: $id) { title views watchers requests agreed replicated provincesReached byStatus { status count } }
  lineageGraph(innovationId: $id) { nodes { id depth } edges { source target } }
}`;

type Row = {
  key: string;
  label: string;
  replications: number;
  replicated: number;
  adopterAgencies: number;
  innovationsReplicated: number;
};
type Overview = {
  byYear: { rows: Row[]; total: Row };
  byCategory: { rows: Row[] };
  byProvince: { rows: Row[] };
  top: Array<{ innovationId: number; replications: number; provinces: number; views: number }>;
  provinces: Array<{ code: string; name: string }>;
};
type Province = {
  gapMap: {
    provinceName: string;
    regions: Array<Omit<Row, 'key' | 'label'> & { code: string }>;
    withoutAdoption: Array<{ code: string }>;
  };
  spread: { total: Row };
};
type InnovationAnswer = {
  innovationFunnel: {
    title: string;
    views: number;
    watchers: number;
    requests: number;
    agreed: number;
    replicated: number;
    provincesReached: number;
    byStatus: Array<{ status: string; count: number }>;
  };
  lineageGraph: { nodes: Array<{ id: string; depth: number }>; edges: unknown[] };
};

/** Every number on the page: its `data-testid`, raw `data-value` and the digits it shows. */
type Shown = Record<string, { value: number; digits: string }>;

const rowNumbers = (prefix: string, row: Omit<Row, 'key' | 'label'>): Record<string, number> => ({
  [`${prefix}-replications`]: row.replications,
  [`${prefix}-replicated`]: row.replicated,
  [`${prefix}-adopter-agencies`]: row.adopterAgencies,
  [`${prefix}-innovations-replicated`]: row.innovationsReplicated,
});

describe('the web dashboard in Chromium', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let releaseLock: (() => Promise<void>) | undefined;
  let browser: Browser;
  let page: Page;
  let originAdmin: string;
  let adopters: Record<string, string>; // short name -> member token
  let mainInnovationId: number;
  let pendingReplicationId: number;
  let pendingVersion: number;

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await api.gql<T>(query, variables, token);
    if (!res.data) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const request = (innovationId: number, as: string, sourceReplicationId?: number) =>
    gql<{ requestReplication: { id: number; version: number } }>(
      REQUEST,
      { input: { innovationId, note: 'Kami ingin mereplikasi inovasi ini.', sourceReplicationId } },
      as,
    ).then((d) => d.requestReplication);
  const step = (as: string, r: { id: number; version: number }, action: string, extra = {}) =>
    gql<{ transitionReplication: { id: number; version: number } }>(
      STEP,
      { input: { id: r.id, version: r.version, action, ...extra } },
      as,
    ).then((d) => d.transitionReplication);

  /** Walks a request to IMPLEMENTED, with the modification and outcome the last steps need. */
  const implement = async (innovationId: number, as: string) => {
    let r = await request(innovationId, as);
    r = await step(originAdmin, r, 'APPROVE');
    r = await step(as, r, 'START_OBSERVING');
    r = await step(as, r, 'START_IMITATING');
    await api.dataSource.getRepository(ReplicationModification).insert({
      replicationId: r.id,
      aspect: ModificationAspect.TECHNOLOGY,
      whatChanged: 'Formulir kertas diganti aplikasi.',
      why: 'Warga kami lebih banyak memakai ponsel.',
      createdByUserId: null,
    });
    r = await step(as, r, 'START_MODIFYING');
    await api.dataSource.getRepository(Outcome).insert({
      replicationId: r.id,
      innovationId,
      indicator: 'Hari untuk menerbitkan akta kelahiran',
      unit: OutcomeUnit.DAYS,
      baselineValue: 14,
      baselineDate: '2025-01-01',
      latestValue: null,
      latestDate: null,
      source: null,
      createdByUserId: null,
    });
    return step(as, r, 'IMPLEMENT', { implementationDate: TODAY });
  };

  /** Waits until the projector applied every outbox event of these replications. */
  const projected = async (replicationIds: number[]) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [{ missing }] = (await api.dataSource.query(
        `SELECT COUNT(*) AS missing FROM outbox_event o
         LEFT JOIN analytics_applied_event a ON a.outbox_event_id = o.id
         WHERE o.aggregate_type = 'replication' AND o.aggregate_id IN (?) AND a.outbox_event_id IS NULL`,
        [replicationIds.map(String)],
      )) as Array<{ missing: string }>;
      if (Number(missing) === 0) return;
      if (Date.now() > deadline) throw new Error(`${missing} replication events not projected after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const shownNumbers = (): Promise<Shown> =>
    page.$$eval('[data-testid][data-value]', (elements) =>
      Object.fromEntries(
        elements.map((element) => [
          element.getAttribute('data-testid')!,
          {
            value: Number(element.getAttribute('data-value')),
            digits: (element.textContent ?? '').replace(/\D/g, ''),
          },
        ]),
      ),
    );

  /** Opens a page of the dashboard and waits until it is drawn. */
  const open = async (hash: string, pageName: string) => {
    await page.goto('about:blank'); // a hash change alone would not load the page afresh
    await page.goto(`${api.url}/dashboard/${hash}`);
    await page.waitForSelector(`main[data-ready="true"][data-page="${pageName}"]`, { timeout: 10_000 });
  };

  /**
   * Holds the numbers on screen against the GraphQL answers. Other test files write replications
   * meanwhile and this file's relay projects them, so the answer is asked before and after reading
   * the page, and the comparison is made on a pair that agrees (the page was drawn between them).
   */
  const expectShownEqualsAnswer = async <T>(
    ask: () => Promise<T>,
    show: () => Promise<void>,
    expected: (answer: T) => Record<string, number>,
  ): Promise<{ answer: T; shown: Shown }> => {
    for (let attempt = 1; ; attempt++) {
      const before = await ask();
      await show();
      const shown = await shownNumbers();
      const after = await ask();
      if (JSON.stringify(before) !== JSON.stringify(after) && attempt < 5) continue;
      const wanted = expected(after);
      const got = Object.fromEntries(Object.keys(wanted).map((id) => [id, shown[id]?.value]));
      expect(got).toEqual(wanted);
      for (const id of Object.keys(wanted)) expect(shown[id]!.digits).toBe(String(wanted[id]));
      return { answer: after, shown };
    }
  };

  beforeAll(async () => {
    const executablePath = execFileSync('bash', [join(ROOT, 'scripts/chromium.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    if (!existsSync(join(DASHBOARD_DIR, 'index.html'))) {
      execFileSync('npm', ['run', 'build:dashboard', '--silent'], { cwd: ROOT, stdio: 'ignore' });
    }
    releaseLock = await takeRelayLock();
    api = await startTestApi();
    worker = await NestFactory.createApplicationContext(DashboardWorker, { logger: false });
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });

    originAdmin = (await api.signInAs(Role.AGENCY_ADMIN, 'Pemkot Surabaya')).token;
    adopters = {};
    for (const agency of [
      'Pemkab Banyuwangi',
      'Pemkot Medan',
      'Pemkot Makassar',
      'Pemkot Mataram',
      'Pemkot Manado',
    ]) {
      adopters[agency] = (await api.signInAs(Role.MEMBER, agency)).token;
    }
    // one innovation copied in four provinces, one copy of a copy (lineage depth 2), one of another category
    const main = await createInnovation(api.dataSource, {
      agency: 'Pemkot Surabaya',
      categoryCode: 'KESEHATAN',
    });
    const other = await createInnovation(api.dataSource, {
      agency: 'Pemkot Surabaya',
      categoryCode: 'PERIZINAN',
    });
    mainInnovationId = main.id;
    const live = await implement(main.id, adopters['Pemkab Banyuwangi']!);
    const agreed = await step(originAdmin, await request(main.id, adopters['Pemkot Medan']!), 'APPROVE');
    const copyOfCopy = await request(main.id, adopters['Pemkot Makassar']!, live.id);
    const elsewhere = await step(
      originAdmin,
      await request(other.id, adopters['Pemkot Mataram']!),
      'APPROVE',
    );
    const pending = await request(main.id, adopters['Pemkot Manado']!);
    pendingReplicationId = pending.id;
    pendingVersion = pending.version;
    await projected([live.id, agreed.id, copyOfCopy.id, elsewhere.id, pending.id]);
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  }, 660_000); // the relay lock may be held by another file meanwhile

  afterAll(async () => {
    await browser?.close();
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

  it('ships one bundle under 1 MB gzipped, served compressed', async () => {
    const html = readFileSync(join(DASHBOARD_DIR, 'index.html'), 'utf8');
    const files = [...html.matchAll(/(?:src|href)="\/dashboard\/(assets\/[^"]+\.(?:js|css))"/g)].map(
      (m) => m[1]!,
    );
    expect(files.filter((file) => file.endsWith('.js'))).toHaveLength(1);
    const gzipped = files
      .map((file) => gzipSync(readFileSync(join(DASHBOARD_DIR, file)), { level: 9 }).length)
      .reduce((a, b) => a + b, 0);
    console.log(`dashboard bundle: ${(gzipped / 1024).toFixed(1)} kB gzipped (${files.join(', ')})`);
    expect(gzipped).toBeLessThan(BUNDLE_BUDGET_BYTES);

    const script = files.find((file) => file.endsWith('.js'))!;
    const res = await fetch(`${api.url}/dashboard/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const redirect = await fetch(`${api.url}/dashboard`, { redirect: 'manual' });
    expect([301, 302]).toContain(redirect.status);
  });

  it('shows the national figures GraphQL answers, and draws all 38 provinces, first render under 1 s', async () => {
    const { answer } = await expectShownEqualsAnswer(
      () => gql<Overview>(OVERVIEW, { top: 10 }),
      () => open('', 'overview'),
      (a) => {
        const byProvince = new Map(a.byProvince.rows.map((row) => [row.key, row]));
        return {
          ...rowNumbers('total', a.byYear.total),
          ...Object.assign({}, ...a.byYear.rows.map((row) => rowNumbers(`year-${row.key}`, row))),
          ...Object.assign({}, ...a.byCategory.rows.map((row) => rowNumbers(`category-${row.key}`, row))),
          ...Object.fromEntries(
            a.provinces.flatMap((p) => [
              [`province-${p.code}-replications`, byProvince.get(p.code)?.replications ?? 0],
              [`province-${p.code}-replicated`, byProvince.get(p.code)?.replicated ?? 0],
            ]),
          ),
          ...Object.fromEntries(
            a.top.flatMap((innovation, i) => [
              [`top-${i + 1}-replications`, innovation.replications],
              [`top-${i + 1}-provinces`, innovation.provinces],
              [`top-${i + 1}-views`, innovation.views],
            ]),
          ),
        };
      },
    );
    // this file's own replications are in the figures
    expect(answer.byYear.total.replications).toBeGreaterThanOrEqual(5);
    expect(answer.byCategory.rows.length).toBeGreaterThanOrEqual(2);
    // every row of the answer has its row on screen, and no other
    expect(await page.locator('[data-testid^="year-row-"]').count()).toBe(answer.byYear.rows.length);
    expect(await page.locator('[data-testid^="category-row-"]').count()).toBe(answer.byCategory.rows.length);
    expect(await page.locator('[data-testid="top-innovations"] > li').count()).toBe(answer.top.length);

    expect(answer.provinces).toHaveLength(38);
    expect(await page.locator('[data-testid^="province-row-"]').count()).toBe(38);
    expect(await page.getAttribute('[data-testid="map"]', 'data-points')).toBe('38');
    expect(await page.locator('[data-testid="map"] canvas').count()).toBeGreaterThan(0);

    const firstRender = await page.evaluate(
      () => performance.getEntriesByName('jipp:first-render')[0]?.startTime ?? Infinity,
    );
    console.log(`dashboard first render: ${firstRender.toFixed(0)} ms after navigation start`);
    expect(firstRender).toBeLessThan(1000);
  });

  it('puts a replication approved through GraphQL in the live feed within 2 s', async () => {
    await open('', 'overview');
    await page.waitForSelector('[data-testid="feed-status"][data-state="connected"]', { timeout: 10_000 });
    const started = Date.now();
    await step(originAdmin, { id: pendingReplicationId, version: pendingVersion }, 'APPROVE');
    const item = `[data-testid="feed-item"][data-replication-id="${pendingReplicationId}"][data-status="APPROVED"]`;
    await page.waitForSelector(item, { timeout: 2000 });
    const elapsed = Date.now() - started;
    console.log(`live feed: approval shown ${elapsed} ms after the mutation was sent`);
    expect(elapsed).toBeLessThan(2000);
    // newest on top
    expect(await page.getAttribute('[data-testid="feed-item"] >> nth=0', 'data-replication-id')).toBe(
      String(pendingReplicationId),
    );
    expect(await page.textContent(item)).toMatch(/Manado/);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it("shows a province's gap map as GraphQL answers it, the regions without adoption marked", async () => {
    const { answer } = await expectShownEqualsAnswer(
      () => gql<Province>(PROVINCE, { code: '73' }),
      () => open('#/provinsi/73', 'province'),
      (a) => ({
        ...rowNumbers('province-total', a.spread.total),
        'province-regions': a.gapMap.regions.length,
        ...Object.assign(
          {},
          ...a.gapMap.regions.map((region) => rowNumbers(`region-${region.code}`, region)),
        ),
      }),
    );
    expect(await page.textContent('[data-testid="province-name"]')).toContain(answer.gapMap.provinceName);
    expect(answer.gapMap.regions.find((region) => region.code === '73.71')?.replications).toBeGreaterThan(0);
    const without = await page.$$eval('[data-testid="without-adoption"] li', (items) =>
      items.map((item) => item.getAttribute('data-code')),
    );
    expect(without).toEqual(answer.gapMap.withoutAdoption.map((region) => region.code));
    expect(without).not.toContain('73.71');
    expect(await page.locator('tr[data-without-adoption]').count()).toBe(
      answer.gapMap.withoutAdoption.length,
    );
  });

  it("shows an innovation's funnel and lineage graph as GraphQL answers them", async () => {
    const { answer } = await expectShownEqualsAnswer(
      () => gql<InnovationAnswer>(INNOVATION, { id: mainInnovationId }),
      () => open(`#/inovasi/${mainInnovationId}`, 'innovation'),
      (a) => ({
        'funnel-views': a.innovationFunnel.views,
        'funnel-watchers': a.innovationFunnel.watchers,
        'funnel-requests': a.innovationFunnel.requests,
        'funnel-agreed': a.innovationFunnel.agreed,
        'funnel-replicated': a.innovationFunnel.replicated,
        'funnel-provinces-reached': a.innovationFunnel.provincesReached,
        'lineage-nodes': a.lineageGraph.nodes.length,
        'lineage-depth': Math.max(...a.lineageGraph.nodes.map((node) => node.depth)),
        ...Object.fromEntries(a.innovationFunnel.byStatus.map((row) => [`status-${row.status}`, row.count])),
      }),
    );
    expect(answer.innovationFunnel.requests).toBe(4);
    expect(Math.max(...answer.lineageGraph.nodes.map((node) => node.depth))).toBe(2);
    expect(await page.getAttribute('[data-testid="chart-lineage"]', 'data-nodes')).toBe(
      String(answer.lineageGraph.nodes.length),
    );
    expect(await page.textContent('[data-testid="innovation-title"]')).toBe(answer.innovationFunnel.title);
  });

  it('switches to English and keeps the choice', async () => {
    await open('', 'overview');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await page.textContent('#totals-heading')).toBe('Angka nasional');
    await page.click('[data-testid="language-switch"]');
    await page.waitForSelector('main[data-ready="true"][data-page="overview"]');
    expect(await page.textContent('#totals-heading')).toBe('National figures');
    await open('', 'overview');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#totals-heading')).toBe('National figures');
    await page.click('[data-testid="language-switch"]');
    await page.waitForSelector('main[data-ready="true"][data-page="overview"]');
    expect(await page.textContent('#totals-heading')).toBe('Angka nasional');
  });
});
