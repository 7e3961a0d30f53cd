import { registerMap, type ECharts } from 'echarts/core';
import outline from 'virtual:indonesia-outline';
import { mountChart } from './charts';
import { formatCount } from './format';
import { t } from './i18n';
import { PROVINCE_CAPITALS } from './province-capitals';
import { navigate, routes } from './router';

const MAP_NAME = 'indonesia';
let registered = false;

export interface ProvincePoint {
  code: string;
  name: string;
  replications: number;
}

interface PointDatum {
  name: string;
  code: string;
  value: [number, number, number];
}

/**
 * Indonesia's outline (Natural Earth) with one point per province at its capital, sized and
 * coloured by the province's replications. Clicking a point opens the province's page. The number
 * of points ECharts holds is written to the container's `data-points`, for the browser test.
 */
export function drawIndonesiaMap(
  container: HTMLElement,
  provinces: ProvincePoint[],
  signal: AbortSignal,
): ECharts {
  if (!registered) {
    // ECharts reads GeoJSON as it is; its own input type is narrower than the GeoJSON types
    registerMap(MAP_NAME, outline as unknown as Parameters<typeof registerMap>[1]);
    registered = true;
  }
  const data: PointDatum[] = provinces
    .filter((province) => PROVINCE_CAPITALS[province.code])
    .map((province): PointDatum => {
      const [longitude, latitude] = PROVINCE_CAPITALS[province.code]!.coordinates;
      return {
        name: province.name,
        code: province.code,
        value: [longitude, latitude, province.replications],
      };
    })
    // the biggest points last, so they are drawn on top
    .sort((a, b) => a.value[2] - b.value[2]);
  const max = Math.max(1, ...data.map((datum) => datum.value[2]));

  const chart = mountChart(
    container,
    `${t('mapHeading')}. ${t('mapDescription')}`,
    {
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const datum = (params as { data?: PointDatum }).data;
          return datum
            ? `${escapeHtml(datum.name)}<br>${t('replications')}: ${formatCount(datum.value[2])}`
            : '';
        },
      },
      geo: {
        map: MAP_NAME,
        // near the equator a degree of longitude and of latitude are about the same length
        aspectScale: 1,
        roam: true,
        silent: true,
        left: 8,
        right: 8,
        top: 8,
        bottom: 48,
        itemStyle: { areaColor: '#e2e8f0', borderColor: '#64748b', borderWidth: 0.6 },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max,
        dimension: 2,
        seriesIndex: 0,
        orient: 'horizontal',
        left: 8,
        bottom: 4,
        itemHeight: 120,
        text: [t('more'), t('less')],
        textStyle: { color: '#1f2937' },
        inRange: { color: ['#93c5fd', '#1e3a8a'], symbolSize: [8, 34] },
      },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          data,
          itemStyle: { borderColor: '#0f172a', borderWidth: 1, opacity: 0.9 },
          emphasis: {
            scale: 1.3,
            label: { show: true, formatter: '{b}', position: 'top', color: '#0f172a' },
          },
        },
      ],
    },
    signal,
  );
  chart.on('click', (params) => {
    const datum = params.data as PointDatum | undefined;
    if (datum?.code) navigate(routes.province(datum.code));
  });
  const drawn = chart.getOption() as { series?: Array<{ data?: unknown[] }> };
  container.dataset['points'] = String(drawn.series?.[0]?.data?.length ?? 0);
  return chart;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
