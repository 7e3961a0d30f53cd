import { AccessRevocations, accessRevocationsChannel } from '@jipp/auth';
import { AppConfig, subscribeToChannel, type ChannelSubscription } from '@jipp/core';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Keeps this api node's AccessRevocations current: follows the revocations channel, and reads the
 * whole set once subscribed (at boot, and after every reconnection to Redis, for what was announced
 * while it was away). Until the first read a node knows only what it hears; a read that fails is
 * logged and made again at the next reconnection.
 */
@Injectable()
export class AccessRevocationFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AccessRevocationFollower.name);
  private subscription?: ChannelSubscription;

  constructor(
    private readonly config: AppConfig,
    private readonly revocations: AccessRevocations,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = subscribeToChannel({
      redisUrl: this.config.get('REDIS_URL'),
      connectionName: 'jipp-access-revocations',
      channel: accessRevocationsChannel(this.config),
      onMessage: (text) => this.revocations.receive(text),
      logger: this.logger,
      onSubscribed: () => {
        this.revocations.reload().then(
          (count) => this.logger.debug(`access revocations read: ${count}`),
          (error: Error) => this.logger.warn(`access revocations not read: ${error.message}`),
        );
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }
}
