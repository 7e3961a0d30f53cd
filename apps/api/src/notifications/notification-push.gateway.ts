import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { AppConfig, createRedisConnection } from '@jipp/core';
import { userRoom, type ClientToServerEvents, type ServerToClientEvents } from '@jipp/forum';
import { notificationChannel, parseNotificationPushes } from '@jipp/notifications';

/**
 * Relays new notifications from the workers to this node's sockets. Workers publish each batch on
 * a Redis channel that every api node subscribes to; each node emits `notification:new` to the
 * `user:<id>` rooms of the sockets it holds itself (`server.local`), so a message is never broadcast
 * again through the adapter. The sockets come from the forum gateway, which authenticates them and
 * joins each to its user's room; this gateway shares its server (same port and path) and handles no
 * client events.
 */
@WebSocketGateway()
export class NotificationPushGateway implements OnApplicationBootstrap, OnApplicationShutdown {
  @WebSocketServer()
  server?: Server<ClientToServerEvents, ServerToClientEvents>;

  private readonly logger = new Logger(NotificationPushGateway.name);
  private subscriber?: Redis;

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    const channel = notificationChannel(this.config);
    // a connection of its own: a subscribed connection takes no other commands
    this.subscriber = createRedisConnection(this.config.get('REDIS_URL'), {
      connectionName: 'jipp-notification-push',
    });
    this.subscriber.on('message', (from: string, text: string) => {
      if (from === channel) this.emit(text);
    });
    this.subscriber.on('error', (error: Error) => this.logger.warn(`notification push: ${error.message}`));
    // ioredis subscribes again after a reconnection; not awaited: a Redis outage must not hold the boot
    this.subscriber
      .subscribe(channel)
      .catch((error: Error) => this.logger.warn(`subscribe: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    if (subscriber && subscriber.status !== 'end')
      await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private emit(text: string): void {
    const server = this.server;
    if (!server) return;
    for (const push of parseNotificationPushes(text) ?? []) {
      server.local.to(userRoom(push.userId)).emit('notification:new', push.notification);
    }
  }
}
