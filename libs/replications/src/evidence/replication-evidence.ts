import { AppError, type AuthUser } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
}
