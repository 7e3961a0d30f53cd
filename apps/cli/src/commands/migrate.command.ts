import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** `migrate`: runs the pending migrations, each in its own transaction. */
export async function migrateCommand(app: INestApplicationContext): Promise<number> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  console.log(`[cli] migrations: ${ran.length ? ran.map((m) => m.name).join(', ') : 'nothing to run'}`);
  return 0;
}
