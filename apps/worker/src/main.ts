import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitOnStartupFailure } from '@jipp/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** The worker: every BullMQ processor; no HTTP. SIGTERM lets running jobs finish, then exits. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.get(Logger).log('worker ready: processing queues');
}

main().catch(exitOnStartupFailure('worker'));
