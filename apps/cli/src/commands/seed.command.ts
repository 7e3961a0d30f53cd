import type { INestApplicationContext } from '@nestjs/common';
import { AgencySeeder } from '@jipp/agencies';
import { DEMO_PASSWORD, DEMO_USERS, DemoUsersSeeder } from '@jipp/auth';
import { InnovationSeeder } from '@jipp/innovations';
import { RegionsService } from '@jipp/regions';
import { ReplicationDemoSeeder } from '@jipp/replications';

/**
 * `seed [--demo]`: reference data; with --demo also the demo catalogue, one user per role and the demo
 * replications. Idempotent.
 */
export async function seedCommand(app: INestApplicationContext, flags: readonly string[]): Promise<number> {
  const regions = await app.get(RegionsService).seed();
  const { agencies, hubs } = await app.get(AgencySeeder).seed();
  const categories = await app.get(InnovationSeeder).seedCategories();
  console.log(
    `[cli] seeded ${regions} regions, ${agencies} agencies, ${hubs} hubs, ${categories} categories`,
  );
  if (flags.includes('--demo')) {
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
  return 0;
}
