import { AgenciesModule } from '@jipp/agencies';
import { AuthModule } from '@jipp/auth';
import { InnovationsModule } from '@jipp/innovations';
import { Clock } from '@jipp/core';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReplicationCheckin } from './checkins/replication-checkin.entity';
import { ReplicationDocument } from './documents/replication-document.entity';
import { ReplicationEvent } from './events/replication-event.entity';
import { ReplicationModification } from './modifications/replication-modification.entity';
import { Outcome } from './outcomes/replication-outcome.entity';
import { EventsByReplicationLoader, ReplicationByIdLoader } from './replication.loaders';
import { Replication } from './replications/replication.entity';
import { ReplicationRelations } from './replications/replication-relations';
import { ReplicationsService } from './replications/replications.service';

const SERVICES = [
  Clock,
  ReplicationRelations,
  ReplicationsService,
  ReplicationByIdLoader,
  EventsByReplicationLoader,
];

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Replication,
      ReplicationEvent,
      ReplicationModification,
      Outcome,
      ReplicationDocument,
      ReplicationCheckin,
    ]),
    AgenciesModule,
    AuthModule,
    InnovationsModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class ReplicationsModule {}
