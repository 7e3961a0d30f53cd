import 'reflect-metadata';
import { buildDataSourceOptions, readEnvFiles } from '@jipp/core';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';

/** The data source of the TypeORM CLI (`npm run migration:*`). */
export default new DataSource(
  buildDataSourceOptions({
    url: process.env['DATABASE_URL'] ?? readEnvFiles()['DATABASE_URL'] ?? '',
    poolSize: 2,
    logQueries: false,
    entities: ALL_ENTITIES,
  }),
);
