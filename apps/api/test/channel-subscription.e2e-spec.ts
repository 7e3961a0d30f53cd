import type { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { subscribeToChannel } from '@jipp/core';
import { startOwnRedis, type OwnServer } from './faults/own-services';
import { sleep, until } from './forum-socket-client';

/**
 * The Redis channels of the api (notification pushes, the live feed, access revocations) and of the
 * worker (outbox wakes), through `subscribeToChannel` (libs/core), against a Redis of the test's own
 * that is down when the process boots and later restarts: the channel is subscribed once Redis
 * answers, however long that takes, and `onSubscribed` (where a follower reads the state the channel
 * announces) runs then and after every reconnection.
 */
describe('a Redis channel subscription when Redis comes and goes', () => {
  const CHANNEL = 'jipp-test:channel';
  let redis: OwnServer;
  const warnings: string[] = [];
  const logger = { warn: (message: string) => warnings.push(message) } as unknown as Logger;

  beforeAll(async () => {
    redis = await startOwnRedis('channel Redis');
  }, 60_000);

  afterAll(async () => {
    await redis?.dispose();
  }, 60_000);

  it('subscribes once Redis answers after an outage at boot, and again after a restart', async () => {
    await redis.stop();
    const heard: string[] = [];
    let subscribedTimes = 0;
    const subscription = subscribeToChannel({
      redisUrl: redis.url,
      connectionName: 'jipp-test-channel',
      channel: CHANNEL,
      onMessage: (text) => heard.push(text),
      logger,
      onSubscribed: () => subscribedTimes++,
    });
    const publisher = new Redis(redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    publisher.on('error', () => undefined);
    try {
      // longer than ioredis' default 20 reconnection attempts (about 10.5 s)
      await sleep(12_000);
      expect(subscribedTimes).toBe(0);
      await redis.start();
      await until(() => subscribedTimes === 1, 'the subscription once Redis answers', 10_000);
      await publisher.publish(CHANNEL, 'one');
      await until(() => heard.length === 1, 'the first message', 5_000);

      await redis.stop();
      await redis.start();
      await until(() => subscribedTimes === 2, 'the subscription after the restart', 10_000);
      await publisher.publish(CHANNEL, 'two');
      await until(() => heard.length === 2, 'the message after the restart', 5_000);
      expect(heard).toEqual(['one', 'two']);
      expect(warnings.some((w) => /ECONNREFUSED/.test(w))).toBe(true);
    } finally {
      publisher.disconnect();
      await subscription.close();
    }
  }, 60_000);

  it('closes at once while Redis is still away', async () => {
    await redis.stop();
    const subscription = subscribeToChannel({
      redisUrl: redis.url,
      connectionName: 'jipp-test-channel',
      channel: CHANNEL,
      onMessage: () => {},
      logger,
    });
    await sleep(200);
    const started = Date.now();
    await subscription.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await redis.start();
  }, 30_000);
});
