import { AnalyticsModule, AnalyticsProjectionModule } from '@jipp/analytics';
import { AuthModule } from '@jipp/auth';
import { CoreConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisModule } from '@jipp/core';
import { InnovationsModule } from '@jipp/innovations';
import { ReplicationsModule } from '@jipp/replications';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

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
    AnalyticsModule,
    AnalyticsProjectionModule,
  ],
})
class AnalyticsTestModule {}

/** The analytics readers, projector and rebuild on the database DATABASE_URL names. */
export function startAnalytics(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AnalyticsTestModule, { logger: ['error'] });
}
