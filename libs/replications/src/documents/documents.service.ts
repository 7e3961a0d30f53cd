import { AppError, type AuthUser, Clock, runInTransaction, writeAudit } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { summarise } from '../evidence/evidence-rules';
import { ReplicationEvidence } from '../evidence/replication-evidence';
import { rowsByReplication } from '../evidence/rows-by-replication';
import { Replication } from '../replications/replication.entity';
import { DOCUMENT_STATES, type DocumentData, documentProblems, MAX_DOCUMENTS } from './document-rules';
import { ReplicationDocument } from './replication-document.entity';

/** Links to a replication's documents (agreement, approval, reports), kept by the adopter agency. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evidence: ReplicationEvidence,
    private readonly clock: Clock,
  ) {}

  /** The documents of each replication, oldest first. */
  byReplicationIds(ids: readonly number[]): Promise<Map<number, ReplicationDocument[]>> {
    return rowsByReplication(this.dataSource, ReplicationDocument, ids);
  }

  async add(actor: AuthUser, replicationId: number, data: DocumentData): Promise<ReplicationDocument> {
    const problems = documentProblems(data);
    if (problems.length) throw AppError.badInput(summarise(problems), problems);
    const now = this.clock.now();
    return runInTransaction(this.dataSource, async (manager) => {
      await this.evidence.lockForWriting(manager, actor, replicationId, DOCUMENT_STATES, 'documents');
      return this.evidence.addRow(manager, {
        entity: ReplicationDocument,
        row: {
          replicationId,
          kind: data.kind,
          title: data.title.trim(),
          url: data.url.trim(),
          createdByUserId: actor.id,
        },
        max: MAX_DOCUMENTS,
        what: 'documents',
        actor,
        auditAction: 'replication.document.add',
        auditEntityType: 'replication_document',
        now,
      });
    });
  }

  /** Removes a link (a wrong or dead one) while the replication is not closed; the audit row keeps it. */
  async remove(actor: AuthUser, id: number): Promise<Replication> {
    const now = this.clock.now();
    const replicationId = await runInTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(ReplicationDocument);
      const found = await repository.findOneBy({ id });
      if (!found) throw AppError.notFound('Document', id);
      await this.evidence.lockForWriting(manager, actor, found.replicationId, DOCUMENT_STATES, 'documents');
      const row = await repository.findOneBy({ id });
      if (!row) throw AppError.notFound('Document', id);
      await repository.delete({ id });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'replication.document.remove',
        entityType: 'replication_document',
        entityId: id,
        before: row,
      });
      await this.evidence.touch(manager, row.replicationId, now);
      return row.replicationId;
    });
    return this.dataSource.getRepository(Replication).findOneByOrFail({ id: replicationId });
  }
}
