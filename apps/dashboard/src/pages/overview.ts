import { mountChart, replicationBarsOption } from '../charts';
import { h, replaceChildren } from '../dom';
import { countElement } from '../format';
import { graphql } from '../graphql';
import { t } from '../i18n';
import { takeEarlyOverview } from '../early-overview';
import { drawIndonesiaMap } from '../indonesia-map';
import { feedPanel } from '../feed-panel';
import {
  afterPaint,
  dataTable,
  markFirstRender,
  markReady,
  section,
  statCard,
  type PageContext,
} from '../page';
import { rememberProvinces } from '../provinces';
import {
  OVERVIEW_QUERY,
  OVERVIEW_TOP_COUNT,
  TOTALS_QUERY,
  type OverviewData,
  type SpreadRow,
  type TopInnovation,
} from '../queries';
import { navigate, routes } from '../router';

/** The category chart shows the largest ones; the table below it lists them all. */
const CHART_CATEGORIES = 15;
/** After the last live event, the totals are asked again this much later (the rollups catch up). */
const TOTALS_REFRESH_MS = 3000;

/** The national overview: totals, the map, the live feed, spread over time, by category, top innovations. */
export async function renderOverview({ main, signal, feed }: PageContext): Promise<void> {
  const data = await (takeEarlyOverview() ??
    graphql<OverviewData>(OVERVIEW_QUERY, { top: OVERVIEW_TOP_COUNT }, signal));
  if (signal.aborted) return;
  rememberProvinces(data.provinces);

  const totals = h('dl', { class: 'stats', 'data-testid': 'totals' });
  fillTotals(totals, data.byYear.total);
  const mapChart = h('div', { class: 'chart chart-map', 'data-testid': 'map' });
  const yearChart = h('div', { class: 'chart', 'data-testid': 'chart-years' });
  const categoryChart = h('div', { class: 'chart chart-tall', 'data-testid': 'chart-categories' });
  const years = [...data.byYear.rows].sort((a, b) => Number(a.key) - Number(b.key));
  // categories are defined per competition year, so the same name comes back for several years
  const yearOf = new Map(
    data.innovationCategories.map((category) => [String(category.id), category.competitionYear]),
  );
  const categories = [...data.byCategory.rows]
    .sort((a, b) => b.replications - a.replications)
    .map((row) => (yearOf.has(row.key) ? { ...row, label: `${row.label} (${yearOf.get(row.key)})` } : row));
  const byProvince = new Map(data.byProvince.rows.map((row) => [row.key, row]));
  const provinces = data.provinces.map((province) => ({
    ...province,
    row: byProvince.get(province.code),
  }));

  replaceChildren(
    main,
    h('h1', { class: 'page-title' }, t('navOverview')),
    section('totals', t('totalsHeading'), totals),
    h(
      'div',
      { class: 'grid-map-feed' },
      section(
        'map',
        t('mapHeading'),
        h('p', { class: 'note', id: 'map-note' }, t('mapDescription')),
        mapChart,
        h(
          'details',
          {},
          h('summary', {}, t('showTable')),
          dataTable(
            t('mapTableCaption'),
            [t('province'), t('replications'), t('replicated'), t('adopterAgencies')],
            provinces.map(({ code, name, row }) =>
              h(
                'tr',
                { 'data-testid': `province-row-${code}` },
                h('th', { scope: 'row' }, h('a', { href: routes.province(code) }, name)),
                h('td', {}, countElement(`province-${code}-replications`, row?.replications ?? 0)),
                h('td', {}, countElement(`province-${code}-replicated`, row?.replicated ?? 0)),
                h('td', {}, countElement(`province-${code}-adopter-agencies`, row?.adopterAgencies ?? 0)),
              ),
            ),
          ),
        ),
      ),
      feedPanel(feed, signal),
    ),
    h(
      'div',
      { class: 'grid-two' },
      section(
        'years',
        t('spreadHeading'),
        years.length ? yearChart : h('p', { class: 'note' }, t('noData')),
        spreadTable('year', t('spreadHeading'), t('year'), years),
      ),
      section(
        'categories',
        t('categoryHeading'),
        categories.length > CHART_CATEGORIES
          ? h('p', { class: 'note' }, t('categoryChartNote', { count: CHART_CATEGORIES }))
          : null,
        categories.length ? categoryChart : h('p', { class: 'note' }, t('noData')),
        spreadTable('category', t('categoryHeading'), t('category'), categories),
      ),
    ),
    section('top', t('topHeading'), topList(data.top)),
    lookupForm(),
  );
  markFirstRender();
  await afterPaint();
  if (signal.aborted) return;

  drawIndonesiaMap(
    mapChart,
    provinces.map(({ code, name, row }) => ({ code, name, replications: row?.replications ?? 0 })),
    signal,
  );
  if (years.length) {
    mountChart(
      yearChart,
      t('spreadHeading'),
      {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: years.map((row) => row.label) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'bar', name: t('replications'), data: years.map((row) => row.replications) },
          { type: 'line', name: t('replicated'), data: years.map((row) => row.replicated), symbolSize: 8 },
        ],
      },
      signal,
    );
  }
  if (categories.length) {
    const shown = categories.slice(0, CHART_CATEGORIES).reverse(); // the largest at the top
    categoryChart.style.height = `${Math.max(240, 36 + shown.length * 28)}px`;
    mountChart(
      categoryChart,
      t('categoryHeading'),
      replicationBarsOption(shown, { replications: t('replications'), replicated: t('replicated') }, 160),
      signal,
    );
  }
  keepTotalsLive(totals, feed, signal);
  markReady(main, 'overview');
}

