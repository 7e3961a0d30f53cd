import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobName, QueueName, type JobPayloads } from '@jipp/core';
import type { Queue } from 'bullmq';

/** Registers the repeatable housekeeping jobs; safe to run on every worker copy (one schedule). */
@Injectable()
export class MaintenanceSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.MAINTENANCE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: JobPayloads[JobName.PURGE_EXPIRED_TOKENS] = { olderThanDays: 7 };
    await this.queue.upsertJobScheduler(
      JobName.PURGE_EXPIRED_TOKENS,
      { pattern: '17 3 * * *', tz: 'Asia/Jakarta' },
      { name: JobName.PURGE_EXPIRED_TOKENS, data },
    );
  }
}
