import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { AgenciesModule } from '@jipp/agencies';
import { AnalyticsModule } from '@jipp/analytics';
import { AccessGuard, AuthModule } from '@jipp/auth';
import { CoreConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisModule } from '@jipp/core';
import { InnovationsModule } from '@jipp/innovations';
import { NotificationsModule } from '@jipp/notifications';
import { ForumModule } from '@jipp/forum';
import { RegionsModule } from '@jipp/regions';
import { ReplicationsModule } from '@jipp/replications';
import { AgenciesResolver } from './agencies/agencies.resolver';
import { AccessRevocationFollower } from './auth/access-revocation.follower';
import { AuthResolver } from './auth/auth.resolver';
import { AppErrorFilter } from './graphql/app-error.filter';
import { GraphqlOptionsFactory } from './graphql/graphql-options.factory';
import { PlainFieldResolversModule } from './graphql/plain-field-resolvers.module';
import { InputValidationPipe } from './graphql/input-validation.pipe';
import { InnovationTransferResolver } from './innovations/innovation-transfer.resolver';
import { InnovationsResolver } from './innovations/innovations.resolver';
import { LineageResolver } from './replications/lineage.resolver';
import { ReplicationsResolver } from './replications/replications.resolver';
import { ReplicationEvidenceResolver } from './replications/replication-evidence.resolver';
import { ForumGateway } from './forum/forum.gateway';
import { PostsResolver, ThreadsResolver } from './forum/forum.resolver';
import { MODERATION_RESOLVERS } from './forum/moderation.resolver';
import { SocketForumPublisher } from './forum/socket-forum.publisher';
import { HealthController } from './health/health.controller';
import { RedisHealthIndicator } from './health/redis.health';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsModule } from './metrics/metrics.module';
import { AnalyticsResolver } from './analytics/analytics.resolver';
import { DashboardAccess } from './analytics/dashboard-access';
import { ReplicationFeedGateway } from './analytics/replication-feed.gateway';
import { NetworksResolver } from './networks/networks.resolver';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { NotificationPushGateway } from './notifications/notification-push.gateway';
import { NotificationsResolver } from './notifications/notifications.resolver';
import {
  AgencyWatchResolver,
  HubPublishAlertsResolver,
  ReplicationWatchResolver,
  ThreadWatchResolver,
} from './notifications/watches.resolver';
import { RegionsResolver } from './regions/regions.resolver';
import { UsersResolver } from './users/users.resolver';

@Module({
  imports: [
    CoreConfigModule.forRoot(),
    LoggingModule,
    DatabaseModule,
    RedisModule,
    // the queue board (apps/api/src/admin) shows every queue
    QueueModule,
    MetricsModule,
    TerminusModule,
    RegionsModule,
    AgenciesModule,
    AuthModule,
    InnovationsModule,
    ReplicationsModule,
    // the forum's services publish through the socket.io gateway (see SocketForumPublisher)
    ForumModule.forRoot({ publisher: SocketForumPublisher, providers: [ForumGateway] }),
    NotificationsModule,
    AnalyticsModule,
    PlainFieldResolversModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [MetricsModule, RateLimitsModule, PlainFieldResolversModule],
      useClass: GraphqlOptionsFactory,
    }),
  ],
  controllers: [HealthController, MetricsController],
  providers: [
    RedisHealthIndicator,
    RegionsResolver,
    AgenciesResolver,
    NetworksResolver,
    AuthResolver,
    AccessRevocationFollower,
    UsersResolver,
    InnovationsResolver,
    ReplicationsResolver,
    ThreadsResolver,
    PostsResolver,
    ...MODERATION_RESOLVERS,
    LineageResolver,
    ReplicationEvidenceResolver,
    InnovationTransferResolver,
    NotificationsResolver,
    ReplicationWatchResolver,
    ThreadWatchResolver,
    AgencyWatchResolver,
    HubPublishAlertsResolver,
    NotificationPushGateway,
    AnalyticsResolver,
    DashboardAccess,
    ReplicationFeedGateway,
    { provide: APP_GUARD, useExisting: AccessGuard },
    { provide: APP_FILTER, useClass: AppErrorFilter },
    {
      provide: APP_PIPE,
      useValue: new InputValidationPipe(),
    },
  ],
})
export class ApiModule {}
