// first: sets this file's own Redis prefix before the worker module reads the configuration
import { OWN_REDIS_PREFIX } from './own-redis-prefix';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { JobName, QueueName } from '@jipp/core';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { WorkerModule } from '../src/worker.module';

describe('worker', () => {
  const prefix = OWN_REDIS_PREFIX;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  });

  afterAll(async () => {
    await app?.close();
    const redis = new Redis(process.env['REDIS_URL']!);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  });

  it('schedules the view flush once a minute under a fixed id, and runs it', async () => {
    const queue = app!.get<Queue>(getQueueToken(QueueName.CATALOGUE));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({
        key: JobName.FLUSH_INNOVATION_VIEWS,
        name: JobName.FLUSH_INNOVATION_VIEWS,
        every: 60_000,
      }),
    ]);
    // an interval scheduler runs its first job at once
    const deadline = Date.now() + 15_000;
    let completed = await queue.getJobs(['completed']);
    while (completed.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      completed = await queue.getJobs(['completed']);
    }
    expect(completed[0]?.returnvalue).toEqual({ batches: 0, innovations: 0, views: 0, purgedBatchIds: 0 });
  });

  it('schedules the replication escalation and check-ins hourly (Asia/Jakarta) under fixed ids', async () => {
    const queue = app!.get<Queue>(getQueueToken(QueueName.REPLICATIONS));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      expect.objectContaining({
        key: JobName.ESCALATE_STALLED_REPLICATIONS,
        name: JobName.ESCALATE_STALLED_REPLICATIONS,
        pattern: '7 * * * *',
        tz: 'Asia/Jakarta',
      }),
      expect.objectContaining({
        key: JobName.RAISE_REPLICATION_CHECKINS,
        name: JobName.RAISE_REPLICATION_CHECKINS,
        pattern: '37 * * * *',
        tz: 'Asia/Jakarta',
      }),
    ]);
  });
});
