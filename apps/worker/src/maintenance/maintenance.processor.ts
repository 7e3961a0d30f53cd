import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Invitation, RefreshToken } from '@jipp/auth';
import { JobName, QueueName, type JobPayloads } from '@jipp/core';
import type { Job } from 'bullmq';
import { LessThan, type DataSource } from 'typeorm';

/** Housekeeping: deletes refresh tokens and invitations that expired long ago. Idempotent. */
@Processor(QueueName.MAINTENANCE)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async process(
    job: Job<JobPayloads[JobName.PURGE_EXPIRED_TOKENS]>,
  ): Promise<{ tokens: number; invitations: number }> {
    if (job.name !== JobName.PURGE_EXPIRED_TOKENS) throw new Error(`unknown job ${job.name}`);
    const cutoff = new Date(Date.now() - job.data.olderThanDays * 86400_000);
    const tokens = await this.dataSource.getRepository(RefreshToken).delete({ expiresAt: LessThan(cutoff) });
    const invitations = await this.dataSource
      .getRepository(Invitation)
      .delete({ expiresAt: LessThan(cutoff) });
    const result = { tokens: tokens.affected ?? 0, invitations: invitations.affected ?? 0 };
    this.logger.log(
      `purged ${result.tokens} refresh tokens and ${result.invitations} invitations expired before ${cutoff.toISOString()}`,
    );
    return result;
  }
}
