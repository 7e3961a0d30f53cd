import 'reflect-metadata';
import { exitOnStartupFailure } from '@jipp/core';
import { Logger } from 'nestjs-pino';
import { startApi } from './bootstrap';

startApi()
  .then(async (app) => {
    const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
    app.get(Logger).log(`api ready on ${url}/graphql`);
  })
  .catch(exitOnStartupFailure('api'));
