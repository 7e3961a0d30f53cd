import 'reflect-metadata';
import { type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliModule } from './cli.module';
import { analyticsCommand } from './commands/analytics.command';
import { UsageError } from './commands/cli-args';
import { exportInnovationsCommand, parseExportArgs } from './commands/export-innovations.command';
import { importInnovationsCommand, parseImportArgs } from './commands/import-innovations.command';
import { migrateCommand } from './commands/migrate.command';
import { seedCommand } from './commands/seed.command';

const USAGE = `usage: npm run cli -- <command>
  migrate            run pending migrations
  seed               load reference data (regions, 552 agencies, national bodies, hubs, categories)
  seed --demo        reference data, one demo user per role and the demo innovation catalogue
  seed --scale small|large [--seed N] [--as-of YYYY-MM-DD]
                     reference data and a generated data set for benchmarks: small is 2,000
                     innovations and 20,000 replications, large 100,000 and 1,000,000, with their
                     events and evidence, ending on --as-of (default today, UTC). The same scale,
                     seed and day give the same rows. Written in one transaction; a second run of
                     the same scale and seed finds it and adds nothing; a database holding another
                     scale data set is refused (exit 1): seed that one into a fresh database
  import innovations FILE.csv|FILE.xlsx [--dry-run] [--skip-invalid] [--as EMAIL] [--json]
                     add a file's innovations to the published catalogue, all or nothing: a file with
                     an invalid row writes nothing (exit 1) unless --skip-invalid; rows already in the
                     catalogue are skipped; --dry-run checks only; --as names the admin for the audit log
  analytics rebuild  write the analytics rollups again from the base tables (projectors wait meanwhile)
  export innovations [--out FILE] [--with-contacts]
                     the published catalogue as documented CSV (open data), to stdout unless --out`;

/** Boots the Nest context, runs one command, closes it. */
async function withApp(
  run: (app: INestApplicationContext) => Promise<number>,
  logger: LogLevel[] = ['error', 'warn'],
): Promise<number> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      return withApp(migrateCommand);
    case 'seed':
      return withApp((app) => seedCommand(app, rest));
    case 'analytics':
      return withApp((app) => analyticsCommand(app, rest));
    case 'import': {
      const args = await parseImportArgs(rest);
      // stdout carries the report (or --json): Nest logs errors only, to stderr
      return withApp((app) => importInnovationsCommand(app, args), ['error']);
    }
    case 'export': {
      const args = parseExportArgs(rest);
      return withApp((app) => exportInnovationsCommand(app, args), ['error']);
    }
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`[cli] ${error.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error('[cli] failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
