import 'reflect-metadata';
import { config as loadEnv } from './load-env';
import { buildDataSourceOptions } from '@jipp/core';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';

loadEnv();

/** The data source of the TypeORM CLI (`npm run migration:*`). */
export default new DataSource(
  buildDataSourceOptions({
    url: process.env['DATABASE_URL'] ?? '',
    poolSize: 2,
    logQueries: false,
    entities: ALL_ENTITIES,
  }),
);
