import { AnalyticsProjector, type ProjectionResult } from '@jipp/analytics';
import { JobName, QueueName, type JobPayloads } from '@jipp/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';

/**
 * Applies outbox events to the analytics rollups. One at a time per worker: the projector holds
 * the database's analytics lock per event anyway, so more would only wait for it.
 */
@Processor(QueueName.ANALYTICS, { concurrency: 1, lockDuration: 30_000 })
export class AnalyticsProcessor extends WorkerHost {
  constructor(private readonly projector: AnalyticsProjector) {
    super();
  }

  async process(
    job: Job<JobPayloads[JobName.APPLY_ANALYTICS_EVENT], ProjectionResult>,
  ): Promise<ProjectionResult> {
    if (job.name !== JobName.APPLY_ANALYTICS_EVENT) throw new Error(`unknown job ${job.name}`);
    return this.projector.apply(job.data.event);
  }
}
