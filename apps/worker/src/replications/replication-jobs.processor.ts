import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobName, QueueName, type JobPayloads } from '@jipp/core';
import {
  ReplicationCheckinsService,
  ReplicationEscalationService,
  type CheckinRunResult,
  type EscalationResult,
} from '@jipp/replications';
import type { Job } from 'bullmq';

type ReplicationJob =
  | Job<JobPayloads[JobName.ESCALATE_STALLED_REPLICATIONS], EscalationResult>
  | Job<JobPayloads[JobName.RAISE_REPLICATION_CHECKINS], CheckinRunResult>;

/** Replications over time: stalls idle ones, raises due check-ins. Both idempotent; safe on every copy. */
@Processor(QueueName.REPLICATIONS)
export class ReplicationJobsProcessor extends WorkerHost {
  private readonly logger = new Logger(ReplicationJobsProcessor.name);

  constructor(
    private readonly escalation: ReplicationEscalationService,
    private readonly checkins: ReplicationCheckinsService,
  ) {
    super();
  }

  async process(job: ReplicationJob): Promise<EscalationResult | CheckinRunResult> {
    switch (job.name) {
      case JobName.ESCALATE_STALLED_REPLICATIONS: {
        const result = await this.escalation.stallIdle();
        this.logger.log(
          `escalation: ${result.idle} idle replications, ${result.stalled} stalled, ${result.skipped} changed meanwhile`,
        );
        return result;
      }
      case JobName.RAISE_REPLICATION_CHECKINS: {
        const result = await this.checkins.raiseDue();
        this.logger.log(`check-ins: ${result.raised} raised over ${result.scanned} implemented replications`);
        return result;
      }
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }
}
