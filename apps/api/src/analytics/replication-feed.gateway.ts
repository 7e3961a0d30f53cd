import {
  parseReplicationFeedItem,
  REPLICATION_FEED_EVENT,
  REPLICATION_FEED_ROOM,
  replicationFeedChannel,
} from '@jipp/analytics';
import { AccessRevocations, TokenService } from '@jipp/auth';
import { AppConfig, ErrorCode, Public, subscribeToChannel, type ChannelSubscription } from '@jipp/core';
import { userRoom } from '@jipp/forum';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { ExtendedError, Namespace, Socket } from 'socket.io';
import { DashboardAccess } from './dashboard-access';

/** The namespace of the dashboard's live feed: anonymous sockets are welcome here (unless the switch is on). */
export const FEED_NAMESPACE = '/feed';

/**
 * The dashboard's live feed of replication requests and steps. The analytics projectors (workers)
 * publish each on a Redis channel every api node subscribes to; a node emits it to the sockets of
 * the feed room it holds itself. A namespace of its own, so that the public dashboard needs no
 * token while the forum's sockets still do; with DASHBOARD_REQUIRE_LOGIN a valid access token is
 * required here too.
 */
@WebSocketGateway({ namespace: FEED_NAMESPACE })
export class ReplicationFeedGateway implements OnGatewayInit, OnApplicationBootstrap, OnApplicationShutdown {
  @WebSocketServer()
  namespace?: Namespace;

  private readonly logger = new Logger(ReplicationFeedGateway.name);
  private subscription?: ChannelSubscription;

  constructor(
    private readonly config: AppConfig,
    private readonly access: DashboardAccess,
    private readonly tokens: TokenService,
    private readonly revocations: AccessRevocations,
  ) {}

  afterInit(namespace: Namespace): void {
    // with DASHBOARD_REQUIRE_LOGIN, a deactivated user's feed sockets on this node close at once
    this.revocations.onRevoked((userId) => namespace.local.in(userRoom(userId)).disconnectSockets(true));
    namespace.use((socket, next) => {
      if (!this.access.requiresLogin) return next();
      const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.['token'];
      const refuse = (message: string) => {
        const refusal: ExtendedError = new Error(message);
        refusal.data = { code: ErrorCode.UNAUTHENTICATED };
        next(refusal);
      };
      if (typeof token !== 'string' || !token)
        return refuse('Connect with auth.token set to an access token.');
      this.tokens.verifyAccessToken(token).then(
        // in its user's room, so that revoking the user's access closes it
        (user) => Promise.resolve(socket.join(userRoom(user.id))).then(() => next(), next),
        () => refuse('The access token is invalid or expired: refresh it and reconnect.'),
      );
    });
  }

  // who may read the feed is settled at the handshake (afterInit): the events themselves are open
  @Public()
  @SubscribeMessage('feed:join')
  async join(@ConnectedSocket() socket: Socket): Promise<{ ok: true }> {
    await socket.join(REPLICATION_FEED_ROOM);
    return { ok: true };
  }

  @Public()
  @SubscribeMessage('feed:leave')
  async leave(@ConnectedSocket() socket: Socket): Promise<{ ok: true }> {
    await socket.leave(REPLICATION_FEED_ROOM);
    return { ok: true };
  }

  onApplicationBootstrap(): void {
    this.subscription = subscribeToChannel({
      redisUrl: this.config.get('REDIS_URL'),
      connectionName: 'jipp-replication-feed',
      channel: replicationFeedChannel(this.config),
      onMessage: (text) => {
        const item = parseReplicationFeedItem(text);
        if (item) this.namespace?.local.to(REPLICATION_FEED_ROOM).emit(REPLICATION_FEED_EVENT, item);
      },
      logger: this.logger,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }
}
