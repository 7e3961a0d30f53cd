import { AppError, type AuthUser, Clock, runInTransaction, writeAudit } from '@jipp/core';
import { Innovation } from '@jipp/innovations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { latestIndonesianDay, summarise } from '../evidence/evidence-rules';
import { ReplicationEvidence } from '../evidence/replication-evidence';
import { rowsByReplication } from '../evidence/rows-by-replication';
import {
  MAX_OUTCOMES,
  OUTCOME_STATES,
  type OutcomeData,
  outcomeProblems,
  type OutcomeUpdateData,
  outcomeUpdateProblems,
} from './outcome-rules';
import { Outcome } from './replication-outcome.entity';

/**
 * Before/after indicators: a replica's (recorded by the adopter agency from approval on, updated at
 * each check-in) and the origin's own (recorded by the origin agency), so they compare side by side.
 */
@Injectable()
export class OutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evidence: ReplicationEvidence,
    private readonly clock: Clock,
  ) {}

  /** The outcomes of each replica, oldest first. */
  byReplicationIds(ids: readonly number[]): Promise<Map<number, Outcome[]>> {
    return rowsByReplication(this.dataSource, Outcome, ids);
  }

  async record(actor: AuthUser, data: OutcomeData): Promise<Outcome> {
    const now = this.clock.now();
    const problems = outcomeProblems(data, latestIndonesianDay(now));
    if (problems.length) throw AppError.badInput(summarise(problems), problems);
    return runInTransaction(this.dataSource, async (manager) => {
      let innovationId: number;
      const replicationId = data.replicationId ?? null;
      if (replicationId !== null) {
        const replication = await this.evidence.lockForWriting(
          manager,
          actor,
          replicationId,
          OUTCOME_STATES,
          'outcomes',
        );
        innovationId = replication.innovationId;
      } else {
        innovationId = (await this.originInnovation(manager, actor, data.innovationId!)).id;
      }
      const repository = manager.getRepository(Outcome);
      const count = await repository.countBy({ innovationId, replicationId: replicationId ?? IsNull() });
      if (count >= MAX_OUTCOMES) {
        throw AppError.badInput(`There are already ${MAX_OUTCOMES} outcomes here.`, [
          {
            field: replicationId !== null ? 'input.replicationId' : 'input.innovationId',
            message: `has the most outcomes allowed (${MAX_OUTCOMES})`,
          },
        ]);
      }
      const row = repository.create({
        innovationId,
        replicationId,
        indicator: data.indicator.trim(),
        unit: data.unit,
        baselineValue: data.baselineValue,
        baselineDate: data.baselineDate,
        latestValue: data.latestValue ?? null,
        latestDate: data.latestDate ?? null,
        source: data.source?.trim() || null,
        createdByUserId: actor.id,
      });
      await repository.insert(row);
      const saved = await repository.findOneByOrFail({ id: row.id });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'outcome.record',
        entityType: 'outcome',
        entityId: saved.id,
        after: saved,
      });
      if (replicationId !== null) await this.evidence.touch(manager, replicationId, now);
      return saved;
    });
  }

  /** The check-in: the latest figure and its day, on or after the baseline and not in the future. */
  async update(actor: AuthUser, id: number, data: OutcomeUpdateData): Promise<Outcome> {
    const now = this.clock.now();
    return runInTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(Outcome);
      const found = await repository.findOneBy({ id });
      if (!found) throw AppError.notFound('Outcome', id);
      if (found.replicationId !== null) {
        await this.evidence.lockForWriting(manager, actor, found.replicationId, OUTCOME_STATES, 'outcomes');
      } else {
        await this.originInnovation(manager, actor, found.innovationId);
      }
      const before = await repository.findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const problems = outcomeUpdateProblems(before, data, latestIndonesianDay(now));
      if (problems.length) throw AppError.badInput(summarise(problems), problems);
      const changes: Partial<Outcome> = { latestValue: data.latestValue, latestDate: data.latestDate };
      if (data.source !== undefined) changes.source = data.source?.trim() || null;
      await repository.update({ id }, changes);
      const after = await repository.findOneByOrFail({ id });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'outcome.update',
        entityType: 'outcome',
        entityId: id,
        before,
        after,
      });
      if (before.replicationId !== null) await this.evidence.touch(manager, before.replicationId, now);
      return after;
    });
  }

  /** The innovation, when the actor belongs to its origin agency (whose own outcomes these are). */
  private async originInnovation(
    manager: EntityManager,
    actor: AuthUser,
    innovationId: number,
  ): Promise<Innovation> {
    const innovation = await manager.getRepository(Innovation).findOneBy({ id: innovationId });
    if (!innovation) throw AppError.notFound('Innovation', innovationId);
    if (innovation.originAgencyId !== actor.agencyId) {
      throw AppError.forbidden(
        `Only users of the origin agency record the outcomes of innovation ${innovationId}.`,
      );
    }
    return innovation;
  }
}
