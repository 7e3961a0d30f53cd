import { mountChart } from '../charts';
import { h, replaceChildren } from '../dom';
import { countElement, formatCount } from '../format';
import { graphql } from '../graphql';
import { statusLabel, t } from '../i18n';
import { layoutLineage, radialLineage } from '../lineage-layout';
import {
  afterPaint,
  dataTable,
  markFirstRender,
  markReady,
  section,
  statCard,
  type PageContext,
} from '../page';
import { loadProvinces, provinceName } from '../provinces';
import { INNOVATION_QUERY, type InnovationData, type LineageGraph } from '../queries';
import { routes } from '../router';

/** A status's colour in the lineage graph; the origin innovation has its own. */
const STATUS_COLOURS: Record<string, string> = {
  INNOVATION: '#0f172a',
  REQUESTED: '#64748b',
  APPROVED: '#0e7490',
  OBSERVING: '#1d4ed8',
  IMITATING: '#4338ca',
  MODIFYING: '#7c3aed',
  IMPLEMENTED: '#047857',
  SUSTAINED: '#15803d',
  STALLED: '#b45309',
  REJECTED: '#be123c',
  WITHDRAWN: '#78716c',
};
/**
 * Up to this many nodes the lineage reads left to right with the agencies' names; past it, it is
 * drawn as rings around the origin, names on hover, or they would cover each other.
 */
const LABELLED_NODES = 60;
/** The order of the states along the ATM path, for the by-status table. */
const STATUS_ORDER = [
  'REQUESTED',
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

/** An innovation: its replication funnel, its counts by status and its lineage graph. */
export async function renderInnovation({ main, signal }: PageContext, innovationId: number): Promise<void> {
  const [data] = await Promise.all([
    graphql<InnovationData>(INNOVATION_QUERY, { innovationId }, signal),
    loadProvinces(signal),
  ]);
  if (signal.aborted) return;
  const funnel = data.innovationFunnel;
  const stages = [
    { key: 'views', label: t('funnelViews'), value: funnel.views },
    { key: 'watchers', label: t('funnelWatchers'), value: funnel.watchers },
    { key: 'requests', label: t('funnelRequests'), value: funnel.requests },
    { key: 'agreed', label: t('funnelAgreed'), value: funnel.agreed },
    { key: 'replicated', label: t('funnelReplicated'), value: funnel.replicated },
  ];
  const funnelChart = h('div', { class: 'chart', 'data-testid': 'chart-funnel' });
  const lineageChart = h('div', { class: 'chart chart-lineage', 'data-testid': 'chart-lineage' });
  const replicas = data.lineageGraph.nodes.filter((node) => node.kind === 'REPLICATION');
  const depth = Math.max(0, ...data.lineageGraph.nodes.map((node) => node.depth));

  replaceChildren(
    main,
    h('p', { class: 'breadcrumb' }, h('a', { href: routes.overview() }, t('backToOverview'))),
    h('h1', { class: 'page-title', 'data-testid': 'innovation-title' }, funnel.title),
    h('p', { class: 'note' }, `${t('originAgency')}: `, h('strong', {}, funnel.originAgencyName)),
    h(
      'div',
      { class: 'grid-two' },
      section(
        'funnel',
        t('funnelHeading'),
        funnelChart,
        h(
          'dl',
          { class: 'stats stats-compact' },
          ...stages.map((stage) => statCard(stage.label, countElement(`funnel-${stage.key}`, stage.value))),
          statCard(t('provincesReached'), countElement('funnel-provinces-reached', funnel.provincesReached)),
        ),
      ),
      section(
        'by-status',
        t('byStatusHeading'),
        funnel.byStatus.length
          ? dataTable(
              t('byStatusHeading'),
              [t('status'), t('replications')],
              [...funnel.byStatus]
                .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))
                .map((row) =>
                  h(
                    'tr',
                    { 'data-testid': `status-row-${row.status}` },
                    h('th', { scope: 'row' }, statusLabel(row.status)),
                    h('td', {}, countElement(`status-${row.status}`, row.count)),
                  ),
                ),
              { hiddenCaption: true },
            )
          : h('p', { class: 'note' }, t('noData')),
      ),
    ),
    section(
      'lineage',
      t('lineageHeading'),
      h('p', { class: 'note' }, t('lineageDescription')),
      h(
        'dl',
        { class: 'stats stats-compact' },
        statCard(t('lineageNodes'), countElement('lineage-nodes', data.lineageGraph.nodes.length)),
        statCard(t('lineageDepth'), countElement('lineage-depth', depth)),
      ),
      replicas.length ? lineageChart : h('p', { class: 'note' }, t('lineageEmpty')),
    ),
  );
  markFirstRender();
  await afterPaint();
  if (signal.aborted) return;

  mountChart(
    funnelChart,
    `${t('funnelHeading')}: ${stages.map((stage) => `${stage.label} ${stage.value}`).join(', ')}`,
    {
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const item = params as { name: string; value: unknown };
          return `${item.name}: ${formatCount(Number(item.value))}`;
        },
      },
      series: [
        {
          type: 'funnel',
          // the stages in their order, not by size: a step can be larger than the one before it
          sort: 'none',
          left: 8,
          right: 150,
          top: 8,
          bottom: 8,
          minSize: '12%',
          gap: 2,
          label: {
            position: 'right',
            formatter: (params) => `${params.name}: ${formatCount(Number(params.value))}`,
            color: '#0f172a',
          },
          labelLine: { show: true },
          data: stages.map((stage) => ({ name: stage.label, value: stage.value })),
        },
      ],
    },
    signal,
  );
  if (replicas.length) drawLineage(lineageChart, data.lineageGraph, signal);
  markReady(main, 'innovation');
}

