import { createRedisConnection } from '@jipp/core';
import type { Logger } from '@nestjs/common';

/** A Redis pub/sub channel this api node listens to; `close()` on shutdown. */
export interface ChannelSubscription {
  close(): Promise<void>;
}

/**
 * Listens to one Redis channel on a connection of its own (a subscribed connection takes no other
 * commands). ioredis subscribes again after a reconnection; the subscribe is not awaited, so a
 * Redis outage never holds the api's boot.
 */
export function subscribeToChannel(
  redisUrl: string,
  connectionName: string,
  channel: string,
  onMessage: (text: string) => void,
  logger: Logger,
): ChannelSubscription {
  const subscriber = createRedisConnection(redisUrl, { connectionName });
  subscriber.on('message', (from: string, text: string) => {
    if (from === channel) onMessage(text);
  });
  subscriber.on('error', (error: Error) => logger.warn(`${connectionName}: ${error.message}`));
  subscriber
    .subscribe(channel)
    .catch((error: Error) => logger.warn(`subscribe ${channel}: ${error.message}`));
  return {
    close: async () => {
      if (subscriber.status !== 'end') await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
