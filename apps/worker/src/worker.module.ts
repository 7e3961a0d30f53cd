import { Module } from '@nestjs/common';
import { AuthModule } from '@jipp/auth';
import { CoreConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisModule } from '@jipp/core';
import { InnovationsModule } from '@jipp/innovations';
import { CatalogueSchedule } from './catalogue/catalogue.schedule';
import { ViewFlushProcessor } from './catalogue/view-flush.processor';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { MaintenanceSchedule } from './maintenance/maintenance.schedule';

@Module({
  imports: [
    CoreConfigModule.forRoot(),
    LoggingModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    AuthModule,
    InnovationsModule,
  ],
  providers: [MaintenanceProcessor, MaintenanceSchedule, ViewFlushProcessor, CatalogueSchedule],
})
export class WorkerModule {}
