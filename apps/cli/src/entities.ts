import { Agency, Network, NetworkMember } from '@jipp/agencies';
import { ANALYTICS_ENTITIES } from '@jipp/analytics';
import { Invitation, NetworkCoordinator, RefreshToken, User } from '@jipp/auth';
import { AuditLog, buildDataSourceOptions, OutboxEvent } from '@jipp/core';
import {
  Innovation,
  InnovationAward,
  InnovationCategory,
  InnovationViewDay,
  InnovationWatch,
  ViewFlushBatch,
} from '@jipp/innovations';
import { HubMute, ModerationAction, Post, PostFlag, PostMention, Thread } from '@jipp/forum';
import {
  AgencyWatch,
  HubPublishAlertsSetting,
  Notification,
  NotificationDigest,
  NotificationPreference,
  ReplicationWatch,
  ThreadWatch,
} from '@jipp/notifications';
import { Region } from '@jipp/regions';
import {
  Outcome,
  Replication,
  ReplicationCheckin,
  ReplicationDocument,
  ReplicationEvent,
  ReplicationModification,
} from '@jipp/replications';
import { DataSource } from 'typeorm';

/** Every entity of the platform: what the migrations must describe. */
export const ALL_ENTITIES = [
  ...ANALYTICS_ENTITIES,
  Region,
  Agency,
  Network,
  NetworkMember,
  User,
  NetworkCoordinator,
  RefreshToken,
  Invitation,
  AuditLog,
  OutboxEvent,
  InnovationCategory,
  Innovation,
  InnovationAward,
  InnovationWatch,
  InnovationViewDay,
  ViewFlushBatch,
  Replication,
  ReplicationEvent,
  ReplicationModification,
  Outcome,
  ReplicationDocument,
  ReplicationCheckin,
  Thread,
  Post,
  PostMention,
  PostFlag,
  ModerationAction,
  HubMute,
  Notification,
  NotificationPreference,
  NotificationDigest,
  ReplicationWatch,
  ThreadWatch,
  AgencyWatch,
  HubPublishAlertsSetting,
];

/** A data source that knows every entity, outside Nest (TypeORM CLI, schema checks). */
export function createFullDataSource(url: string, poolSize = 2): DataSource {
  return new DataSource(buildDataSourceOptions({ url, poolSize, logQueries: false, entities: ALL_ENTITIES }));
}
