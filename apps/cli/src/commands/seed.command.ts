import type { INestApplicationContext } from '@nestjs/common';
import { AgencySeeder } from '@jipp/agencies';
import { DEMO_PASSWORD, DEMO_USERS, DemoUsersSeeder } from '@jipp/auth';
import { InnovationSeeder } from '@jipp/innovations';
import { RegionsService } from '@jipp/regions';
import { ReplicationDemoSeeder } from '@jipp/replications';
import { type ScaleArgs, scaleSeedCommand } from '../scale/scale-seed';
import { scaleOptionsOf } from '../scale/scale-options';
import { parseArgs, UsageError } from './cli-args';

/** `seed [--demo] [--scale small|large [--seed N] [--as-of YYYY-MM-DD]]`, checked before anything is written. */
function parseSeedArgs(argv: readonly string[]): { demo: boolean; scale: ScaleArgs | null } {
  const { positional, options } = parseArgs(argv, {
    flags: ['--demo'],
    options: ['--scale', '--seed', '--as-of'],
  });
  if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
  const text = (name: string): string | undefined => {
    const value = options.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const scale = text('--scale');
  if (scale === undefined) {
    if (options.has('--seed') || options.has('--as-of'))
      throw new UsageError('--seed and --as-of go with --scale');
    return { demo: options.has('--demo'), scale: null };
  }
  const args: ScaleArgs = { scale, seed: text('--seed'), asOf: text('--as-of') };
  const checked = scaleOptionsOf(args, new Date(), 60);
  if ('problem' in checked) throw new UsageError(checked.problem);
  return { demo: options.has('--demo'), scale: args };
}

/**
 * `seed [--demo] [--scale ...]`: reference data; with --demo also the demo catalogue, one user per role
 * and the demo replications; with --scale a large generated data set (apps/cli/src/scale). Idempotent.
 */
export async function seedCommand(app: INestApplicationContext, argv: readonly string[]): Promise<number> {
  const flags = parseSeedArgs(argv);
  const regions = await app.get(RegionsService).seed();
  const { agencies, hubs } = await app.get(AgencySeeder).seed();
  const categories = await app.get(InnovationSeeder).seedCategories();
  console.log(
    `[cli] seeded ${regions} regions, ${agencies} agencies, ${hubs} hubs, ${categories} categories`,
  );
  if (flags.demo) {
    const innovations = await app.get(InnovationSeeder).seedDemo();
    console.log(`[cli] demo catalogue: ${innovations} innovations added`);
    await app.get(DemoUsersSeeder).seed();
    console.log(
      `[cli] demo users (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}`,
    );
    // after the users: the demo accounts' own agency gets replications they can act on
    const replications = await app.get(ReplicationDemoSeeder).seed();
    console.log(
      replications.created
        ? `[cli] demo replications: ${replications.replications} added, with ${replications.events} events, ` +
            `${replications.modifications} modifications, ${replications.outcomes} outcomes, ` +
            `${replications.documents} documents, ${replications.checkins} check-ins`
        : '[cli] demo replications: already there, none added',
    );
  }
  if (flags.scale) return scaleSeedCommand(app, flags.scale);
  return 0;
}