function fillTotals(totals: HTMLElement, total: SpreadRow): void {
  replaceChildren(
    totals,
    statCard(t('replications'), countElement('total-replications', total.replications)),
    statCard(t('replicated'), countElement('total-replicated', total.replicated), t('replicatedHint')),
    statCard(t('adopterAgencies'), countElement('total-adopter-agencies', total.adopterAgencies)),
    statCard(
      t('innovationsReplicated'),
      countElement('total-innovations-replicated', total.innovationsReplicated),
    ),
  );
}

/** The totals follow the live feed: asked again shortly after the events stop arriving. */
function keepTotalsLive(totals: HTMLElement, feed: PageContext['feed'], signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = async () => {
    try {
      const data = await graphql<Pick<OverviewData, 'byYear'>>(TOTALS_QUERY, {}, signal);
      if (!signal.aborted) fillTotals(totals, data.byYear.total);
    } catch {
      // the figures on screen stay; the next event tries again
    }
  };
  const unsubscribe = feed.subscribe({
    event: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), TOTALS_REFRESH_MS);
    },
  });
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      unsubscribe();
    },
    { once: true },
  );
}

function spreadTable(prefix: string, caption: string, keyHeader: string, rows: SpreadRow[]): HTMLElement {
  return h(
    'details',
    {},
    h('summary', {}, t('showTable')),
    dataTable(
      caption,
      [keyHeader, t('replications'), t('replicated'), t('adopterAgencies'), t('innovationsReplicated')],
      rows.map((row) =>
        h(
          'tr',
          { 'data-testid': `${prefix}-row-${row.key}` },
          h('th', { scope: 'row' }, row.label),
          h('td', {}, countElement(`${prefix}-${row.key}-replications`, row.replications)),
          h('td', {}, countElement(`${prefix}-${row.key}-replicated`, row.replicated)),
          h('td', {}, countElement(`${prefix}-${row.key}-adopter-agencies`, row.adopterAgencies)),
          h('td', {}, countElement(`${prefix}-${row.key}-innovations-replicated`, row.innovationsReplicated)),
        ),
      ),
    ),
  );
}

function topList(top: TopInnovation[]): HTMLElement {
  if (top.length === 0) return h('p', { class: 'note' }, t('topEmpty'));
  return h(
    'ol',
    { class: 'top-list', 'data-testid': 'top-innovations' },
    ...top.map((innovation, index) =>
      h(
        'li',
        { 'data-testid': `top-${index + 1}`, 'data-innovation-id': innovation.innovationId },
        h('a', { href: routes.innovation(innovation.innovationId), class: 'top-title' }, innovation.title),
        h('span', { class: 'top-origin' }, `${t('origin')}: ${innovation.originAgencyName}`),
        h(
          'span',
          { class: 'top-figures' },
          h(
            'span',
            {},
            `${t('replicated')}: `,
            countElement(`top-${index + 1}-replications`, innovation.replications),
          ),
          h(
            'span',
            {},
            `${t('provinces')}: `,
            countElement(`top-${index + 1}-provinces`, innovation.provinces),
          ),
          h('span', {}, `${t('views')}: `, countElement(`top-${index + 1}-views`, innovation.views)),
        ),
      ),
    ),
  );
}

/** Opens an innovation's page by its number, for innovations outside the top list. */
function lookupForm(): HTMLElement {
  const input = h('input', {
    id: 'lookup-innovation',
    type: 'number',
    min: 1,
    step: 1,
    inputmode: 'numeric',
    required: true,
  });
  const form = h(
    'form',
    { class: 'lookup', role: 'search', 'aria-label': t('lookupInnovation') },
    h('label', { for: 'lookup-innovation' }, t('innovationId')),
    input,
    h('button', { type: 'submit' }, t('open')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = Number(input.value);
    if (Number.isInteger(id) && id > 0) navigate(routes.innovation(id));
  });
  return form;
}
