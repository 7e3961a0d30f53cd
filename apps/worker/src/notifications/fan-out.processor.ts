import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName, type JobPayloads } from '@jipp/core';
import {
  FanOutService,
  NotificationEmailsService,
  type DeliveryResult,
  type DigestResult,
  type FanOutResult,
  type InstantEmailResult,
} from '@jipp/notifications';
import type { Job } from 'bullmq';

type NotificationJob =
  | Job<JobPayloads[JobName.FAN_OUT_EVENT], FanOutResult>
  | Job<JobPayloads[JobName.DELIVER_NOTIFICATIONS], DeliveryResult>
  | Job<JobPayloads[JobName.SEND_NOTIFICATION_EMAILS], InstantEmailResult>
  | Job<JobPayloads[JobName.SEND_DAILY_DIGEST], DigestResult>;

type NotificationJobResult = FanOutResult | DeliveryResult | InstantEmailResult | DigestResult;

/**
 * Notifications: an outbox event's fan-out (the first recipients written at once, the rest of a big
 * audience split into delivery jobs), those delivery jobs, the instant e-mails and the daily digest. Every job is idempotent, so a job whose worker died is
 * simply run again: short locks bring it back within seconds, and it may come back several times.
 */
@Processor(QueueName.NOTIFICATIONS, {
  concurrency: 4,
  lockDuration: 5_000,
  stalledInterval: 2_000,
  maxStalledCount: 5,
})
export class FanOutProcessor extends WorkerHost {
  constructor(
    private readonly fanOut: FanOutService,
    private readonly emails: NotificationEmailsService,
  ) {
    super();
  }

  async process(job: NotificationJob): Promise<NotificationJobResult> {
    switch (job.name) {
      case JobName.FAN_OUT_EVENT:
        return this.fanOut.fanOut((job.data as JobPayloads[JobName.FAN_OUT_EVENT]).event);
      case JobName.DELIVER_NOTIFICATIONS:
        return this.fanOut.deliverChunk(job.data as JobPayloads[JobName.DELIVER_NOTIFICATIONS]);
      case JobName.SEND_NOTIFICATION_EMAILS: {
        const { outboxEventId, userIds } = job.data as JobPayloads[JobName.SEND_NOTIFICATION_EMAILS];
        return this.emails.sendInstant(outboxEventId, userIds);
      }
      case JobName.SEND_DAILY_DIGEST:
        return this.emails.sendDigests();
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }
}
