import { JwtService } from '@nestjs/jwt';
import { Reflector } from '@nestjs/core';
import { Network } from '@jipp/agencies';
import { NetworkCoordinator } from '@jipp/auth';
import { ACCESS_RULE_KEY, Role } from '@jipp/core';
import { Thread, ThreadSubject, type PostMessage } from '@jipp/forum';
import { createInnovation, unique } from '@jipp/testing';
import { ForumGateway } from '../src/forum/forum.gateway';
import { startTestApi, type TestApi } from './api-harness';
import {
  collect,
  connected,
  disconnection,
  forumSocket,
  joinThread,
  leaveThread,
  refusal,
  sleep,
  until,
  type ForumClient,
} from './forum-socket-client';

/** What Nest's @SubscribeMessage marks a handler with. */
const MESSAGE_MAPPING_METADATA = 'websockets:message_mapping';

const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`;
const CREATE_POST = `mutation($input: CreatePostInput!) { createPost(input: $input) { id threadId } }`;

type Person = { id: number; agencyId: number; role: Role; token: string };

describe('forum realtime (socket.io)', () => {
  let api: TestApi;
  let hubId: number;
  let member: Person; // Pemkab Banyuwangi, in JIPP Jawa Timur
  let otherMember: Person; // Pemkot Surabaya, in JIPP Jawa Timur
  let coordinator: Person; // Pemprov Jawa Timur, coordinates JIPP Jawa Timur
  let outsider: Person; // Pemkot Makassar, not in JIPP Jawa Timur
  const sockets: ForumClient[] = [];

  const person = async (role: Role, agency: string, hubs: string[] = []): Promise<Person> => {
    const { user, token } = await api.signInAs(role, agency, { hubs });
    return { id: user.id, agencyId: user.agencyId, role, token };
  };

  /** An access token that expires in `seconds`, signed like the real ones. */
  const shortToken = (who: Person, seconds: number): Promise<string> =>
    api.app
      .get(JwtService, { strict: false })
      .signAsync(
        { sub: String(who.id), agency: who.agencyId, role: who.role },
        { expiresIn: seconds, algorithm: 'HS256' },
      );

  const socketOf = (token: Parameters<typeof forumSocket>[1], options = {}): ForumClient => {
    const socket = forumSocket(api.url, token, options);
    sockets.push(socket);
    return socket;
  };

  const createThread = async (who: Person, input: Record<string, unknown> = { hubId }): Promise<number> => {
    const res = await api.gql<{ createThread: { id: number } }>(
      CREATE_THREAD,
      { input: { title: `Diskusi ${unique()}`, body: 'Pembuka.', ...input } },
      who.token,
    );
    if (!res.data?.createThread) throw new Error(JSON.stringify(res.errors));
    return res.data.createThread.id;
  };

  /** A post made through GraphQL, as a user would. */
  const createPost = async (who: Person, threadId: number, body: string): Promise<number> => {
    const res = await api.gql<{ createPost: { id: number } }>(
      CREATE_POST,
      { input: { threadId, body } },
      who.token,
    );
    if (!res.data?.createPost) throw new Error(JSON.stringify(res.errors));
    return res.data.createPost.id;
  };

  beforeAll(async () => {
    api = await startTestApi();
    hubId = (await api.dataSource.getRepository(Network).findOneByOrFail({ slug: 'jipp-jawa-timur' })).id;
    member = await person(Role.MEMBER, 'Pemkab Banyuwangi');
    otherMember = await person(Role.MEMBER, 'Pemkot Surabaya');
    coordinator = await person(Role.COORDINATOR, 'Pemprov Jawa Timur', ['jipp-jawa-timur']);
    outsider = await person(Role.MEMBER, 'Pemkot Makassar');
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(() => api.close());

  it('states an access rule on every socket event (default deny)', () => {
    const reflector = api.app.get(Reflector);
    const gateway = api.app.get(ForumGateway, { strict: false });
    const proto = Object.getPrototypeOf(gateway) as Record<string, unknown>;
    const handlers = Object.getOwnPropertyNames(proto)
      .map((name) => proto[name])
      .filter(
        (fn): fn is () => unknown =>
          typeof fn === 'function' && !!Reflect.getMetadata(MESSAGE_MAPPING_METADATA, fn),
      );
    expect(handlers.map((fn) => Reflect.getMetadata('message', fn) as string).sort()).toEqual([
      'thread:join',
      'thread:leave',
      'typing',
    ]);
    for (const handler of handlers)
      expect(reflector.getAllAndOverride(ACCESS_RULE_KEY, [handler, ForumGateway])).toBeDefined();
  });

  it('refuses a connection without a valid access token', async () => {
    for (const token of ['', 'not-a-jwt', `${member.token}x`]) {
      const error = await connected(socketOf(token)).catch((e: unknown) => e as Error & { data?: unknown });
      expect(error).toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    }
    const anonymous = forumSocket(api.url, member.token, { auth: {} });
    sockets.push(anonymous);
    await expect(connected(anonymous)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
  });

  it('delivers a post made through GraphQL to every socket in its room, and to none outside it', async () => {
    const threadId = await createThread(member);
    const otherThreadId = await createThread(member);
    const readers = await Promise.all(
      [member, member, otherMember, coordinator].map((who) => connected(socketOf(who.token))),
    );
    for (const socket of readers) expect(await joinThread(socket, threadId)).toEqual({ ok: true });
    const notJoined = await connected(socketOf(otherMember.token));
    const elsewhere = await connected(socketOf(otherMember.token));
    expect(await joinThread(elsewhere, otherThreadId)).toEqual({ ok: true });
    const refused = await connected(socketOf(outsider.token));
    expect(await joinThread(refused, threadId)).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    const inbox = readers.map((socket) => collect(socket, 'post:created'));
    const stray = [notJoined, elsewhere, refused].map((socket) => collect(socket, 'post:created'));
    const postId = await createPost(otherMember, threadId, 'Kami sudah mencoba **Smart Kampung**.');

    await until(() => inbox.every((got) => got.length === 1), 'the post on every reader');
    for (const got of inbox) {
      expect(got[0]).toMatchObject<Partial<PostMessage>>({
        id: postId,
        threadId,
        authorUserId: otherMember.id,
        bodyHtml: expect.stringContaining('<strong>Smart Kampung</strong>') as string,
        deleted: false,
        hidden: false,
      });
      expect(got[0]!.authorName).toMatch(/^Pengguna-/);
    }
    // a later post elsewhere arrives: by then the first would have too
    await createPost(otherMember, otherThreadId, 'Di utas lain.');
    await until(() => stray[1]!.length === 1, 'the other thread’s post');
    expect(stray[0]).toEqual([]);
    expect(stray[1]!.map((p) => p.threadId)).toEqual([otherThreadId]);
    expect(stray[2]).toEqual([]);

    // after leaving, nothing more
    expect(await leaveThread(readers[0]!, threadId)).toEqual({ ok: true });
    await createPost(member, threadId, 'Setelah keluar.');
    await until(() => inbox[1]!.length === 2, 'the second post');
    expect(inbox[0]).toHaveLength(1);
  });

  it('lets a socket join only threads its user may read, checked on the server at every join', async () => {
    const hubThread = await createThread(member);
    const socket = await connected(socketOf(outsider.token));
    expect(await joinThread(socket, hubThread)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // forged or invalid ids never name a room: only a positive integer id is taken
    for (const forged of [
      `thread:${hubThread}`,
      String(hubThread),
      -hubThread,
      1.5,
      0,
      null,
      { id: hubThread },
      [hubThread],
    ])
      expect(await joinThread(socket, forged)).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
    expect(await joinThread(socket, 2 ** 31)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // a room name of another user or socket cannot be joined either: there is no such event
    const got = collect(socket, 'post:created');
    await createPost(member, hubThread, 'Rahasia hub.');
    await sleep(300);
    expect(got).toEqual([]);

    // an innovation's discussion is open to any signed-in user who may see the innovation
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkab Banyuwangi' });
    const discussion = await createThread(member, { innovationId: innovation.id });
    expect(await joinThread(socket, discussion)).toEqual({ ok: true });
  });

  it('drops a socket whose access token expires; it may not come back with that token', async () => {
    const token = await shortToken(member, 2);
    const socket = socketOf(token, { reconnection: true, reconnectionDelay: 50 });
    const sessions = collect(socket, 'session');
    await connected(socket);
    await until(() => sessions.length === 1, 'the session');
    expect(sessions[0]!.userId).toBe(member.id);
    expect(Date.parse(sessions[0]!.tokenExpiresAt) - Date.now()).toBeLessThanOrEqual(2000);
    const threadId = await createThread(member);
    expect(await joinThread(socket, threadId)).toEqual({ ok: true });
    const refused = refusal(socket, 6000);
    expect(await disconnection(socket, 4000)).toBe('transport close');
    expect(await refused).toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    expect(socket.connected).toBe(false);
  });

  it('after the token expires, a client that reconnects with a fresh one gets what it missed', async () => {
    const threadId = await createThread(member);
    let token = await shortToken(member, 2);
    let release = (): void => {};
    let gate = Promise.resolve();
    const socket = socketOf((cb) => void gate.then(() => cb({ token })), {
      reconnection: true,
      reconnectionDelay: 50,
    });
    await connected(socket);
    expect(await joinThread(socket, threadId)).toEqual({ ok: true });
    const got = collect(socket, 'post:created');
    socket.once('disconnect', () => {
      gate = new Promise((resolve) => (release = resolve));
    });
    await until(() => !socket.connected, 'the drop at expiry', 4000);
    const missed = await createPost(otherMember, threadId, 'Terlewat saat token habis.');
    token = member.token;
    release();
    await until(() => socket.connected, 'the reconnection');
    expect(socket.recovered).toBe(true);
    await until(() => got.length === 1, 'the missed post');
    expect(got.map((p) => p.id)).toEqual([missed]);
  });

  it('recovers a short disconnection: the missed posts arrive exactly once', async () => {
    const threadId = await createThread(member);
    const socket = await connected(socketOf(member.token));
    expect(await joinThread(socket, threadId)).toEqual({ ok: true });
    const got = collect(socket, 'post:created');
    const before = await createPost(otherMember, threadId, 'Sebelum putus.');
    await until(() => got.length === 1, 'the first post');

    const dropped = disconnection(socket);
    socket.io.engine.close(); // the network goes away
    expect(await dropped).toBe('forced close');
    const missed = [
      await createPost(otherMember, threadId, 'Terlewat satu.'),
      await createPost(coordinator, threadId, 'Terlewat dua.'),
    ];
    await connected(socket);
    expect(socket.recovered).toBe(true);
    await until(() => got.length >= 3, 'the missed posts');
    const after = await createPost(otherMember, threadId, 'Sesudah tersambung lagi.');
    await until(() => got.length >= 4, 'the next post');
    await sleep(200);
    expect(got.map((p) => p.id)).toEqual([before, ...missed, after]);
  });

  it('re-checks access on recovery: rooms no longer readable are left, and their missed posts withheld', async () => {
    const guest = await person(Role.COORDINATOR, 'KemenPANRB', ['jipp-jawa-timur']);
    const hubThread = await createThread(member);
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkab Banyuwangi' });
    const openThread = await createThread(member, { innovationId: innovation.id });
    const socket = await connected(socketOf(guest.token));
    expect(await joinThread(socket, hubThread)).toEqual({ ok: true });
    expect(await joinThread(socket, openThread)).toEqual({ ok: true });
    const got = collect(socket, 'post:created');

    const dropped = disconnection(socket);
    socket.io.engine.close();
    await dropped;
    await api.dataSource.getRepository(NetworkCoordinator).delete({ userId: guest.id, networkId: hubId });
    const hidden = await createPost(member, hubThread, 'Bukan untuk mantan koordinator.');
    const open = await createPost(member, openThread, 'Untuk semua.');
    await connected(socket);
    expect(socket.recovered).toBe(true);
    await until(() => got.length === 1, 'the open thread’s post');
    await createPost(member, hubThread, 'Masih bukan.');
    const later = await createPost(member, openThread, 'Masih untuk semua.');
    await until(() => got.length === 2, 'the next open post');
    expect(got.map((p) => p.id)).toEqual([open, later]);
    expect(got.map((p) => p.id)).not.toContain(hidden);
  });

  it('refuses a recovery with a token that expired meanwhile, and sends nothing it missed', async () => {
    const threadId = await createThread(member);
    const token = await shortToken(member, 2);
    const socket = await connected(socketOf(token));
    expect(await joinThread(socket, threadId)).toEqual({ ok: true });
    const packets: unknown[] = [];
    socket.io.on('packet', (packet) => packets.push(packet));
    const dropped = disconnection(socket);
    socket.io.engine.close();
    await dropped;
    await createPost(otherMember, threadId, 'Tidak boleh bocor.');
    await sleep(2500); // the token expires
    await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    expect(JSON.stringify(packets)).not.toContain('Tidak boleh bocor');
    expect(JSON.stringify(packets)).not.toContain('post:created');
  });

  it('sends typing to the other readers of the thread only, with the name, throttled', async () => {
    const threadId = await createThread(member);
    const typist = await connected(socketOf(member.token));
    const reader = await connected(socketOf(otherMember.token));
    const bystander = await connected(socketOf(coordinator.token));
    for (const socket of [typist, reader]) expect(await joinThread(socket, threadId)).toEqual({ ok: true });
    const [atTypist, atReader, atBystander] = [typist, reader, bystander].map((s) => collect(s, 'typing'));
    typist.emit('typing', threadId);
    typist.emit('typing', threadId); // within 2 s: dropped
    bystander.emit('typing', threadId); // not in the room: dropped
    await until(() => atReader.length === 1, 'the typing');
    await sleep(300);
    expect(atReader).toEqual([
      { threadId, userId: member.id, name: expect.stringMatching(/^Pengguna-/) as string },
    ]);
    expect(atTypist).toEqual([]);
    expect(atBystander).toEqual([]);
  });

  it('caps the threads a socket follows', async () => {
    const now = new Date();
    const rows = Array.from({ length: 51 }, (_, i) => ({
      subject: ThreadSubject.HUB,
      hubId,
      title: `Batas ${i} ${unique()}`,
      authorUserId: member.id,
      lastActivityAt: now,
    }));
    const ids = (await api.dataSource.getRepository(Thread).insert(rows)).identifiers.map((r) =>
      Number(r['id']),
    );
    const socket = await connected(socketOf(member.token));
    for (const id of ids.slice(0, 50)) {
      expect(await joinThread(socket, id)).toEqual({ ok: true });
      await sleep(30); // stay under the event rate
    }
    expect(await joinThread(socket, ids[50])).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(await joinThread(socket, ids[0])).toEqual({ ok: true }); // already followed
    expect(await leaveThread(socket, ids[0]!)).toEqual({ ok: true });
    expect(await joinThread(socket, ids[50])).toEqual({ ok: true });
  });

  it('slows a socket that sends too fast, then disconnects a flooder', async () => {
    const threadId = await createThread(member);
    const socket = await connected(socketOf(member.token));
    const acks = await Promise.all(Array.from({ length: 50 }, () => joinThread(socket, threadId)));
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(40);
    expect(acks.filter((a) => !a.ok)).toContainEqual(expect.objectContaining({ code: 'RATE_LIMITED' }));
    expect(socket.connected).toBe(true);
    const dropped = disconnection(socket);
    for (let i = 0; i < 300; i++) socket.emit('typing', threadId);
    expect(await dropped).toBe('io server disconnect');
  });

  it('closes a connection that sends a message over the payload limit', async () => {
    const socket = await connected(socketOf(member.token));
    const dropped = disconnection(socket);
    socket.emit('typing', 'x'.repeat(20 * 1024) as unknown as number);
    expect(['transport close', 'transport error']).toContain(await dropped);
  });
});
