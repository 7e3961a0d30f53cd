import type { Logger } from '@nestjs/common';
import { createRedisConnection } from './redis-connection';

/** A Redis pub/sub channel this process listens to; `close()` on shutdown. */
export interface ChannelSubscription {
  close(): Promise<void>;
}

export interface ChannelSubscriptionOptions {
  redisUrl: string;
  /** The connection's name in Redis' `CLIENT LIST`. */
  connectionName: string;
  channel: string;
  onMessage: (text: string) => void;
  logger: Logger;
  /** Runs once subscribed, and again after every reconnection once subscribed anew (see below). */
  onSubscribed?: () => void;
}

/**
 * Listens to one Redis channel on a connection of its own (a subscribed connection takes no other
 * commands). ioredis subscribes again after a reconnection; the subscribe is not awaited, so a
 * Redis outage never holds a boot, and it is sent whenever Redis answers.
 *
 * `onSubscribed` runs once the channel is subscribed, and again after every reconnection once it is
 * subscribed anew: the moment to read state whose changes the channel announces, since nothing
 * published from then on is missed (what was published while the connection was down is).
 */
export function subscribeToChannel({
  redisUrl,
  connectionName,
  channel,
  onMessage,
  logger,
  onSubscribed,
}: ChannelSubscriptionOptions): ChannelSubscription {
  // the SUBSCRIBE waits for Redis however long it takes: with ioredis' default (20 reconnection
  // attempts, about 10 s) a Redis away at boot would fail it for good, and nothing would subscribe again
  const subscriber = createRedisConnection(redisUrl, { connectionName, maxRetriesPerRequest: null });
  subscriber.on('message', (from: string, text: string) => {
    if (from === channel) onMessage(text);
  });
  subscriber.on('error', (error: Error) => logger.warn(`${connectionName}: ${error.message}`));
  let subscribed = false;
  subscriber
    .subscribe(channel)
    .then(() => {
      subscribed = true;
      onSubscribed?.();
    })
    .catch((error: Error) => logger.warn(`subscribe ${channel}: ${error.message}`));
  if (onSubscribed) {
    // on a reconnection ioredis emits 'ready', then sends SUBSCRIBE again; a PING sent after it
    // (allowed on a subscribed connection) is answered once Redis has taken the SUBSCRIBE
    subscriber.on('ready', () => {
      if (!subscribed) return; // the first connection: the subscribe above reports
      setImmediate(() =>
        subscriber
          .ping()
          .then(onSubscribed, (error: Error) => logger.warn(`${connectionName}: ${error.message}`)),
      );
    });
  }
  return {
    close: async () => {
      // QUIT would wait behind a SUBSCRIBE still queued for a Redis that never came
      if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
      else if (subscriber.status !== 'end') subscriber.disconnect();
    },
  };
}
