import { graphql } from './graphql';
import { OVERVIEW_QUERY, OVERVIEW_TOP_COUNT, type OverviewData } from './queries';
import { parseRoute } from './router';

/**
 * The overview's query, sent as soon as the bundle starts running when the reader opens the
 * overview: main.ts imports this module first, so the request travels while ECharts and the rest
 * of the bundle are still being set up (a few hundred milliseconds on a slow machine).
 */
let early: Promise<OverviewData> | null =
  parseRoute(location.hash).page === 'overview'
    ? graphql<OverviewData>(OVERVIEW_QUERY, { top: OVERVIEW_TOP_COUNT })
    : null;
// awaited later by the overview; until then a failure is not an unhandled rejection
early?.catch(() => undefined);

/** The early answer, once: later visits of the overview ask afresh. */
export function takeEarlyOverview(): Promise<OverviewData> | null {
  const answer = early;
  early = null;
  return answer;
}
