import { AppConfig, AppError, Clock, ErrorCode } from '@jipp/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Replication } from '../replications/replication.entity';
import { ReplicationsService } from '../replications/replications.service';
import { ReplicationAction, WORKING_STATES } from '../state/replication-state';
import { stallCutoff } from './stall-rule';

/** Replications read per query while scanning for idle ones. */
export const ESCALATION_BATCH_SIZE = 200;

export interface EscalationResult {
  /** Idle replications found. */
  idle: number;
  /** Stalled by this run. */
  stalled: number;
  /** Changed by someone else between the scan and the step (no longer idle, or already moved on). */
  skipped: number;
}

/**
 * Escalation: a replication still being worked on with no event for `REPLICATION_STALL_AFTER_DAYS`
 * is stalled by the system, through ReplicationsService (event, audit, counters and the outbox event
 * `replication.transitioned` with action STALL, which reaches the hub's coordinators). Idempotent:
 * a stalled replication is no longer in a working state, and a resumed one has a fresh last event.
 */
@Injectable()
export class ReplicationEscalationService {
  private readonly logger = new Logger(ReplicationEscalationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replications: ReplicationsService,
    // the same Clock as ReplicationsService's, so the step is dated at the moment this run judges by
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async stallIdle(): Promise<EscalationResult> {
    const days = this.config.get('REPLICATION_STALL_AFTER_DAYS');
    const cutoff = stallCutoff(this.clock.now(), days);
    const note = `Ditandai terhenti oleh sistem: tidak ada kegiatan selama ${days} hari.`;
    const result: EscalationResult = { idle: 0, stalled: 0, skipped: 0 };
    let afterId = 0;
    for (;;) {
      const batch = await this.dataSource
        .getRepository(Replication)
        .createQueryBuilder('r')
        .select(['r.id', 'r.version'])
        .where('r.status IN (:...working)', { working: WORKING_STATES })
        .andWhere('r.lastEventAt < :cutoff', { cutoff })
        .andWhere('r.id > :afterId', { afterId })
        .orderBy('r.id', 'ASC')
        .limit(ESCALATION_BATCH_SIZE)
        .getMany();
      for (const { id, version } of batch) {
        result.idle++;
        try {
          // the versioned step refuses if a person touched it since the scan: their step wins
          await this.replications.transition('SYSTEM', id, version, ReplicationAction.STALL, {
            note,
            idleSince: cutoff,
          });
          result.stalled++;
        } catch (error) {
          if (!(error instanceof AppError) || !isMovedOn(error)) throw error;
          this.logger.debug(`replication ${id} changed during escalation, skipped: ${error.message}`);
          result.skipped++;
        }
      }
      if (batch.length < ESCALATION_BATCH_SIZE) break;
      afterId = batch[batch.length - 1]!.id;
    }
    return result;
  }
}

const isMovedOn = (error: AppError): boolean =>
  error.code === ErrorCode.CONFLICT || error.code === ErrorCode.BAD_TRANSITION;
