import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Network } from '@jipp/agencies';
import { Role } from '@jipp/core';
import { TEST_PASSWORD } from '@jipp/testing';
import { Redis } from 'ioredis';
import { startTestApi, type TestApi } from './api-harness';
import { startBuiltApi, type ApiProcess } from './built-app-processes';

const READ = `query { networks { id } }`;
const LOGOUT = `mutation { logout(refreshToken: "bukan-token") }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`;
const CREATE_POST = `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`;
const EDIT_POST = `mutation($input: EditPostInput!) { editPost(input: $input) { id } }`;

/** Low limits, so that a test reaches each of them in a few requests. */
const LIMITS = {
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_READS_PER_USER: '4',
  RATE_LIMIT_READS_PER_IP: '6',
  RATE_LIMIT_MUTATIONS_PER_USER: '3',
  RATE_LIMIT_MUTATIONS_PER_IP: '5',
  RATE_LIMIT_LOGINS_PER_USER: '2',
  RATE_LIMIT_LOGINS_PER_IP: '3',
  RATE_LIMIT_POSTS_PER_USER: '2',
  RATE_LIMIT_POSTS_PER_IP: '3',
};

interface Answer {
  status: number;
  retryAfter: string | null;
  ms: number;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

interface Caller {
  /** The client address the api sees: sent as X-Forwarded-For, which the apis trust (TRUST_PROXY). */
  ip: string;
  token?: string;
}

type Person = { id: number; email: string; token: string };

async function call(
  api: ApiProcess,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': caller.ip,
      ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Pick<Answer, 'data' | 'errors'>;
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    ms: Date.now() - started,
    ...body,
  };
}

/** Fails unless the request was served. */
function expectServed(answer: Answer): void {
  expect({ status: answer.status, errors: answer.errors }).toEqual({ status: 200, errors: undefined });
}

