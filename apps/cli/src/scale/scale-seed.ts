import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig } from '@jipp/core';
import type { DataSource } from 'typeorm';
import { scaleOptionsOf } from './scale-options';
import { ScaleProgress } from './scale-progress';
import { type ScaleSeedReport, ScaleRefusal, ScaleSeeder } from './scale-seeder';

/** What `seed --scale` was given, as strings; checked by `scaleOptionsOf`. */
export interface ScaleArgs {
  scale: string;
  seed?: string;
  asOf?: string;
}

const count = (n: number | undefined): string => (n ?? 0).toLocaleString('en-US');

/**
 * `seed --scale small|large [--seed N] [--as-of YYYY-MM-DD]`: the scale data set, after the reference
 * data. Exit code 0 when it was written or was already there, 1 when the database holds another one.
 */
export async function scaleSeedCommand(app: INestApplicationContext, args: ScaleArgs): Promise<number> {
  const stallAfterDays = app.get(AppConfig).get('REPLICATION_STALL_AFTER_DAYS');
  const options = scaleOptionsOf(args, new Date(), stallAfterDays);
  if ('problem' in options) throw new Error(options.problem);
  const asOfDay = options.asOf.toISOString().slice(0, 10);
  console.log(
    `[cli] scale data ${options.scale} (seed ${options.seed}, as of ${asOfDay}): ` +
      `${count(options.innovations)} innovations, ${count(options.replications)} replications`,
  );
  const seeder = new ScaleSeeder(app.get<DataSource>(getDataSourceToken()), ScaleProgress.forThisProcess());
  let report: ScaleSeedReport;
  try {
    report = await seeder.seed(options);
  } catch (error) {
    if (!(error instanceof ScaleRefusal)) throw error;
    console.error(`[cli] seed --scale refused: ${error.message}`);
    return 1;
  }
  printReport(report);
  return 0;
}

function printReport(report: ScaleSeedReport): void {
  const rows = report.rows;
  if (!report.created) {
    console.log(
      `[cli] scale data ${report.label}: already there (${count(rows.innovation)} innovations, ` +
        `${count(rows.replication)} replications), none added`,
    );
    return;
  }
  console.log(
    `[cli] scale data ${report.label} written in ${report.seconds.toFixed(1)} s: ` +
      `${count(rows.innovation)} innovations, ${count(rows.innovation_award)} awards, ` +
      `${count(rows.replication)} replications, ${count(rows.replication_event)} events, ` +
      `${count(rows.replication_modification)} modifications, ${count(rows.outcome)} outcomes, ` +
      `${count(rows.replication_checkin)} check-ins; ${count(rows.network)} hubs`,
  );
  const statuses = [...report.statuses.entries()].sort((a, b) => b[1] - a[1]);
  console.log(`[cli] replications by status: ${statuses.map(([s, n]) => `${s} ${count(n)}`).join(', ')}`);
}
