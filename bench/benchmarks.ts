import { benchmark as analytics } from './analytics/bench';
import { benchmark as catalogue } from './catalogue/bench';
import { benchmark as forum } from './forum/bench';
import { benchmark as graphql } from './graphql/bench';
import { benchmark as notifications } from './notifications/bench';
import type { Benchmark } from './lib/types';

/** Every benchmark, in the order `npm run bench` runs them. A new one adds its line here. */
export const BENCHMARKS: Benchmark[] = [catalogue, forum, notifications, analytics, graphql];
