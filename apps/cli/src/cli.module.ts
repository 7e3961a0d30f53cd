import { Module } from '@nestjs/common';
import { AgenciesModule } from '@jipp/agencies';
import { AnalyticsProjectionModule } from '@jipp/analytics';
import { AuthModule } from '@jipp/auth';
import { CoreConfigModule, DatabaseModule, RedisModule } from '@jipp/core';
import { InnovationsModule } from '@jipp/innovations';
import { RegionsModule } from '@jipp/regions';
import { ReplicationsModule } from '@jipp/replications';

@Module({
  imports: [
    CoreConfigModule.forRoot(),
    DatabaseModule,
    RedisModule,
    RegionsModule,
    AgenciesModule,
    AuthModule,
    InnovationsModule,
    ReplicationsModule,
    AnalyticsProjectionModule,
  ],
})
export class CliModule {}
