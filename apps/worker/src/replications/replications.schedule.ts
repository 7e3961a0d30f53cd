import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobName, QueueName, type JobPayloads } from '@jipp/core';
import type { Queue } from 'bullmq';

/** When the replication jobs run: hourly, a few minutes apart (Asia/Jakarta, like every schedule). */
export const REPLICATION_JOB_PATTERNS = {
  [JobName.ESCALATE_STALLED_REPLICATIONS]: '7 * * * *',
  [JobName.RAISE_REPLICATION_CHECKINS]: '37 * * * *',
} as const;

/** Registers the replications' repeatable jobs under fixed ids; safe on every worker copy (one schedule each). */
@Injectable()
export class ReplicationsSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.REPLICATIONS) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const escalate: JobPayloads[JobName.ESCALATE_STALLED_REPLICATIONS] = {};
    await this.queue.upsertJobScheduler(
      JobName.ESCALATE_STALLED_REPLICATIONS,
      { pattern: REPLICATION_JOB_PATTERNS[JobName.ESCALATE_STALLED_REPLICATIONS], tz: 'Asia/Jakarta' },
      { name: JobName.ESCALATE_STALLED_REPLICATIONS, data: escalate },
    );
    const checkins: JobPayloads[JobName.RAISE_REPLICATION_CHECKINS] = {};
    await this.queue.upsertJobScheduler(
      JobName.RAISE_REPLICATION_CHECKINS,
      { pattern: REPLICATION_JOB_PATTERNS[JobName.RAISE_REPLICATION_CHECKINS], tz: 'Asia/Jakarta' },
      { name: JobName.RAISE_REPLICATION_CHECKINS, data: checkins },
    );
  }
}
