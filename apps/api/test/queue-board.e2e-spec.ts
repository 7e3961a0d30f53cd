import { getQueueToken } from '@nestjs/bullmq';
import { AppConfig, QueueName, Role } from '@jipp/core';
import { unique } from '@jipp/testing';
import { type Job, type Queue, Worker } from 'bullmq';
import { startTestApi, type TestApi } from './api-harness';

interface BoardQueues {
  queues: Array<{
    name: string;
    counts: Record<string, number>;
    jobs: Array<{ id: string; failedReason?: string }>;
  }>;
}

describe('queue board (e2e)', () => {
  let api: TestApi;
  let adminToken: string;

  beforeAll(async () => {
    api = await startTestApi();
    adminToken = (await api.signInAs(Role.ADMIN, 'KemenPANRB')).token;
  });
  afterAll(() => api.close());

  const board = (path: string, init: RequestInit = {}) =>
    fetch(`${api.url}/admin/queues${path}`, { redirect: 'manual', ...init });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('refuses anonymous callers and bad tokens with 401, without board content', async () => {
    for (const path of ['/', '/api/queues']) {
      const res = await board(path);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('bull');
    }
    expect((await board('/api/queues', { headers: bearer('not-a-token') })).status).toBe(401);
  });

  it('refuses a member with 403, by header or at the login', async () => {
    const { token } = await api.signInAs(Role.MEMBER, 'KemenPANRB');
    const res = await board('/api/queues', { headers: bearer(token) });
    expect(res.status).toBe(403);
    expect(await res.json()).not.toHaveProperty('queues');
    const login = await board('/login', { method: 'POST', body: new URLSearchParams({ token }) });
    expect(login.status).toBe(403);
    expect(login.headers.get('set-cookie')).toBeNull();
  });

  it('shows an admin the page and every queue', async () => {
    const page = await board('/', { headers: bearer(adminToken) });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');

    const res = await board('/api/queues', { headers: bearer(adminToken) });
    expect(res.status).toBe(200);
    const { queues } = (await res.json()) as BoardQueues;
    expect(queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
  });

  it('lets a browser sign in with a form and then uses the HttpOnly, SameSite=Strict cookie', async () => {
    const login = await board('/login', { method: 'POST', body: new URLSearchParams({ token: adminToken }) });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin/queues/');
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/Path=\/admin\/queues; Max-Age=\d+; HttpOnly; SameSite=Strict/);

    const cookie = setCookie.split(';')[0]!;
    expect((await board('/api/queues', { headers: { cookie } })).status).toBe(200);
    expect((await board('/login', { method: 'GET' })).status).toBe(200);
    const crossSite = await board('/login', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: new URLSearchParams({ token: adminToken }),
    });
    expect(crossSite.status).toBe(403);
  });

  it('lists a job that failed for good in the failed set, and retries it', async () => {
    const queue = api.app.get<Queue>(getQueueToken(QueueName.MAINTENANCE), { strict: false });
    const name = unique('board-failing-job');
    const job = await queue.add(name, {}, { attempts: 1 });
    // whoever takes it fails it: this worker, or a platform worker that does not know the job name
    const worker = new Worker(
      QueueName.MAINTENANCE,
      async (taken: Job) => {
        throw new Error(`boom ${taken.name}`);
      },
      {
        connection: { url: api.app.get(AppConfig).get('REDIS_URL'), maxRetriesPerRequest: null },
        prefix: queue.opts.prefix,
      },
    );
    try {
      await waitFor(async () => (await queue.getJobState(job.id!)) === 'failed');
    } finally {
      await worker.close();
    }

    const res = await board(
      `/api/queues?activeQueue=${QueueName.MAINTENANCE}&status=failed&jobsPerPage=100`,
      {
        headers: bearer(adminToken),
      },
    );
    expect(res.status).toBe(200);
    const maintenance = ((await res.json()) as BoardQueues).queues.find(
      (q) => q.name === QueueName.MAINTENANCE,
    )!;
    expect(maintenance.counts['failed']).toBeGreaterThanOrEqual(1);
    expect(maintenance.jobs.find((j) => j.id === job.id)?.failedReason).toBeTruthy();

    // Bull Board's retry: the job leaves the failed set for the wait list (a worker may fail it again)
    const retry = await board(`/api/queues/${QueueName.MAINTENANCE}/${job.id}/retry`, {
      method: 'PUT',
      headers: bearer(adminToken),
    });
    expect(retry.status).toBe(204);
    await queue.remove(job.id!).catch(() => undefined);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
