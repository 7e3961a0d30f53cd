import { benchmark as catalogue } from './catalogue/bench';
import { benchmark as forum } from './forum/bench';
import type { Benchmark } from './lib/types';

/** Every benchmark, in the order `npm run bench` runs them. A new one adds its line here. */
export const BENCHMARKS: Benchmark[] = [catalogue, forum];
