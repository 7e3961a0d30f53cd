import { AppError, type AuthUser, writeAudit } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Replication } from '../replications/replication.entity';
import { ReplicationRelations } from '../replications/replication-relations';
import { ReplicationRelation, type ReplicationStatus } from '../state/replication-state';

/**
 * What every write of a replication's evidence (modifications, outcomes, documents) does around its
 * own rows: lock the replication, check that the writer belongs to the adopter agency and that the
 * state allows it, and afterwards count the write as activity. It never changes the status or the
 * version: that is ReplicationsService's alone, and a client's version stays valid across evidence.
 */
@Injectable()
export class ReplicationEvidence {
  constructor(private readonly relations: ReplicationRelations) {}

  /**
   * The replication, locked for the rest of the transaction (so a step and an evidence write on the
   * same replication take turns), once the actor may write `what` on it in its current state.
   */
  async lockForWriting(
    manager: EntityManager,
    actor: AuthUser,
    replicationId: number,
    states: readonly ReplicationStatus[],
    what: string,
  ): Promise<Replication> {
    const replication = await manager
      .getRepository(Replication)
      .findOne({ where: { id: replicationId }, lock: { mode: 'pessimistic_write' } });
    if (!replication) throw AppError.notFound('Replication', replicationId);
    const relations = await this.relations.of(actor, replication, manager);
    if (!relations.has(ReplicationRelation.ADOPTER_MEMBER)) {
      throw AppError.forbidden(
        `Only users of the adopter agency record ${what} of replication ${replicationId}.`,
      );
    }
    if (!states.includes(replication.status)) {
      throw AppError.badTransition(
        `Replication ${replicationId} is ${replication.status}: ${what} are recorded while it is ${states.join(', ')}.`,
        replication.status,
        [],
      );
    }
    return replication;
  }

  /**
   * Evidence is activity: the escalation job must not stall a replication that is being worked on.
   * Moves `lastEventAt` to `now`; the version is set to itself, or TypeORM would add one to it.
   */
  async touch(manager: EntityManager, replicationId: number, now: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Replication)
      .set({ lastEventAt: now, version: () => 'version' })
      .where('id = :id', { id: replicationId })
      .execute();
  }

  /**
   * Adds one evidence row to a replication locked by `lockForWriting`: refuses past `max` rows, writes
   * the row and its audit entry, and counts it as activity. Returns the row as stored.
   */
  async addRow<T extends ObjectLiteral & { id: number }>(
    manager: EntityManager,
    add: {
      entity: EntityTarget<T>;
      row: DeepPartial<T> & { replicationId: number };
      max: number;
      /** Plural, for the messages: `documents`. */
      what: string;
      actor: AuthUser;
      auditAction: string;
      auditEntityType: string;
      now: Date;
    },
  ): Promise<T> {
    const repository = manager.getRepository(add.entity);
    const replicationId = add.row.replicationId;
    if ((await repository.countBy({ replicationId } as never)) >= add.max) {
      throw AppError.badInput(`Replication ${replicationId} already has ${add.max} ${add.what}.`, [
        { field: 'replicationId', message: `has the most ${add.what} allowed (${add.max})` },
      ]);
    }
    const row = repository.create(add.row);
    await repository.insert(row as never);
    const saved = await repository.findOneByOrFail({ id: row.id } as never);
    await writeAudit(manager, {
      actorUserId: add.actor.id,
      action: add.auditAction,
      entityType: add.auditEntityType,
      entityId: saved.id,
      after: saved,
    });
    await this.touch(manager, replicationId, add.now);
    return saved;
  }
}
