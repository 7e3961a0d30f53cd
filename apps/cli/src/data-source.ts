import 'reflect-metadata';
import { readEnvFiles } from '@jipp/core';
import { createFullDataSource } from './entities';

/** The data source of the TypeORM CLI (`npm run migration:*`). */
export default createFullDataSource(process.env['DATABASE_URL'] ?? readEnvFiles()['DATABASE_URL'] ?? '');
