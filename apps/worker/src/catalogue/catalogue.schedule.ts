import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobName, QueueName, type JobPayloads } from '@jipp/core';
import type { Queue } from 'bullmq';

/** Registers the catalogue's repeatable jobs; safe to run on every worker copy (one schedule each). */
@Injectable()
export class CatalogueSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.CATALOGUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: JobPayloads[JobName.FLUSH_INNOVATION_VIEWS] = {};
    await this.queue.upsertJobScheduler(
      JobName.FLUSH_INNOVATION_VIEWS,
      { every: this.config.get('VIEW_FLUSH_INTERVAL_SECONDS') * 1000 },
      { name: JobName.FLUSH_INNOVATION_VIEWS, data },
    );
  }
}
