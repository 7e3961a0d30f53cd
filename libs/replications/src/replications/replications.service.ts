import { AgenciesService } from '@jipp/agencies';
import {
  AppError,
  appendOutbox,
  type AuthUser,
  Clock,
  type Connection,
  paginate,
  runInTransaction,
  writeAudit,
} from '@jipp/core';
import { Innovation, InnovationStatus, jakartaDay } from '@jipp/innovations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ReplicationCheckin } from '../checkins/replication-checkin.entity';
import { ReplicationEvent } from '../events/replication-event.entity';
import { ReplicationModification } from '../modifications/replication-modification.entity';
import { Outcome } from '../outcomes/replication-outcome.entity';
import {
  ACTIVE_STATES,
  AGREED_STATES,
  decideTransition,
  REPLICATED_STATES,
  ReplicationAction,
  ReplicationRelation,
  ReplicationStatus,
} from '../state/replication-state';
import { isoDayProblem, latestIndonesianDay } from '../evidence/evidence-rules';
import { ReplicationEventType } from './replication-events';
import { ReplicationRelations } from './replication-relations';
import { Replication } from './replication.entity';

export interface RequestReplicationData {
  innovationId: number;
  note: string;
  facilitatorAgencyId?: number | null;
  sourceReplicationId?: number | null;
}

/** What a step may carry: a note, an evidence link, and what some steps require. */
export interface TransitionData {
  note?: string | null;
  evidenceUrl?: string | null;
  /** IMPLEMENT: the day it went live (YYYY-MM-DD). */
  implementationDate?: string | null;
  /** START_MODIFYING without recorded modifications: why nothing was changed. */
  noModificationNote?: string | null;
  /**
   * For the escalation job: stall only if nothing happened since this moment (evidence recorded after
   * the job's scan moves `lastEventAt` without changing the version).
   */
  idleSince?: Date;
}

export interface ReplicationFilter {
  innovationId?: number;
  adopterAgencyId?: number;
  originAgencyId?: number;
  provinceCode?: string;
  hubId?: number;
  statuses?: ReplicationStatus[];
  /** Year of the request. */
  year?: number;
}

/** Who takes a step: a user, or the platform itself (escalation). */
export type ReplicationActor = AuthUser | 'SYSTEM';

/** The column that records when each state was entered. */
const ENTERED_AT: Partial<Record<ReplicationStatus, keyof Replication>> = {
  [ReplicationStatus.APPROVED]: 'approvedAt',
  [ReplicationStatus.OBSERVING]: 'observingAt',
  [ReplicationStatus.IMITATING]: 'imitatingAt',
  [ReplicationStatus.MODIFYING]: 'modifyingAt',
  [ReplicationStatus.IMPLEMENTED]: 'implementedAt',
  [ReplicationStatus.SUSTAINED]: 'sustainedAt',
  [ReplicationStatus.STALLED]: 'stalledAt',
  [ReplicationStatus.REJECTED]: 'closedAt',
  [ReplicationStatus.WITHDRAWN]: 'closedAt',
};

const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * The only place that changes a replication's status. Every step, in one transaction: the versioned
 * status update, the event row, the audit row, the innovation's funnel counters and an outbox event.
 */