function drawLineage(container: HTMLElement, graph: LineageGraph, signal: AbortSignal): void {
  const labelled = graph.nodes.length <= LABELLED_NODES;
  const layered = layoutLineage(graph.nodes, graph.edges);
  const rows = Math.max(1, ...[...layered.values()].map((p) => p.y + 1));
  // layered: a column per depth, a row per leaf; radial: a ring per depth
  const positions = labelled ? layered : radialLineage(layered);
  const [columnWidth, rowHeight] = labelled ? [180, 28] : [120, 120];
  container.style.height = labelled ? `${Math.min(900, Math.max(280, rows * 28))}px` : '640px';
  const kinds = ['INNOVATION', ...new Set(graph.nodes.flatMap((node) => (node.status ? [node.status] : [])))];
  const kindOf = (node: LineageGraph['nodes'][number]) =>
    node.kind === 'INNOVATION' ? 'INNOVATION' : (node.status ?? 'REQUESTED');
  const chart = mountChart(
    container,
    `${t('lineageHeading')}: ${graph.nodes.length} ${t('lineageNodes').toLowerCase()}`,
    {
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const datum = (params as { dataType?: string; data?: { tip?: string } }).data;
          return datum?.tip ?? '';
        },
      },
      legend: { top: 0, data: kinds.map(kindName) },
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: true,
          top: 40,
          bottom: 16,
          left: 24,
          right: labelled ? 160 : 24,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: labelled ? 7 : 4,
          lineStyle: { color: '#94a3b8', width: labelled ? 1.2 : 0.8 },
          categories: kinds.map((kind) => ({
            name: kindName(kind),
            itemStyle: { color: STATUS_COLOURS[kind] ?? '#334155' },
          })),
          label: { show: labelled, position: 'right', color: '#0f172a', fontSize: 11 },
          emphasis: { focus: 'adjacency', label: { show: true } },
          data: graph.nodes.map((node) => {
            const position = positions.get(node.id)!;
            const province = node.provinceCode ? ` (${provinceName(node.provinceCode)})` : '';
            const status = node.status ? ` · ${statusLabel(node.status)}` : '';
            return {
              id: node.id,
              name: node.agencyName,
              x: position.x * columnWidth,
              y: position.y * rowHeight,
              symbolSize: node.kind === 'INNOVATION' ? 20 : labelled ? 12 : 7,
              category: kinds.indexOf(kindOf(node)),
              tip: `${escapeHtml(node.label)}<br>${escapeHtml(node.agencyName)}${escapeHtml(province)}${status}`,
            };
          }),
          edges: graph.edges.map((edge) => ({ source: edge.source, target: edge.target })),
        },
      ],
    },
    signal,
  );
  const drawn = chart.getOption() as { series?: Array<{ data?: unknown[] }> };
  container.dataset['nodes'] = String(drawn.series?.[0]?.data?.length ?? 0);
}

function kindName(kind: string): string {
  return kind === 'INNOVATION' ? t('kindInnovation') : statusLabel(kind);
}

/** Tooltips are HTML: names typed by users must not become markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
