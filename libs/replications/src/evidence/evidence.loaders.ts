import type { LoaderFactory } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { ReplicationCheckin } from '../checkins/replication-checkin.entity';
import { DocumentsService } from '../documents/documents.service';
import type { ReplicationDocument } from '../documents/replication-document.entity';
import { ModificationsService } from '../modifications/modifications.service';
import type { ReplicationModification } from '../modifications/replication-modification.entity';
import { OutcomesService } from '../outcomes/outcomes.service';
import type { Outcome } from '../outcomes/replication-outcome.entity';

/** Modifications of replications, oldest first, batched per request. */
@Injectable()
export class ModificationsByReplicationLoader implements LoaderFactory<number, ReplicationModification[]> {
  constructor(private readonly modifications: ModificationsService) {}

  create(): DataLoader<number, ReplicationModification[]> {
    return new DataLoader(async (ids) => {
      const byReplication = await this.modifications.byReplicationIds(ids);
      return ids.map((id) => byReplication.get(id) ?? []);
    });
  }
}

/** Outcomes of replicas, oldest first, batched per request. */
@Injectable()
export class OutcomesByReplicationLoader implements LoaderFactory<number, Outcome[]> {
  constructor(private readonly outcomes: OutcomesService) {}

  create(): DataLoader<number, Outcome[]> {
    return new DataLoader(async (ids) => {
      const byReplication = await this.outcomes.byReplicationIds(ids);
      return ids.map((id) => byReplication.get(id) ?? []);
    });
  }
}

/** Documents of replications, oldest first, batched per request. */
@Injectable()
export class DocumentsByReplicationLoader implements LoaderFactory<number, ReplicationDocument[]> {
  constructor(private readonly documents: DocumentsService) {}

  create(): DataLoader<number, ReplicationDocument[]> {
    return new DataLoader(async (ids) => {
      const byReplication = await this.documents.byReplicationIds(ids);
      return ids.map((id) => byReplication.get(id) ?? []);
    });
  }
}

/** The check-ins that fell due for replications (6, 12, 24 months), batched per request. */
@Injectable()
export class CheckinsByReplicationLoader implements LoaderFactory<number, ReplicationCheckin[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(): DataLoader<number, ReplicationCheckin[]> {
    return new DataLoader(async (ids) => {
      const rows = await this.dataSource
        .getRepository(ReplicationCheckin)
        .createQueryBuilder('c')
        .where('c.replicationId IN (:...ids)', { ids: [...ids] })
        .orderBy('c.replicationId', 'ASC')
        .addOrderBy('c.months', 'ASC')
        .getMany();
      const byReplication = new Map<number, ReplicationCheckin[]>(ids.map((id) => [id, []]));
      for (const row of rows) byReplication.get(row.replicationId)?.push(row);
      return ids.map((id) => byReplication.get(id) ?? []);
    });
  }
}
