import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { startApi } from './bootstrap';

startApi()
  .then(async (app) => {
    const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
    app.get(Logger).log(`api ready on ${url}/graphql`);
  })
  .catch((error: unknown) => {
    // configuration errors are one clear line; anything else with its stack
    const message =
      error instanceof Error && error.message.startsWith('Invalid configuration') ? error.message : error;
    console.error('[api] failed to start:', message);
    process.exit(1);
  });
