import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AgencySeeder } from '@jipp/agencies';
import { DEMO_PASSWORD, DEMO_USERS, DemoUsersSeeder } from '@jipp/auth';
import { InnovationSeeder } from '@jipp/innovations';
import { RegionsService } from '@jipp/regions';
import type { DataSource } from 'typeorm';
import { CliModule } from './cli.module';

const USAGE = `usage: npm run cli -- <command>
  migrate            run pending migrations
  seed               load reference data (regions, 552 agencies, national bodies, hubs, categories)
  seed --demo        reference data, one demo user per role and the demo innovation catalogue`;

async function main(argv: string[]): Promise<void> {
  const [command, ...flags] = argv;
  if (command !== 'migrate' && command !== 'seed') {
    console.error(USAGE);
    process.exit(command ? 2 : 0);
  }
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    if (command === 'migrate') {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      console.log(`[cli] migrations: ${ran.length ? ran.map((m) => m.name).join(', ') : 'nothing to run'}`);
      return;
    }
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
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error('[cli] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
