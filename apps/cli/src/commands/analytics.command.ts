import { AnalyticsRebuildService } from '@jipp/analytics';
import type { INestApplicationContext } from '@nestjs/common';
import { UsageError } from './cli-args';

/** `analytics rebuild`: every rollup written again from the base tables. */
export async function analyticsCommand(
  app: INestApplicationContext,
  args: readonly string[],
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'rebuild' || rest.length > 0)
    throw new UsageError(`unknown analytics command: ${args.join(' ') || '(none)'}`);
  const result = await app.get(AnalyticsRebuildService).rebuild();
  console.log(
    `[cli] analytics rebuilt from ${result.facts} replications: ${result.cells} cells, ${result.members} members, ` +
      `${result.hubWeeks} hub weeks in ${result.seconds.toFixed(1)} s`,
  );
  return 0;
}
