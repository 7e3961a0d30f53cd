import { createServer, type Server, type Socket } from 'node:net';
import { AppError } from '@jipp/core';
import { Redis } from 'ioredis';
import type { OperationCost } from './operation-cost';
import type { RateLimitSettings } from './rate-limit-settings';
import { RequestRateLimiter } from './request-rate-limiter';

const READ: OperationCost = [['reads', 1]];
const LOGIN: OperationCost = [['logins', 1]];
const TWO_POSTS: OperationCost = [['posts', 2]];

const SETTINGS: RateLimitSettings = {
  windowSeconds: 60,
  limits: {
    reads: { perUser: 2, perIp: 3 },
    mutations: { perUser: 5, perIp: 5 },
    logins: { perUser: 5, perIp: 2 },
    posts: { perUser: 3, perIp: 10 },
  },
};

/** The AppError a consume was refused with (fails the test when it was allowed). */
async function refusal(promise: Promise<void>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected RATE_LIMITED, got ${String(error)}`);
  return error;
}

interface FakeRedis {
  server: Server;
  port: number;
  /** From now on, commands get no answer: Redis hung, or a cut network. */
  hang(): void;
  /** From now on, every command gets an error (e.g. a replica that became read-only). */
  fail(): void;
  close(): Promise<void>;
}

/** A TCP server that answers every command `+OK` (enough for ioredis to get ready) until it hangs. */
function fakeRedis(): Promise<FakeRedis> {
  const sockets: Socket[] = [];
  let answer: 'ok' | 'none' | 'error' = 'ok';
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (chunk) => {
      const commands = chunk.toString('utf8').match(/(^|\r\n)\*\d+\r\n/g)?.length ?? 0;
      if (answer === 'ok') socket.write('+OK\r\n'.repeat(commands));
      if (answer === 'error')
        socket.write('-READONLY You cannot write against a read only replica.\r\n'.repeat(commands));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        port: (server.address() as { port: number }).port,
        hang: () => {
          answer = 'none';
        },
        fail: () => {
          answer = 'error';
        },
        close: async () => {
          for (const socket of sockets) socket.destroy();
          await new Promise((done) => server.close(done));
        },
      }),
    ),
  );
}

/** A port nobody listens on. */
async function closedPort(): Promise<number> {
  const { port, close } = await fakeRedis();
  await close();
  return port;
}

describe('RequestRateLimiter with Redis down (in-process counters)', () => {
  let redis: Redis;

  beforeEach(async () => {
    // refused connections: the client never gets `ready`, so every check counts in process
    redis = new Redis({
      host: '127.0.0.1',
      port: await closedPort(),
      maxRetriesPerRequest: 2,
      retryStrategy: () => 1000,
      lazyConnect: false,
    });
    redis.on('error', () => undefined);
  });

  afterEach(() => redis.disconnect());

  const limiter = () => new RequestRateLimiter(redis, SETTINGS, 'rl-unit');

  it('allows requests under the limits and refuses the next one with RATE_LIMITED, 429 and Retry-After', async () => {
    const rl = limiter();
    const started = Date.now();
    await rl.consume({ userId: 1, ip: '10.0.0.1' }, READ);
    await rl.consume({ userId: 1, ip: '10.0.0.1' }, READ);
    const error = await refusal(rl.consume({ userId: 1, ip: '10.0.0.1' }, READ));
    // no wait for the dead Redis
    expect(Date.now() - started).toBeLessThan(500);
    expect(error.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      limit: { operations: 'reads', per: 'user' },
      http: { status: 429 },
    });
    const retryAfter = error.extensions['retryAfterSeconds'] as number;
    expect(retryAfter).toBeGreaterThan(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const http = error.extensions['http'] as { headers: Map<string, string> };
    expect(http.headers.get('retry-after')).toBe(String(retryAfter));
    expect(Date.parse(error.extensions['retryAt'] as string)).toBeGreaterThan(Date.now() + 55_000);
    expect(error.message).toMatch(/at most 2 every 60 s/);
  });

  it('counts per IP across users and anonymous callers', async () => {
    const rl = limiter();
    await rl.consume({ userId: 1, ip: '10.0.0.2' }, READ);
    await rl.consume({ userId: 2, ip: '10.0.0.2' }, READ);
    await rl.consume({ ip: '10.0.0.2' }, READ);
    const error = await refusal(rl.consume({ userId: 3, ip: '10.0.0.2' }, READ));
    expect(error.extensions['limit']).toEqual({ operations: 'reads', per: 'ip' });
    // another address is not affected
    await rl.consume({ userId: 3, ip: '10.0.0.3' }, READ);
  });

  it('gives the IP its points back when the user limit refused, so one user does not use up an office', async () => {
    const rl = limiter();
    await rl.consume({ userId: 7, ip: '10.0.0.4' }, READ);
    await rl.consume({ userId: 7, ip: '10.0.0.4' }, READ);
    for (let i = 0; i < 5; i++) {
      expect((await refusal(rl.consume({ userId: 7, ip: '10.0.0.4' }, READ))).extensions['limit']).toEqual({
        operations: 'reads',
        per: 'user',
      });
    }
    // the address spent 2 of 3: a colleague gets the third
    await rl.consume({ userId: 8, ip: '10.0.0.4' }, READ);
    expect((await refusal(rl.consume({ userId: 8, ip: '10.0.0.4' }, READ))).extensions['limit']).toEqual({
      operations: 'reads',
      per: 'ip',
    });
  });

  it('keeps each class apart and costs every point of a request', async () => {
    const rl = limiter();
    await rl.consume({ userId: 9, ip: '10.0.0.5' }, LOGIN);
    await rl.consume({ userId: 9, ip: '10.0.0.5' }, LOGIN);
    expect((await refusal(rl.consume({ ip: '10.0.0.5' }, LOGIN))).extensions['limit']).toEqual({
      operations: 'logins',
      per: 'ip',
    });
    // reads still pass
    await rl.consume({ userId: 9, ip: '10.0.0.5' }, READ);
    // two posts of three, then two more: refused for the user
    await rl.consume({ userId: 9, ip: '10.0.0.5' }, TWO_POSTS);
    expect((await refusal(rl.consume({ userId: 9, ip: '10.0.0.5' }, TWO_POSTS))).extensions['limit']).toEqual(
      {
        operations: 'posts',
        per: 'user',
      },
    );
  });
});

/** An ioredis client connected to the fake server (its errors are the test's subject, not logged). */
async function connectedTo(port: number): Promise<Redis> {
  const redis = new Redis({ host: '127.0.0.1', port, enableReadyCheck: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  if (redis.status !== 'ready') await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  return redis;
}

describe('RequestRateLimiter with a Redis that does not answer', () => {
  it('waits a short while once, then counts in process without waiting', async () => {
    const fake = await fakeRedis();
    const redis = await connectedTo(fake.port);
    try {
      fake.hang();
      const rl = new RequestRateLimiter(redis, SETTINGS, 'rl-unit-hung');
      let started = Date.now();
      await rl.consume({ userId: 1, ip: '10.0.1.1' }, READ);
      const first = Date.now() - started;
      expect(first).toBeGreaterThanOrEqual(150);
      expect(first).toBeLessThan(1000);
      started = Date.now();
      await rl.consume({ userId: 1, ip: '10.0.1.1' }, READ);
      expect(Date.now() - started).toBeLessThan(50);
      // the in-process counters carry the limit (the hung Redis counted nothing)
      await refusal(rl.consume({ userId: 1, ip: '10.0.1.1' }, READ));
    } finally {
      redis.disconnect();
      await fake.close();
    }
  });

  it('counts in process, without waiting, when Redis answers with errors', async () => {
    const fake = await fakeRedis();
    const redis = await connectedTo(fake.port);
    try {
      fake.fail();
      const rl = new RequestRateLimiter(redis, SETTINGS, 'rl-unit-failing');
      const started = Date.now();
      await rl.consume({ ip: '10.0.2.1' }, READ);
      await rl.consume({ ip: '10.0.2.1' }, READ);
      await rl.consume({ ip: '10.0.2.1' }, READ);
      expect((await refusal(rl.consume({ ip: '10.0.2.1' }, READ))).extensions['limit']).toEqual({
        operations: 'reads',
        per: 'ip',
      });
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      redis.disconnect();
      await fake.close();
    }
  });
});