@Injectable()
export class ReplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly relations: ReplicationRelations,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- reading

  async get(id: number): Promise<Replication> {
    const replication = await this.dataSource.getRepository(Replication).findOneBy({ id });
    if (!replication) throw AppError.notFound('Replication', id);
    return replication;
  }

  findByIds(ids: readonly number[]): Promise<Replication[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(Replication)
      .createQueryBuilder('r')
      .whereInIds([...ids])
      .getMany();
  }

  async list(
    filter: ReplicationFilter,
    page: { first: number; after?: string; withTotalCount?: boolean },
  ): Promise<Connection<Replication>> {
    const query = this.dataSource.getRepository(Replication).createQueryBuilder('r');
    if (filter.innovationId !== undefined)
      query.andWhere('r.innovationId = :innovationId', { innovationId: filter.innovationId });
    if (filter.adopterAgencyId !== undefined) {
      query.andWhere('r.adopterAgencyId = :adopterAgencyId', { adopterAgencyId: filter.adopterAgencyId });
    }
    if (filter.originAgencyId !== undefined) {
      query.andWhere('r.originAgencyId = :originAgencyId', { originAgencyId: filter.originAgencyId });
    }
    if (filter.provinceCode)
      query.andWhere('r.adopterProvinceCode = :provinceCode', { provinceCode: filter.provinceCode });
    if (filter.statuses?.length) query.andWhere('r.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.year !== undefined) {
      query.andWhere('r.requestedAt >= :yearStart AND r.requestedAt < :yearEnd', {
        yearStart: `${filter.year}-01-01`,
        yearEnd: `${filter.year + 1}-01-01`,
      });
    }
    if (filter.hubId !== undefined) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM network_member m WHERE m.network_id = :hubId AND m.agency_id = r.adopter_agency_id)',
        { hubId: filter.hubId },
      );
    }
    return paginate(query, {
      ...page,
      orderBy: [{ column: 'r.id', direction: 'DESC', value: (r) => r.id }],
    });
  }

  /** The steps the user may take now (what a client offers as buttons). */
  async availableActions(actor: AuthUser, replication: Replication): Promise<ReplicationAction[]> {
    const relations = await this.relations.of(actor, replication);
    return (Object.values(ReplicationAction) as ReplicationAction[]).filter(
      (action) => decideTransition(replication.status, action, relations, replication.stalledFrom).ok,
    );
  }

  // ---------------------------------------------------------------- requesting

  /** An agency asks to replicate a published innovation of another agency. */
  async request(actor: AuthUser, data: RequestReplicationData): Promise<Replication> {
    const adopter = await this.agencies.get(actor.agencyId);
    if (!adopter.active) throw AppError.forbidden(`${adopter.name} is deactivated.`);
    if (data.facilitatorAgencyId != null) {
      const facilitator = await this.agencies.require(data.facilitatorAgencyId, 'input.facilitatorAgencyId');
      if (!facilitator.active || facilitator.id === adopter.id) {
        throw AppError.badInput('The facilitator must be another, active agency.', [
          { field: 'input.facilitatorAgencyId', message: 'is the adopter itself or deactivated' },
        ]);
      }
    }
    const now = this.clock.now();
    const id = await runInTransaction(this.dataSource, async (manager) => {
      // the innovation row lock serialises requests for it: the one-active rule holds under races
      const innovation = await manager
        .getRepository(Innovation)
        .findOne({ where: { id: data.innovationId }, lock: { mode: 'pessimistic_write' } });
      if (!innovation || innovation.status !== InnovationStatus.PUBLISHED) {
        throw AppError.badInput(`Innovation ${data.innovationId} is not in the published catalogue.`, [
          { field: 'input.innovationId', message: 'is not a published innovation' },
        ]);
      }
      if (innovation.originAgencyId === adopter.id) {
        throw AppError.badInput('An agency does not replicate its own innovation.', [
          { field: 'input.innovationId', message: 'belongs to your own agency' },
        ]);
      }
      if (data.sourceReplicationId != null)
        await this.checkSource(manager, data.sourceReplicationId, innovation.id, adopter.id);
      const active = await manager
        .getRepository(Replication)
        .createQueryBuilder('r')
        .where('r.innovationId = :innovationId AND r.adopterAgencyId = :adopterId', {
          innovationId: innovation.id,
          adopterId: adopter.id,
        })
        .andWhere('r.status IN (:...active)', { active: ACTIVE_STATES })
        .getOne();
      if (active) {
        throw AppError.conflict(
          `${adopter.name} already has replication ${active.id} of this innovation (${active.status}).`,
          { replicationId: active.id },
        );
      }
      const replication = manager.getRepository(Replication).create({
        innovationId: innovation.id,
        originAgencyId: innovation.originAgencyId,
        adopterAgencyId: adopter.id,
        adopterRegionCode: adopter.regionCode,
        adopterProvinceCode: adopter.provinceCode,
        facilitatorAgencyId: data.facilitatorAgencyId ?? null,
        sourceReplicationId: data.sourceReplicationId ?? null,
        status: ReplicationStatus.REQUESTED,
        requestNote: data.note,
        requestedAt: now,
        lastEventAt: now,
        requestedByUserId: actor.id,
      });
      await manager.getRepository(Replication).insert(replication);
      await this.recordStep(manager, {
        replication,
        actorUserId: actor.id,
        action: null,
        from: null,
        note: data.note,
        evidenceUrl: null,
        at: now,
        outboxType: ReplicationEventType.REQUESTED,
        before: null,
      });
      return replication.id;
    });
    return this.get(id);
  }

  /** A source replication is one of the same innovation, already implemented, by another agency. */
  private async checkSource(
    manager: EntityManager,
    sourceId: number,
    innovationId: number,
    adopterId: number,
  ) {
    const source = await manager.getRepository(Replication).findOneBy({ id: sourceId });
    const problem = !source
      ? 'is not a replication'
      : source.innovationId !== innovationId
        ? 'is a replication of another innovation'
        : source.adopterAgencyId === adopterId
          ? 'is your own agency’s replication'
          : !REPLICATED_STATES.includes(source.status)
            ? 'is not implemented yet'
            : null;
    if (problem) {
      throw AppError.badInput(`Replication ${sourceId} cannot be the source: it ${problem}.`, [
        { field: 'input.sourceReplicationId', message: problem },
      ]);
    }
  }

  // ---------------------------------------------------------------- stepping

  async transition(
    actor: ReplicationActor,
    id: number,
    expectedVersion: number,
    action: ReplicationAction,
    data: TransitionData = {},
  ): Promise<Replication> {
    const now = this.clock.now();
    await runInTransaction(this.dataSource, async (manager) => {
      // the row lock makes steps and evidence writes on one replication take turns, so the evidence a
      // step requires cannot be removed between the check and the update
      const before = await manager
        .getRepository(Replication)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw AppError.notFound('Replication', id);
      // a stale version is a CONFLICT whatever happened since: of many racing steps one wins
      if (before.version !== expectedVersion) {
        throw AppError.conflict(
          `Replication ${id} was changed by someone else (your version ${expectedVersion}, current ${before.version}). Reload it and try again.`,
          { currentVersion: before.version },
        );
      }
      if (data.idleSince && before.lastEventAt >= data.idleSince) {
        throw AppError.conflict(`Replication ${id} had activity since ${data.idleSince.toISOString()}.`);
      }
      const relations =
        actor === 'SYSTEM'
          ? new Set([ReplicationRelation.SYSTEM])
          : await this.relations.of(actor, before, manager);
      const decision = decideTransition(before.status, action, relations, before.stalledFrom);
      if (!decision.ok) {
        if (decision.reason === 'BAD_TRANSITION') {
          throw AppError.badTransition(
            `Replication ${id} is ${before.status}: ${action} is not a step from there${
              decision.allowed.length ? ` (allowed: ${decision.allowed.join(', ')})` : ' (it is closed)'
            }.`,
            before.status,
            decision.allowed,
          );
        }
        throw AppError.forbidden(
          `${action} is for: ${decision.allowedBy.join(', ').toLowerCase().replace(/_/g, ' ')}.`,
        );
      }
      const changes = await this.requirementsOf(manager, before, action, data, now);
      changes.status = decision.to;
      changes.lastEventAt = now;
      const enteredAt = ENTERED_AT[decision.to];
      if (enteredAt) (changes as Record<string, unknown>)[enteredAt] = now;
      if (decision.to === ReplicationStatus.STALLED) changes.stalledFrom = before.status;
      else if (before.status === ReplicationStatus.STALLED) changes.stalledFrom = null;

      const result = await manager
        .createQueryBuilder()
        .update(Replication)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: expectedVersion })
        .execute();
      if (result.affected !== 1) {
        throw AppError.conflict(`Replication ${id} was changed by someone else. Reload it and try again.`);
      }
      const after = await manager.getRepository(Replication).findOneByOrFail({ id });
      await this.recordStep(manager, {
        replication: after,
        actorUserId: actor === 'SYSTEM' ? null : actor.id,
        action,
        from: before.status,
        note: data.note ?? null,
        evidenceUrl: data.evidenceUrl ?? null,
        at: now,
        outboxType: ReplicationEventType.TRANSITIONED,
        before,
      });
    });
    return this.get(id);
  }

  /** The evidence some steps need; returns the columns the step sets besides the status. */
  private async requirementsOf(
    manager: EntityManager,
    replication: Replication,
    action: ReplicationAction,
    data: TransitionData,
    now: Date,
  ): Promise<Partial<Replication>> {
    const refuse = (field: string, message: string): never => {
      throw AppError.badInput(`${action} needs ${message}.`, [{ field, message }]);
    };
    switch (action) {
      case ReplicationAction.REJECT: {
        if (!data.note?.trim()) refuse('input.note', 'a reason');
        return { rejectionReason: data.note!.trim() };
      }
      case ReplicationAction.START_MODIFYING: {
        const modifications = await manager
          .getRepository(ReplicationModification)
          .countBy({ replicationId: replication.id });
        const note = data.noModificationNote?.trim();
        if (modifications === 0 && !note) {
          refuse(
            'input.noModificationNote',
            'at least one recorded modification, or a note saying why nothing was changed',
          );
        }
        return note ? { noModificationNote: note } : {};
      }
      case ReplicationAction.IMPLEMENT: {
        const date = data.implementationDate;
        if (!date || isoDayProblem(date))
          refuse('input.implementationDate', 'an implementation date (YYYY-MM-DD)');
        // "today" anywhere in Indonesia (up to UTC+9) is not the future
        if (date! > latestIndonesianDay(now))
          refuse('input.implementationDate', 'a date that is not in the future');
        if (date! < replication.requestedAt.toISOString().slice(0, 10)) {
          refuse('input.implementationDate', 'a date on or after the request');
        }
        const outcomes = await manager.getRepository(Outcome).countBy({ replicationId: replication.id });
        if (outcomes === 0)
          refuse('input.outcomes', 'at least one outcome with its baseline, recorded first');
        return { implementationDate: date! };
      }
      case ReplicationAction.SUSTAIN: {
        const checkin = await manager
          .getRepository(ReplicationCheckin)
          .findOneBy({ replicationId: replication.id, months: 12 });
        if (!checkin) refuse('input.action', 'the 12-month check-in to have fallen due');
        // check-ins fall due on the Jakarta calendar
        const dueDay = jakartaDay(checkin!.dueAt);
        const updated: unknown[] = await manager.query(
          'SELECT 1 FROM outcome WHERE replication_id = ? AND latest_date >= ? LIMIT 1',
          [replication.id, dueDay],
        );
        if (updated.length === 0) refuse('input.action', 'outcomes updated at the 12-month check-in');
        return {};
      }
      default:
        return {};
    }
  }

  /** The event, the audit row, the funnel counters and the outbox event of one step. */
  private async recordStep(
    manager: EntityManager,
    step: {
      replication: Replication;
      actorUserId: number | null;
      action: ReplicationAction | null;
      from: ReplicationStatus | null;
      note: string | null;
      evidenceUrl: string | null;
      at: Date;
      outboxType: string;
      before: Replication | null;
    },
  ): Promise<void> {
    const { replication } = step;
    const event = manager.getRepository(ReplicationEvent).create({
      replicationId: replication.id,
      actorUserId: step.actorUserId,
      action: step.action,
      fromStatus: step.from,
      toStatus: replication.status,
      note: step.note,
      evidenceUrl: step.evidenceUrl,
      occurredAt: step.at,
    });
    await manager.getRepository(ReplicationEvent).insert(event);
    await writeAudit(manager, {
      actorUserId: step.actorUserId,
      action: step.action ? `replication.${step.action.toLowerCase()}` : 'replication.request',
      entityType: 'replication',
      entityId: replication.id,
      before: step.before,
      after: replication,
    });
    await this.refreshFunnel(manager, replication.innovationId);
    await appendOutbox(manager, {
      type: step.outboxType,
      aggregateType: 'replication',
      aggregateId: replication.id,
      actorUserId: step.actorUserId,
      payload: {
        replicationId: replication.id,
        eventId: event.id,
        innovationId: replication.innovationId,
        originAgencyId: replication.originAgencyId,
        adopterAgencyId: replication.adopterAgencyId,
        adopterProvinceCode: replication.adopterProvinceCode,
        action: step.action,
        from: step.from,
        to: replication.status,
      },
    });
  }

  /** Recounts the innovation's funnel from the replications themselves: always right, never drifts. */
  private async refreshFunnel(manager: EntityManager, innovationId: number): Promise<void> {
    await manager.query(
      `UPDATE innovation SET
         agreed_count = (SELECT COUNT(*) FROM replication WHERE innovation_id = ? AND status IN (${sqlList(AGREED_STATES)})),
         replicated_count = (SELECT COUNT(*) FROM replication WHERE innovation_id = ? AND status IN (${sqlList(REPLICATED_STATES)})),
         provinces_reached = (SELECT COUNT(DISTINCT adopter_province_code) FROM replication
                               WHERE innovation_id = ? AND status IN (${sqlList(REPLICATED_STATES)})),
         updated_at = updated_at
       WHERE id = ?`,
      [innovationId, innovationId, innovationId, innovationId],
    );
  }
}
