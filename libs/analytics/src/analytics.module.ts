import { AppConfig, buildDataSourceOptions } from '@jipp/core';
import { ReplicationsModule } from '@jipp/replications';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ANALYTICS_CONNECTION } from './analytics-connection';
import { ReplicationFeedPublisher } from './feed/replication-feed.publisher';
import { GapMapService } from './insights/gap-map.service';
import { HubActivityService } from './insights/hub-activity.service';
import { InnovationInsightsService } from './insights/innovation-insights.service';
import { LineageGraphService } from './insights/lineage-graph.service';
import { AnalyticsProjector } from './projector/analytics-projector.service';
import { AnalyticsRebuildService } from './rebuild/analytics-rebuild.service';
import { AppliedEvent } from './rollups/applied-event.entity';
import { HubWeek } from './rollups/hub-week.entity';
import { ReplicationFact } from './rollups/replication-fact.entity';
import { SpreadCell } from './rollups/spread-cell.entity';
import { SpreadDistinct } from './rollups/spread-distinct.entity';
import { SpreadMember } from './rollups/spread-member.entity';
import { SpreadTotal } from './rollups/spread-total.entity';
import { AnalyticsLabels } from './spread/analytics-labels';
import { SpreadQueryService } from './spread/spread-query.service';

export const ANALYTICS_ENTITIES = [
  ReplicationFact,
  SpreadCell,
  SpreadTotal,
  SpreadMember,
  SpreadDistinct,
  HubWeek,
  AppliedEvent,
];

const READERS = [
  SpreadQueryService,
  InnovationInsightsService,
  GapMapService,
  HubActivityService,
  LineageGraphService,
];

/**
 * The dashboards' questions, read from the analytics data source: ANALYTICS_DATABASE_URL (a read
 * replica) when set, else a small pool of its own on the primary.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      name: ANALYTICS_CONNECTION,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        buildDataSourceOptions({
          url: config.get('ANALYTICS_DATABASE_URL') ?? config.get('DATABASE_URL'),
          poolSize: config.get('ANALYTICS_DATABASE_POOL_SIZE'),
          logQueries: config.get('DATABASE_LOG_QUERIES'),
        }),
    }),
    TypeOrmModule.forFeature(ANALYTICS_ENTITIES),
    ReplicationsModule,
  ],
  providers: [...READERS, AnalyticsLabels],
  exports: READERS,
})
export class AnalyticsModule {}

/** Keeping the rollups: the projector (worker) and the rebuild (cli), writing to the primary. */
@Module({
  imports: [TypeOrmModule.forFeature(ANALYTICS_ENTITIES)],
  providers: [AnalyticsProjector, AnalyticsRebuildService, ReplicationFeedPublisher],
  exports: [AnalyticsProjector, AnalyticsRebuildService],
})
export class AnalyticsProjectionModule {}
