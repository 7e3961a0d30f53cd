import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobName, QueueName, type JobPayloads } from '@jipp/core';
import type { Queue } from 'bullmq';

/** The daily digest's cron pattern: DIGEST_HOUR o'clock (read in Asia/Jakarta). */
export const digestPattern = (hour: number): string => `0 ${hour} * * *`;

/**
 * Registers the daily digest under a fixed id; safe on every worker copy (one schedule). A digest
 * that runs twice the same day sends nothing twice (see NotificationEmailsService).
 */
@Injectable()
export class NotificationsSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const digest: JobPayloads[JobName.SEND_DAILY_DIGEST] = {};
    await this.queue.upsertJobScheduler(
      JobName.SEND_DAILY_DIGEST,
      { pattern: digestPattern(this.config.get('DIGEST_HOUR')), tz: 'Asia/Jakarta' },
      { name: JobName.SEND_DAILY_DIGEST, data: digest },
    );
  }
}
