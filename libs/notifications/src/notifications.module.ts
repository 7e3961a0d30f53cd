import { ForumAccess } from '@jipp/forum';
import { QueueModule } from '@jipp/core';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Mailer } from './email/mailer';
import { NotificationDigest } from './email/notification-digest.entity';
import { NotificationEmailsService } from './email/notification-emails.service';
import { AudienceResolver } from './fan-out/audience-resolver';
import { EventContextLoader } from './fan-out/event-context';
import { FanOutService } from './fan-out/fan-out.service';
import { HubPublishAlertsSetting } from './hubs/hub-publish-alerts.entity';
import { HubPublishAlertsLoader, HubPublishAlertsService } from './hubs/hub-publish-alerts.service';
import { Notification } from './notifications/notification.entity';
import { NotificationsService } from './notifications/notifications.service';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxWakeSignal } from './outbox/outbox-wake';
import { NotificationPreference } from './preferences/notification-preference.entity';
import { NotificationPreferencesService } from './preferences/notification-preferences.service';
import { NotificationPublisher } from './realtime/notification-publisher';
import { AgencyWatch } from './watches/agency-watch.entity';
import { ReplicationWatch } from './watches/replication-watch.entity';
import { SubjectWatchesService } from './watches/subject-watches.service';
import { ThreadWatch } from './watches/thread-watch.entity';
import { ViewerSubjectWatchLoader } from './watches/watch.loaders';

export const NOTIFICATION_ENTITIES = [
  Notification,
  NotificationPreference,
  ReplicationWatch,
  ThreadWatch,
  AgencyWatch,
  HubPublishAlertsSetting,
  NotificationDigest,
];

const SERVICES = [
  NotificationsService,
  NotificationPreferencesService,
  SubjectWatchesService,
  ViewerSubjectWatchLoader,
  HubPublishAlertsService,
  HubPublishAlertsLoader,
];

/**
 * Notifications as users see and steer them: the in-app list, preferences, watches, hubs' publish
 * alerts; and the signal that wakes the outbox relays when this process commits an outbox row.
 * ForumAccess is provided here (not the forum module, which an app binds to its publisher).
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES)],
  providers: [...SERVICES, OutboxWakeSignal, ForumAccess],
  exports: SERVICES,
})
export class NotificationsModule {}

const DELIVERY = [
  OutboxRelay,
  FanOutService,
  AudienceResolver,
  EventContextLoader,
  NotificationPublisher,
  Mailer,
  NotificationEmailsService,
];

/** Delivery, for the worker: the outbox relay, the fan-out, the realtime push and the e-mails (needs the queues). */
@Module({
  imports: [NotificationsModule, QueueModule, TypeOrmModule.forFeature(NOTIFICATION_ENTITIES)],
  providers: [...DELIVERY, ForumAccess],
  exports: DELIVERY,
})
export class NotificationDeliveryModule {}
