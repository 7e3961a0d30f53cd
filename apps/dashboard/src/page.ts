import { h, type Child } from './dom';
import type { LiveFeed } from './live-feed';

/** What a page gets: where to draw, a signal that aborts when the reader leaves, the live feed. */
export interface PageContext {
  main: HTMLElement;
  signal: AbortSignal;
  feed: LiveFeed;
}

/** A titled section of a page, labelled by its heading for assistive technology. */
export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  const headingId = `${id}-heading`;
  return h(
    'section',
    { class: `panel panel-${id}`, 'aria-labelledby': headingId, 'data-testid': `section-${id}` },
    h('h2', { id: headingId }, title),
    ...children,
  );
}

/** A labelled figure (card) of the totals row. */
export function statCard(label: string, value: HTMLElement, hint?: string): HTMLElement {
  return h(
    'div',
    { class: 'stat' },
    h('dt', {}, label),
    h('dd', {}, value),
    hint ? h('dd', { class: 'stat-hint' }, hint) : null,
  );
}

/**
 * A table whose first row names its columns; the caption names the table (for screen readers
 * only when the section's heading already says it on screen).
 */
export function dataTable(
  caption: string,
  headers: string[],
  rows: HTMLTableRowElement[],
  options: { hiddenCaption?: boolean } = {},
): HTMLTableElement {
  return h(
    'table',
    { class: 'data-table' },
    h('caption', { class: options.hiddenCaption ? 'visually-hidden' : null }, caption),
    h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, ...rows),
  );
}

/**
 * Marks the first time a page's figures are on screen (performance mark `jipp:first-render`,
 * timed by the browser test). Charts come right after, see `afterPaint`.
 */
export function markFirstRender(): void {
  if (performance.getEntriesByName('jipp:first-render').length === 0) performance.mark('jipp:first-render');
}

/**
 * Resolves once the browser has painted what is in the DOM: the figures show before the charts,
 * which take a few hundred milliseconds more to draw on a slow machine.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Marks the page complete, charts included: the browser test waits for `data-ready`. */
export function markReady(main: HTMLElement, page: string): void {
  markFirstRender();
  main.dataset['page'] = page;
  main.dataset['ready'] = 'true';
  if (performance.getEntriesByName('jipp:ready').length === 0) performance.mark('jipp:ready');
}
