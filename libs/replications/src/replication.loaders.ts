import type { LoaderFactory } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { ReplicationEvent } from './events/replication-event.entity';
import { rowsByReplication } from './evidence/rows-by-replication';
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
      const byReplication = await rowsByReplication(this.dataSource, ReplicationEvent, ids);
      return ids.map((id) => byReplication.get(id) ?? []);
    });
  }
}
