import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName, type JobPayloads } from '@jipp/core';
import { ViewFlushService, type ViewFlushResult } from '@jipp/innovations';
import type { Job } from 'bullmq';

/** Writes the innovation views counted in Redis to the database. Idempotent; safe on every worker copy. */
@Processor(QueueName.CATALOGUE)
export class ViewFlushProcessor extends WorkerHost {
  constructor(private readonly views: ViewFlushService) {
    super();
  }

  async process(job: Job<JobPayloads[JobName.FLUSH_INNOVATION_VIEWS]>): Promise<ViewFlushResult> {
    if (job.name !== JobName.FLUSH_INNOVATION_VIEWS) throw new Error(`unknown job ${job.name}`);
    return this.views.flush();
  }
}
