import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server } from 'socket.io';
import { AppConfig, subscribeToChannel, type ChannelSubscription } from '@jipp/core';
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
  private subscription?: ChannelSubscription;

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    this.subscription = subscribeToChannel({
      redisUrl: this.config.get('REDIS_URL'),
      connectionName: 'jipp-notification-push',
      channel: notificationChannel(this.config),
      onMessage: (text) => this.emit(text),
      logger: this.logger,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }

  private emit(text: string): void {
    const server = this.server;
    if (!server) return;
    for (const push of parseNotificationPushes(text) ?? []) {
      server.local.to(userRoom(push.userId)).emit('notification:new', push.notification);
    }
  }
}
