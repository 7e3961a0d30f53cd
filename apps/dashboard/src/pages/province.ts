import { mountChart, replicationBarsOption } from '../charts';
import { h, replaceChildren } from '../dom';
import { countElement } from '../format';
import { graphql } from '../graphql';
import { currentLang, t } from '../i18n';
import {
  afterPaint,
  dataTable,
  markFirstRender,
  markReady,
  section,
  statCard,
  type PageContext,
} from '../page';
import { PROVINCE_QUERY, type Category, type GapRegion, type ProvinceData } from '../queries';
import { navigate, routes } from '../router';

/**
 * A province: its totals, and its gap map (every regency and city with its adoptions, those with
 * none marked and listed), optionally for one category. `?kategori=<id>` in the hash keeps the filter.
 */
export async function renderProvince(
  { main, signal }: PageContext,
  provinceCode: string,
  categoryId: number | null,
): Promise<void> {
  const data = await graphql<ProvinceData>(PROVINCE_QUERY, { provinceCode, categoryId }, signal);
  if (signal.aborted) return;
  const { gapMap } = data;
  const total = data.spread.total;
  const withAdoption = gapMap.regions.filter((region) => region.replications > 0);
  const without = new Set(gapMap.withoutAdoption.map((region) => region.code));
  const chart = h('div', { class: 'chart chart-tall', 'data-testid': 'chart-gap' });

  replaceChildren(
    main,
    h('p', { class: 'breadcrumb' }, h('a', { href: routes.overview() }, t('backToOverview'))),
    h(
      'h1',
      { class: 'page-title', 'data-testid': 'province-name' },
      t('provinceHeading', { name: gapMap.provinceName }),
    ),
    categoryFilter(data.innovationCategories, provinceCode, categoryId),
    section(
      'province-totals',
      t('provinceTotalsHeading'),
      h(
        'dl',
        { class: 'stats' },
        statCard(t('replications'), countElement('province-total-replications', total.replications)),
        statCard(
          t('replicated'),
          countElement('province-total-replicated', total.replicated),
          t('replicatedHint'),
        ),
        statCard(
          t('adopterAgencies'),
          countElement('province-total-adopter-agencies', total.adopterAgencies),
        ),
        statCard(
          t('innovationsReplicated'),
          countElement('province-total-innovations-replicated', total.innovationsReplicated),
        ),
        statCard(t('regionsCount'), countElement('province-regions', gapMap.regions.length)),
        statCard(
          t('regionsWithAdoption'),
          countElement('province-regions-with-adoption', withAdoption.length),
        ),
      ),
    ),
    h(
      'div',
      { class: 'grid-two' },
      section(
        'gap',
        t('gapHeading'),
        h('p', { class: 'note' }, t('gapDescription')),
        withAdoption.length ? chart : h('p', { class: 'note' }, t('noData')),
      ),
      section(
        'without-adoption',
        t('withoutAdoptionHeading', { count: gapMap.withoutAdoption.length }),
        gapMap.withoutAdoption.length
          ? h(
              'ul',
              { class: 'gap-list', 'data-testid': 'without-adoption' },
              ...gapMap.withoutAdoption.map((region) =>
                h('li', { 'data-testid': `without-${region.code}`, 'data-code': region.code }, region.name),
              ),
            )
          : h('p', { class: 'note' }, t('allAdopted')),
      ),
    ),
    section(
      'regions',
      t('regionsTableHeading'),
      dataTable(
        t('regionsTableHeading'),
        [t('region'), t('replications'), t('replicated'), t('adopterAgencies'), t('innovationsReplicated')],
        gapMap.regions.map((region) => regionRow(region, without.has(region.code))),
        { hiddenCaption: true },
      ),
    ),
  );
  markFirstRender();
  await afterPaint();
  if (signal.aborted) return;

  if (withAdoption.length) {
    const shown = [...withAdoption].sort((a, b) => a.replications - b.replications);
    chart.style.height = `${Math.max(240, 48 + shown.length * 26)}px`;
    mountChart(
      chart,
      t('gapChartLabel'),
      replicationBarsOption(
        shown.map((region) => ({
          label: region.name,
          replications: region.replications,
          replicated: region.replicated,
        })),
        { replications: t('replications'), replicated: t('replicated') },
        150,
      ),
      signal,
    );
  }
  markReady(main, 'province');
}

function regionRow(region: GapRegion, withoutAdoption: boolean): HTMLTableRowElement {
  return h(
    'tr',
    {
      class: withoutAdoption ? 'row-gap' : null,
      'data-testid': `region-row-${region.code}`,
      'data-without-adoption': withoutAdoption,
    },
    h(
      'th',
      { scope: 'row' },
      region.name,
      withoutAdoption ? h('span', { class: 'badge-gap' }, t('withoutAdoptionBadge')) : null,
    ),
    h('td', {}, countElement(`region-${region.code}-replications`, region.replications)),
    h('td', {}, countElement(`region-${region.code}-replicated`, region.replicated)),
    h('td', {}, countElement(`region-${region.code}-adopter-agencies`, region.adopterAgencies)),
    h('td', {}, countElement(`region-${region.code}-innovations-replicated`, region.innovationsReplicated)),
  );
}

function categoryFilter(
  categories: Category[],
  provinceCode: string,
  categoryId: number | null,
): HTMLElement {
  const select = h(
    'select',
    { id: 'category-filter', 'data-testid': 'category-filter' },
    h('option', { value: '' }, t('allCategories')),
    ...categories.map((category) =>
      h(
        'option',
        { value: category.id, selected: category.id === categoryId },
        `${currentLang() === 'en' ? category.nameEn : category.name} (${category.competitionYear})`,
      ),
    ),
  );
  select.addEventListener('change', () => {
    const id = select.value;
    navigate(id ? `${routes.province(provinceCode)}?kategori=${id}` : routes.province(provinceCode));
  });
  return h('div', { class: 'filter' }, h('label', { for: 'category-filter' }, t('filterCategory')), select);
}
