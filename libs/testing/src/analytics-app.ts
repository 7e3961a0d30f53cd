import { AnalyticsModule, AnalyticsProjectionModule } from '@jipp/analytics';
import { AuthModule } from '@jipp/auth';
import { CoreConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisModule } from '@jipp/core';
import { InnovationsModule } from '@jipp/innovations';
import { ReplicationsModule } from '@jipp/replications';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Module({})
class AnalyticsTestModule {}

/**
 * The analytics readers, projector and rebuild on the database DATABASE_URL names when called: the
 * configuration module is made here, not when this file is imported, so a test may point
 * DATABASE_URL at a database of its own first.
 */
export function startAnalytics(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    {
      module: AnalyticsTestModule,
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
    },
    { logger: ['error'] },
  );
}
