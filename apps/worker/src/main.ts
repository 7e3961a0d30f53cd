import 'reflect-metadata';
import { BullModule } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import { exitOnStartupFailure } from '@jipp/core';
import { Logger } from 'nestjs-pino';
import { namedWorkerClass, workerName } from './named-worker';
import { WorkerModule } from './worker.module';

/** The worker: every BullMQ processor; no HTTP. SIGTERM lets running jobs finish, then exits. */
async function main(): Promise<void> {
  const name = workerName();
  // before the module is built: the processors' BullMQ workers are made while it initialises
  BullModule.workerClass = namedWorkerClass(name);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.get(Logger).log(`worker ${name} ready: processing queues`);
}

main().catch(exitOnStartupFailure('worker'));
