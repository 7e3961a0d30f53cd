import type { LoaderFactory } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { ReplicationEvent } from './events/replication-event.entity';
import type { Replication } from './replications/replication.entity';
import { ReplicationsService } from './replications/replications.service';

/** Replications by id, batched per request. */
@Injectable()
export class ReplicationByIdLoader implements LoaderFactory<number, Replication | null> {
  constructor(private readonly replications: ReplicationsService) {}

  create(): DataLoader<number, Replication | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.replications.findByIds(ids)).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

/** The history of replications, oldest first, batched per request. */
@Injectable()
export class EventsByReplicationLoader implements LoaderFactory<number, ReplicationEvent[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(): DataLoader<number, ReplicationEvent[]> {
    return new DataLoader(async (ids) => {
      const events = await this.dataSource
        .getRepository(ReplicationEvent)
        .createQueryBuilder('e')
        .where('e.replicationId IN (:...ids)', { ids })
        .orderBy('e.id', 'ASC')
        .getMany();
      const byReplication = new Map<number, ReplicationEvent[]>(ids.map((id) => [id, []]));
      for (const event of events) byReplication.get(event.replicationId)?.push(event);
      return ids.map((id) => byReplication.get(id) ?? []);
    });
  }
}
