/**
 * ECharts, with only the parts the pages draw registered (the whole library would triple the
 * bundle), and the one way a page puts a chart on screen.
 */
import {
  BarChart,
  FunnelChart,
  GraphChart,
  LineChart,
  ScatterChart,
  type BarSeriesOption,
  type FunnelSeriesOption,
  type GraphSeriesOption,
  type LineSeriesOption,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  type GeoComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  FunnelChart,
  GraphChart,
  LineChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | FunnelSeriesOption
  | GraphSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GeoComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** Colours with at least 3:1 contrast against the white card, for marks and lines. */
export const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f'];

/**
 * Draws `option` into `container`, keeps it sized to the container, and disposes of it when
 * `signal` aborts (the reader left the page). The canvas is an image to assistive technology,
 * named by `label`; each chart has the same numbers in a table beside it.
 */
export function mountChart(
  container: HTMLElement,
  label: string,
  option: ChartOption,
  signal: AbortSignal,
): ECharts {
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', label);
  const chart = init(container, undefined, { renderer: 'canvas' });
  chart.setOption({ color: PALETTE, animationDuration: 300, ...option });
  const resize = new ResizeObserver(() => chart.resize());
  resize.observe(container);
  signal.addEventListener(
    'abort',
    () => {
      resize.disconnect();
      chart.dispose();
    },
    { once: true },
  );
  return chart;
}

/** One group's bars: its name, its replications and how many of them went live. */
export interface ReplicationBar {
  label: string;
  replications: number;
  replicated: number;
}

/**
 * Horizontal bars of replications beside replicated, one row per group (the first at the bottom),
 * as the overview's categories and a province's regencies show them.
 */
export function replicationBarsOption(
  bars: readonly ReplicationBar[],
  names: { replications: string; replicated: string },
  labelWidth: number,
): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: bars.map((bar) => bar.label),
      axisLabel: { width: labelWidth, overflow: 'truncate' },
    },
    series: [
      { type: 'bar', name: names.replications, data: bars.map((bar) => bar.replications) },
      { type: 'bar', name: names.replicated, data: bars.map((bar) => bar.replicated) },
    ],
  };
}
