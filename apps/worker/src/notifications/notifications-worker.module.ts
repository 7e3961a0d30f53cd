import { Module } from '@nestjs/common';
import { NotificationDeliveryModule } from '@jipp/notifications';
import { FanOutProcessor } from './fan-out.processor';
import { OutboxRelayRunner } from './outbox-relay.runner';

/**
 * The worker's notification side: the outbox relay and the notifications queue's processor. Needs
 * the app's configuration, database, Redis and logging (global modules).
 */
@Module({
  imports: [NotificationDeliveryModule],
  providers: [OutboxRelayRunner, FanOutProcessor],
})
export class NotificationsWorkerModule {}
