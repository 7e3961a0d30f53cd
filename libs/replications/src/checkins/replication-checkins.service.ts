import { appendOutbox, Clock, insertIgnore, runInTransaction } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Replication } from '../replications/replication.entity';
import { ReplicationEventType } from '../replications/replication-events';
import { REPLICATED_STATES } from '../state/replication-state';
import { dueCheckins, implementedNoLaterThan } from './checkin-schedule';
import { CHECKIN_MONTHS, ReplicationCheckin } from './replication-checkin.entity';

/** Replications read per query while scanning for due check-ins. */
export const CHECKIN_BATCH_SIZE = 200;

export interface CheckinRunResult {
  /** Implemented replications that could have a check-in outstanding. */
  scanned: number;
  /** Check-ins raised by this run (row + outbox event). */
  raised: number;
}

/**
 * Check-ins: 6, 12 and 24 calendar months after a replication was implemented, a check-in falls due:
 * a `replication_checkin` row and, in the same transaction, an outbox event asking the adopter to
 * update its outcomes. Idempotent by the row's key (replication, months): a second run raises nothing,
 * and a replication found late raises every check-in that is due, once each.
 */
@Injectable()
export class ReplicationCheckinsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async raiseDue(now: Date = this.clock.now()): Promise<CheckinRunResult> {
    const first = Math.min(...CHECKIN_MONTHS);
    const last = Math.max(...CHECKIN_MONTHS);
    const result: CheckinRunResult = { scanned: 0, raised: 0 };
    let afterId = 0;
    for (;;) {
      const batch = await this.dataSource
        .getRepository(Replication)
        .createQueryBuilder('r')
        .select(['r.id', 'r.innovationId', 'r.adopterAgencyId', 'r.implementedAt'])
        .where('r.status IN (:...replicated)', { replicated: REPLICATED_STATES })
        .andWhere('r.implementedAt <= :bound', { bound: implementedNoLaterThan(now, first) })
        // once the last check-in is raised there is nothing left to do for a replication
        .andWhere(
          'NOT EXISTS (SELECT 1 FROM replication_checkin c WHERE c.replication_id = r.id AND c.months = :last)',
          { last },
        )
        .andWhere('r.id > :afterId', { afterId })
        .orderBy('r.id', 'ASC')
        .limit(CHECKIN_BATCH_SIZE)
        .getMany();
      if (batch.length > 0) {
        const raised = await this.raisedMonths(batch.map((r) => r.id));
        for (const replication of batch) {
          result.scanned++;
          for (const checkin of dueCheckins(replication.implementedAt!, now)) {
            if (raised.get(replication.id)?.has(checkin.months)) continue;
            if (await this.raise(replication, checkin.months, checkin.dueAt, now)) result.raised++;
          }
        }
      }
      if (batch.length < CHECKIN_BATCH_SIZE) break;
      afterId = batch[batch.length - 1]!.id;
    }
    return result;
  }

  /** The check-ins raised so far for replications, oldest first. */
  async forReplications(ids: readonly number[]): Promise<ReplicationCheckin[]> {
    if (ids.length === 0) return [];
    return this.dataSource
      .getRepository(ReplicationCheckin)
      .createQueryBuilder('c')
      .where('c.replicationId IN (:...ids)', { ids })
      .orderBy('c.replicationId', 'ASC')
      .addOrderBy('c.months', 'ASC')
      .getMany();
  }

  private async raisedMonths(ids: number[]): Promise<Map<number, Set<number>>> {
    const byReplication = new Map<number, Set<number>>();
    for (const row of await this.forReplications(ids)) {
      const months = byReplication.get(row.replicationId) ?? new Set<number>();
      months.add(row.months);
      byReplication.set(row.replicationId, months);
    }
    return byReplication;
  }

  /** The row and its outbox event together; nothing when another run raised it first. */
  private raise(replication: Replication, months: number, dueAt: Date, now: Date): Promise<boolean> {
    return runInTransaction(this.dataSource, async (manager) => {
      const inserted = await insertIgnore(manager, ReplicationCheckin, {
        replicationId: replication.id,
        months,
        dueAt,
        raisedAt: now,
      });
      if (inserted !== 1) return false;
      await appendOutbox(manager, {
        type: ReplicationEventType.CHECKIN_DUE,
        aggregateType: 'replication',
        aggregateId: replication.id,
        actorUserId: null,
        payload: {
          replicationId: replication.id,
          innovationId: replication.innovationId,
          adopterAgencyId: replication.adopterAgencyId,
          months,
          dueAt: dueAt.toISOString(),
        },
      });
      return true;
    });
  }
}