/** Fails unless the request was refused by the given limit, with its wait in the body and the header. */
function expectRefused(answer: Answer, operations: string, per: 'user' | 'ip'): void {
  expect(answer.status).toBe(429);
  expect(answer.data ?? null).toBeNull();
  const extensions = answer.errors?.[0]?.extensions ?? {};
  expect(extensions).toMatchObject({ code: 'RATE_LIMITED', limit: { operations, per } });
  const retryAfterSeconds = extensions['retryAfterSeconds'] as number;
  expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(retryAfterSeconds).toBeLessThanOrEqual(60);
  expect(answer.retryAfter).toBe(String(retryAfterSeconds));
  expect(Date.parse(extensions['retryAt'] as string)).toBeGreaterThan(Date.now());
  expect(answer.errors?.[0]?.message).toMatch(/Try again in \d+ s/);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Redis of this file's own (the shared one must never be stopped), which a test may kill. */
async function startOwnRedis(port?: number): Promise<{ url: string; child: ChildProcess }> {
  port ??= await freePort();
  const child = spawn(
    '/usr/bin/redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  // a run that ends without its afterAll leaves no Redis behind
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `redis://127.0.0.1:${port}/0`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  for (let i = 0; ; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (error) {
      if (i > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  probe.disconnect();
  return { url, child };
}

/**
 * Built api processes with low limits: two on the shared Redis (under a key prefix of this file's
 * own), one on a Redis of this file's own that the last test kills. Users are made and signed in
 * through an in-process api, which has the test run's limits (out of reach).
 */
describe('rate limits per user and per IP', () => {
  let api: TestApi;
  let apiA: ApiProcess;
  let apiB: ApiProcess;
  let apiOnOwnRedis: ApiProcess | undefined;
  let ownRedis: ChildProcess | undefined;
  let ownRedisUrl: string;
  const processes: ApiProcess[] = [];
  let redisPrefix: string;
  let hubId: number;
  let ipSeq = 0;
  /** A client address no other test uses. */
  const newIp = (): string => `10.77.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

  const member = async (agency = 'Pemkab Banyuwangi'): Promise<Person> => {
    const { user, token } = await api.signInAs(Role.MEMBER, agency);
    return { id: user.id, email: user.email, token };
  };

  beforeAll(async () => {
    api = await startTestApi();
    hubId = (await api.dataSource.getRepository(Network).findOneByOrFail({ slug: 'jipp-jawa-timur' })).id;
    redisPrefix = `${process.env['REDIS_PREFIX']}-rl${randomBytes(3).toString('hex')}`;
    const own = await startOwnRedis();
    ownRedis = own.child;
    ownRedisUrl = own.url;
    const env = {
      ...LIMITS,
      TRUST_PROXY: 'true',
      REDIS_PREFIX: redisPrefix,
      DATABASE_POOL_SIZE: '3',
      ANALYTICS_DATABASE_POOL_SIZE: '1',
      LOG_LEVEL: 'warn',
    };
    const starts = await Promise.allSettled([
      startBuiltApi('api A', env),
      startBuiltApi('api B', env),
      startBuiltApi('api on its own Redis', { ...env, REDIS_URL: ownRedisUrl }),
    ]);
    for (const start of starts) if (start.status === 'fulfilled') processes.push(start.value);
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    [apiA, apiB, apiOnOwnRedis] = processes as [ApiProcess, ApiProcess, ApiProcess];
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    if (ownRedis && ownRedis.exitCode === null && ownRedis.signalCode === null) ownRedis.kill('SIGKILL');
    await api?.close();
    if (redisPrefix) {
      const redis = new Redis(process.env['REDIS_URL']!);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
    }
  }, 60_000);

  it('serves every class of request under the limits, and counts them in Redis', async () => {
    const person = await member();
    const caller = { ip: newIp(), token: person.token };
    expectServed(await call(apiA, caller, READ));
    expectServed(await call(apiA, caller, LOGOUT));
    expectServed(
      await call(apiA, caller, LOGIN, { input: { email: person.email, password: TEST_PASSWORD } }),
    );
    const thread = await call(apiA, caller, CREATE_THREAD, {
      input: { hubId, title: 'Di bawah batas', body: 'Pembuka.' },
    });
    expectServed(thread);

    const redis = new Redis(process.env['REDIS_URL']!);
    try {
      const keys = await redis.keys(`${redisPrefix}:rate-limit:*`);
      for (const operations of ['reads', 'mutations', 'logins', 'posts']) {
        expect(keys).toEqual(
          expect.arrayContaining([
            `${redisPrefix}:rate-limit:${operations}:user:${person.id}`,
            `${redisPrefix}:rate-limit:${operations}:ip:${caller.ip}`,
          ]),
        );
      }
    } finally {
      await redis.quit();
    }
  });

  it('refuses reads over the limit per user, from any address, without using up the address', async () => {
    const person = await member();
    const ip = newIp();
    for (let i = 0; i < 4; i++) expectServed(await call(apiA, { ip, token: person.token }, READ));
    expectRefused(await call(apiA, { ip, token: person.token }, READ), 'reads', 'user');
    expectRefused(await call(apiA, { ip: newIp(), token: person.token }, READ), 'reads', 'user');
    // the address spent 4 of 6 (the refused reads cost it nothing): a colleague gets the other 2
    const colleague = await member();
    expectServed(await call(apiA, { ip, token: colleague.token }, READ));
    expectServed(await call(apiA, { ip }, READ));
    expectRefused(await call(apiA, { ip, token: colleague.token }, READ), 'reads', 'ip');
  });

  it('refuses reads over the limit per IP, signed in or not', async () => {
    const ip = newIp();
    for (let i = 0; i < 6; i++) expectServed(await call(apiA, { ip }, READ));
    expectRefused(await call(apiA, { ip }, READ), 'reads', 'ip');
    expectRefused(await call(apiA, { ip, token: (await member()).token }, READ), 'reads', 'ip');
    expectServed(await call(apiA, { ip: newIp() }, READ));
  });

  it('counts the IPv6 addresses of one /64 network as one address', async () => {
    for (let i = 1; i <= 6; i++)
      expectServed(await call(apiA, { ip: `2001:db8:77:1::${i.toString(16)}` }, READ));
    expectRefused(await call(apiA, { ip: '2001:db8:77:1:ffff::7' }, READ), 'reads', 'ip');
    expectServed(await call(apiA, { ip: '2001:db8:77:2::1' }, READ));
  });

  it('refuses mutations over the limit per user and per IP', async () => {
    const person = await member();
    const ip = newIp();
    for (let i = 0; i < 3; i++) expectServed(await call(apiA, { ip, token: person.token }, LOGOUT));
    expectRefused(await call(apiA, { ip, token: person.token }, LOGOUT), 'mutations', 'user');
    // reads are counted apart
    expectServed(await call(apiA, { ip, token: person.token }, READ));

    const crowded = newIp();
    for (let i = 0; i < 5; i++) expectServed(await call(apiA, { ip: crowded }, LOGOUT));
    expectRefused(await call(apiA, { ip: crowded }, LOGOUT), 'mutations', 'ip');
  });

  it('refuses sign-ins over the limit per user and per IP, aliased ones counted each', async () => {
    const person = await member();
    const input = { input: { email: person.email, password: TEST_PASSWORD } };
    const ip = newIp();
    for (let i = 0; i < 2; i++) expectServed(await call(apiA, { ip, token: person.token }, LOGIN, input));
    expectRefused(await call(apiA, { ip, token: person.token }, LOGIN, input), 'logins', 'user');

    const crowded = newIp();
    const twice = `mutation($input: LoginInput!) {
      a: login(input: $input) { accessToken }
      b: login(input: $input) { accessToken }
    }`;
    expectServed(await call(apiA, { ip: crowded }, twice, input));
    expectServed(await call(apiA, { ip: crowded }, LOGIN, input));
    // the fourth sign-in from this address, whoever it is for
    const other = await member();
    expectRefused(
      await call(apiA, { ip: crowded }, LOGIN, { input: { email: other.email, password: TEST_PASSWORD } }),
      'logins',
      'ip',
    );
  });

  it('refuses forum posts, threads and edits over the limit per user and per IP, before they are written', async () => {
    const author = await member();
    const ip = newIp();
    const thread = await call(apiA, { ip, token: author.token }, CREATE_THREAD, {
      input: { hubId, title: 'Batas tulisan', body: 'Pembuka.' },
    });
    expectServed(thread);
    const threadId = (thread.data!['createThread'] as { id: number }).id;
    const post = await call(apiA, { ip, token: author.token }, CREATE_POST, {
      input: { threadId, body: 'Balasan pertama.' },
    });
    expectServed(post);
    const postId = (post.data!['createPost'] as { id: number }).id;
    expectRefused(
      await call(apiA, { ip, token: author.token }, EDIT_POST, { input: { id: postId, body: 'Diubah.' } }),
      'posts',
      'user',
    );
    expectRefused(
      await call(apiA, { ip, token: author.token }, CREATE_POST, { input: { threadId, body: 'Ketiga.' } }),
      'posts',
      'user',
    );
    // other mutations are counted apart
    expectServed(await call(apiA, { ip, token: author.token }, LOGOUT));
    const [{ posts, edited }] = (await api.dataSource.query(
      'SELECT COUNT(*) AS posts, COUNT(edited_at) AS edited FROM post WHERE thread_id = ?',
      [threadId],
    )) as Array<{ posts: string; edited: string }>;
    // the opening post and the first reply: nothing refused was written, and the reply was not edited
    expect({ posts: Number(posts), edited: Number(edited) }).toEqual({ posts: 2, edited: 0 });

    const crowded = newIp();
    const first = await member();
    const second = await member('Pemkot Surabaya');
    expectServed(
      await call(apiA, { ip: crowded, token: first.token }, CREATE_POST, {
        input: { threadId, body: 'Satu.' },
      }),
    );
    expectServed(
      await call(apiA, { ip: crowded, token: second.token }, CREATE_POST, {
        input: { threadId, body: 'Dua.' },
      }),
    );
    expectServed(
      await call(apiA, { ip: crowded, token: first.token }, CREATE_POST, {
        input: { threadId, body: 'Tiga.' },
      }),
    );
    expectRefused(
      await call(apiA, { ip: crowded, token: second.token }, CREATE_POST, {
        input: { threadId, body: 'Empat.' },
      }),
      'posts',
      'ip',
    );
  });

  it('counts requests spread over two api processes together', async () => {
    const person = await member();
    const ip = newIp();
    const nodes = [apiA, apiB];
    for (let i = 0; i < 4; i++) expectServed(await call(nodes[i % 2]!, { ip, token: person.token }, READ));
    expectRefused(await call(apiA, { ip, token: person.token }, READ), 'reads', 'user');
    expectRefused(await call(apiB, { ip, token: person.token }, READ), 'reads', 'user');

    const crowded = newIp();
    for (let i = 0; i < 6; i++) expectServed(await call(nodes[i % 2]!, { ip: crowded }, READ));
    expectRefused(await call(apiB, { ip: crowded }, READ), 'reads', 'ip');
    expectRefused(await call(apiA, { ip: crowded }, READ), 'reads', 'ip');
  });

  it('keeps serving with in-process limits when its Redis is gone', async () => {
    const node = apiOnOwnRedis!;
    const before = newIp();
    expectServed(await call(node, { ip: before }, READ));
    const redis = new Redis(ownRedisUrl);
    expect(await redis.keys('*:rate-limit:reads:ip:*')).toEqual([expect.stringContaining(before)]);
    redis.disconnect();

    const exited = new Promise((resolve) => ownRedis!.once('exit', resolve));
    ownRedis!.kill('SIGKILL');
    await exited;

    const ip = newIp();
    const person = await member();
    for (let i = 0; i < 4; i++) {
      const answer = await call(node, { ip, token: person.token }, READ);
      expectServed(answer);
      // no request waits for the dead Redis
      expect(answer.ms).toBeLessThan(1000);
    }
    expectRefused(await call(node, { ip, token: person.token }, READ), 'reads', 'user');
    const crowded = newIp();
    for (let i = 0; i < 6; i++) expectServed(await call(node, { ip: crowded }, READ));
    expectRefused(await call(node, { ip: crowded }, READ), 'reads', 'ip');
    expect(node.running()).toBe(true);

    // Redis back on its port: the api reconnects and counts there again
    ownRedis = (await startOwnRedis(Number(new URL(ownRedisUrl).port))).child;
    const back = new Redis(ownRedisUrl);
    try {
      const deadline = Date.now() + 20_000;
      let counted: string[] = [];
      while (counted.length === 0 && Date.now() < deadline) {
        const after = newIp();
        expectServed(await call(node, { ip: after }, READ));
        counted = await back.keys(`*:rate-limit:reads:ip:${after}`);
        if (counted.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(counted).toHaveLength(1);
    } finally {
      back.disconnect();
    }
  });
});
