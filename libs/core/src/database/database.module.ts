import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { AuditLog } from '../audit/audit-log.entity';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { buildDataSourceOptions } from './database-options';

/** The primary data source; entities are registered by each lib with `TypeOrmModule.forFeature`. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({
          url: config.get('DATABASE_URL'),
          poolSize: config.get('DATABASE_POOL_SIZE'),
          logQueries: config.get('DATABASE_LOG_QUERIES'),
        }),
        autoLoadEntities: true,
      }),
    }),
    TypeOrmModule.forFeature([AuditLog, OutboxEvent]),
  ],
  exports: [TypeOrmModule],
})
export class DatabaseModule {}
