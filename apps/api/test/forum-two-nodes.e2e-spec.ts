import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Network } from '@jipp/agencies';
import { Role } from '@jipp/core';
import { ROOT, unique } from '@jipp/testing';
import { gqlDataAt, startTestApi, type TestApi } from './api-harness';
import {
  collect,
  connected,
  disconnection,
  forumSocket,
  joinThread,
  sleep,
  until,
  type ForumClient,
} from './forum-socket-client';

const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`;
const CREATE_POST = `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`;

/** A second api: the built app in its own process, on its own port, sharing MariaDB and Redis. */
interface Node {
  url: string;
  child: ChildProcess;
  output(): string;
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

async function startNode(): Promise<Node> {
  const port = await freePort();
  // the same settings as this test run (database, Redis and its key prefix, JWT secret)
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the second api exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`the second api did not get ready: ${output}`);
    const ready = await fetch(`${url}/health/ready`).catch(() => null);
    if (ready?.ok) return { url, child, output: () => output };
    await sleep(200);
  }
}

async function stopNode(node: Node | undefined): Promise<void> {
  if (!node || node.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => node.child.once('exit', () => resolve()));
  node.child.kill('SIGTERM');
  const timer = setTimeout(() => node.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

describe('forum realtime across two api processes', () => {
  let nodeA: TestApi;
  let nodeB: Node;
  let hubId: number;
  let member: { id: number; token: string }; // Pemkab Banyuwangi
  let reader: { id: number; token: string }; // Pemkot Surabaya
  const sockets: ForumClient[] = [];

  const socketTo = (url: string, token: string, options = {}): ForumClient => {
    const socket = forumSocket(url, token, options);
    sockets.push(socket);
    return socket;
  };

  /** GraphQL on either node. */
  const gqlOn = <T>(url: string, query: string, variables: object, token: string): Promise<T> =>
    gqlDataAt<T>(url, query, variables, token);

  const createThread = async (): Promise<number> =>
    (
      await gqlOn<{ createThread: { id: number } }>(
        nodeA.url,
        CREATE_THREAD,
        { input: { hubId, title: `Lintas node ${unique()}`, body: 'Pembuka.' } },
        member.token,
      )
    ).createThread.id;

  const createPost = async (url: string, threadId: number, body: string): Promise<number> =>
    (
      await gqlOn<{ createPost: { id: number } }>(
        url,
        CREATE_POST,
        { input: { threadId, body } },
        member.token,
      )
    ).createPost.id;

  beforeAll(async () => {
    [nodeA, nodeB] = await Promise.all([startTestApi(), startNode()]);
    hubId = (await nodeA.dataSource.getRepository(Network).findOneByOrFail({ slug: 'jipp-jawa-timur' })).id;
    const signIn = async (agency: string) => {
      const { user, token } = await nodeA.signInAs(Role.MEMBER, agency);
      return { id: user.id, token };
    };
    member = await signIn('Pemkab Banyuwangi');
    reader = await signIn('Pemkot Surabaya');
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await stopNode(nodeB);
    await nodeA?.close();
  });

  it('runs two api processes', () => {
    expect(nodeB.child.pid).not.toBe(process.pid);
    expect(new URL(nodeB.url).port).not.toBe(new URL(nodeA.url).port);
  });

  it('delivers a post made through GraphQL on node A to a socket connected to node B, and back', async () => {
    const threadId = await createThread();
    const onB = await connected(socketTo(nodeB.url, reader.token));
    const onA = await connected(socketTo(nodeA.url, reader.token));
    for (const socket of [onA, onB]) expect(await joinThread(socket, threadId)).toEqual({ ok: true });
    const [gotA, gotB] = [onA, onB].map((s) => collect(s, 'post:created'));

    const viaA = await createPost(nodeA.url, threadId, 'Dikirim lewat node A.');
    await until(() => gotA.length === 1 && gotB.length === 1, 'the post from A on both nodes');
    expect(gotB[0]).toMatchObject({ id: viaA, threadId, authorUserId: member.id });

    const viaB = await createPost(nodeB.url, threadId, 'Dikirim lewat node B.');
    await until(() => gotA.length === 2 && gotB.length === 2, 'the post from B on both nodes');
    await sleep(200);
    expect(gotA.map((p) => p.id)).toEqual([viaA, viaB]);
    expect(gotB.map((p) => p.id)).toEqual([viaA, viaB]);
  });

  it('carries typing from a socket on one node to the readers on the other', async () => {
    const threadId = await createThread();
    const typist = await connected(socketTo(nodeB.url, member.token));
    const onA = await connected(socketTo(nodeA.url, reader.token));
    for (const socket of [typist, onA]) expect(await joinThread(socket, threadId)).toEqual({ ok: true });
    const typing = collect(onA, 'typing');
    typist.emit('typing', threadId);
    await until(() => typing.length === 1, 'the typing on node A');
    expect(typing[0]).toMatchObject({ threadId, userId: member.id });
  });

  it('recovers a client that loses node A and comes back through node B', async () => {
    const threadId = await createThread();
    const socket = await connected(socketTo(nodeA.url, reader.token));
    expect(await joinThread(socket, threadId)).toEqual({ ok: true });
    const got = collect(socket, 'post:created');
    const dropped = disconnection(socket);
    socket.io.engine.close();
    await dropped;
    const missed = await createPost(nodeA.url, threadId, 'Terlewat, diambil dari node B.');
    // a load balancer without sticky sessions would send the reconnection to the other node
    (socket.io as unknown as { uri: string }).uri = nodeB.url;
    await connected(socket);
    expect(socket.recovered).toBe(true);
    await until(() => got.length === 1, 'the missed post');
    const next = await createPost(nodeA.url, threadId, 'Sesudahnya, dari node A.');
    await until(() => got.length === 2, 'the next post');
    await sleep(200);
    expect(got.map((p) => p.id)).toEqual([missed, next]);
  });
});
