import { Module } from '@nestjs/common';
import { AuthModule } from '@jipp/auth';
import { CoreConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisModule } from '@jipp/core';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { MaintenanceSchedule } from './maintenance/maintenance.schedule';

@Module({
  imports: [CoreConfigModule.forRoot(), LoggingModule, DatabaseModule, RedisModule, QueueModule, AuthModule],
  providers: [MaintenanceProcessor, MaintenanceSchedule],
})
export class WorkerModule {}
