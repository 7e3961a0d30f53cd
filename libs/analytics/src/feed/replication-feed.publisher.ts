import { AppConfig, REDIS_CLIENT } from '@jipp/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { replicationFeedChannel, type ReplicationFeedItem } from './replication-feed';

/** Publishes feed items to the api nodes; best effort (the rollups are written already). */
@Injectable()
export class ReplicationFeedPublisher {
  private readonly logger = new Logger(ReplicationFeedPublisher.name);
  private readonly channel: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.channel = replicationFeedChannel(config);
  }

  async publish(item: ReplicationFeedItem): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify(item));
    } catch (error) {
      this.logger.warn(
        `feed item of replication ${item.replicationId} not pushed: ${(error as Error).message}`,
      );
    }
  }
}
