import { AgenciesModule } from '@jipp/agencies';
import { AuthModule } from '@jipp/auth';
import { InnovationsModule } from '@jipp/innovations';
import { Clock } from '@jipp/core';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReplicationCheckin } from './checkins/replication-checkin.entity';
import { ReplicationCheckinsService } from './checkins/replication-checkins.service';
import { ReplicationDocument } from './documents/replication-document.entity';
import { ReplicationEscalationService } from './escalation/replication-escalation.service';
import { ReplicationEvent } from './events/replication-event.entity';
import { ReplicationModification } from './modifications/replication-modification.entity';
import { Outcome } from './outcomes/replication-outcome.entity';
import { ReplicationDemoSeeder } from './demo/replication-demo.seeder';
import { LineageService } from './lineage/lineage.service';
import { EventsByReplicationLoader, ReplicationByIdLoader } from './replication.loaders';
import { Replication } from './replications/replication.entity';
import { ReplicationRelations } from './replications/replication-relations';
import { ReplicationsService } from './replications/replications.service';
import { DocumentsService } from './documents/documents.service';
import {
  CheckinsByReplicationLoader,
  DocumentsByReplicationLoader,
  ModificationsByReplicationLoader,
  OutcomesByReplicationLoader,
} from './evidence/evidence.loaders';
import { ReplicationEvidence } from './evidence/replication-evidence';
import { ModificationsService } from './modifications/modifications.service';
import { OutcomesService } from './outcomes/outcomes.service';

const SERVICES = [
  Clock,
  ReplicationRelations,
  ReplicationsService,
  ReplicationByIdLoader,
  EventsByReplicationLoader,
  LineageService,
  ReplicationDemoSeeder,
  ReplicationEvidence,
  ModificationsService,
  OutcomesService,
  DocumentsService,
  ModificationsByReplicationLoader,
  OutcomesByReplicationLoader,
  DocumentsByReplicationLoader,
  CheckinsByReplicationLoader,
  ReplicationEscalationService,
  ReplicationCheckinsService,
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
