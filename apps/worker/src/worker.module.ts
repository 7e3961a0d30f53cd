import { AnalyticsProjectionModule } from '@jipp/analytics';
import { Module } from '@nestjs/common';
import { AuthModule } from '@jipp/auth';
import { CoreConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisModule } from '@jipp/core';
import { InnovationsModule } from '@jipp/innovations';
import { ReplicationsModule } from '@jipp/replications';
import { AnalyticsProcessor } from './analytics/analytics.processor';
import { CatalogueSchedule } from './catalogue/catalogue.schedule';
import { ViewFlushProcessor } from './catalogue/view-flush.processor';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { MaintenanceSchedule } from './maintenance/maintenance.schedule';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { NotificationsSchedule } from './notifications/notifications.schedule';
import { ReplicationJobsProcessor } from './replications/replication-jobs.processor';
import { ReplicationsSchedule } from './replications/replications.schedule';

@Module({
  imports: [
    CoreConfigModule.forRoot(),
    LoggingModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    AuthModule,
    InnovationsModule,
    ReplicationsModule,
    NotificationsWorkerModule,
    AnalyticsProjectionModule,
  ],
  providers: [
    MaintenanceProcessor,
    MaintenanceSchedule,
    ViewFlushProcessor,
    CatalogueSchedule,
    ReplicationJobsProcessor,
    ReplicationsSchedule,
    NotificationsSchedule,
    AnalyticsProcessor,
  ],
})
export class WorkerModule {}
