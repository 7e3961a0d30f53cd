import { AppError, type AuthUser, Clock, runInTransaction, writeAudit } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { summarise } from '../evidence/evidence-rules';
import { ReplicationEvidence } from '../evidence/replication-evidence';
import { rowsByReplication } from '../evidence/rows-by-replication';
import { Replication } from '../replications/replication.entity';
import {
  MAX_MODIFICATIONS,
  MODIFICATION_STATES,
  type ModificationData,
  modificationProblems,
  modificationRemovalProblem,
} from './modification-rules';
import { ReplicationModification } from './replication-modification.entity';

/** What the adopter changed and why (the M of ATM): recorded while it works on the replication. */
@Injectable()
export class ModificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evidence: ReplicationEvidence,
    private readonly clock: Clock,
  ) {}

  /** The modifications of each replication, oldest first. */
  byReplicationIds(ids: readonly number[]): Promise<Map<number, ReplicationModification[]>> {
    return rowsByReplication(this.dataSource, ReplicationModification, ids);
  }

  /** A user of the adopter agency records one modification. */
  async add(
    actor: AuthUser,
    replicationId: number,
    data: ModificationData,
  ): Promise<ReplicationModification> {
    const problems = modificationProblems(data);
    if (problems.length) throw AppError.badInput(summarise(problems), problems);
    const now = this.clock.now();
    return runInTransaction(this.dataSource, async (manager) => {
      await this.evidence.lockForWriting(manager, actor, replicationId, MODIFICATION_STATES, 'modifications');
      return this.evidence.addRow(manager, {
        entity: ReplicationModification,
        row: {
          replicationId,
          aspect: data.aspect,
          whatChanged: data.whatChanged.trim(),
          why: data.why.trim(),
          createdByUserId: actor.id,
        },
        max: MAX_MODIFICATIONS,
        what: 'modifications',
        actor,
        auditAction: 'replication.modification.add',
        auditEntityType: 'replication_modification',
        now,
      });
    });
  }

  /**
   * Takes back a modification entered by mistake, while the replication is still being worked on;
   * after that it is part of the record. The audit row keeps what was removed.
   */
  async remove(actor: AuthUser, id: number): Promise<Replication> {
    const now = this.clock.now();
    const replicationId = await runInTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(ReplicationModification);
      const found = await repository.findOneBy({ id });
      if (!found) throw AppError.notFound('Modification', id);
      const replication = await this.evidence.lockForWriting(
        manager,
        actor,
        found.replicationId,
        MODIFICATION_STATES,
        'modifications',
      );
      // read again under the replication's lock: a concurrent removal may have taken it
      const row = await repository.findOneBy({ id });
      if (!row) throw AppError.notFound('Modification', id);
      const remaining = (await repository.countBy({ replicationId: row.replicationId })) - 1;
      const problem = modificationRemovalProblem({ ...replication, remaining });
      if (problem) throw AppError.conflict(`Modification ${id} cannot be removed: ${problem}.`);
      await repository.delete({ id });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'replication.modification.remove',
        entityType: 'replication_modification',
        entityId: id,
        before: row,
      });
      await this.evidence.touch(manager, row.replicationId, now);
      return row.replicationId;
    });
    return this.dataSource.getRepository(Replication).findOneByOrFail({ id: replicationId });
  }
}
