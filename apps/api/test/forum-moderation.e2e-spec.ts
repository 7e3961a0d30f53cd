import { Network } from '@jipp/agencies';
import { AppConfig, AuditLog, OutboxEvent, Role } from '@jipp/core';
import {
  FlagStatus,
  ModerationAction,
  ModerationActionKind,
  ModerationReason,
  ModerationTarget,
  mostCommonReason,
  Post,
  PostFlag,
} from '@jipp/forum';
import { createInnovation, unique } from '@jipp/testing';
import { In, type FindOptionsWhere } from 'typeorm';
import { errorCode, startTestApi, type GqlResponse, type TestApi } from './api-harness';

const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`;
const CREATE_POST = `mutation($input: CreatePostInput!) { createPost(input: $input) { id bodyHtml } }`;
const POSTS = `query($threadId: Int!) { posts(threadId: $threadId, first: 100) { edges { node {
  id bodyHtml notice hiddenReason flagCount moderatorBodyHtml } } } }`;
const FLAG = `mutation($input: FlagPostInput!) { flagPost(input: $input) { id postId status reason } }`;
const THREAD_FIELDS = 'id pinned locked slowModeSeconds';

type PostView = {
  id: number;
  bodyHtml: string | null;
  notice: string | null;
  hiddenReason: string | null;
  flagCount: number;
  moderatorBodyHtml: string | null;
};

/** ISO date-time somewhere in a message. */
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/;

describe('forum moderation and flags', () => {
  let api: TestApi;
  let threshold: number;
  let hubId: number; // JIPP Jawa Timur
  let farHubId: number; // JIPP Sulawesi Selatan
  let coordinator: string; // of JIPP Jawa Timur
  let farCoordinator: string; // of JIPP Sulawesi Selatan
  let admin: string;
  let author: { id: number; token: string }; // Pemkab Banyuwangi
  let member: { id: number; token: string }; // Pemkot Surabaya
  /** More readers of the hub, signed in on demand. */
  const readers: Array<{ id: number; token: string }> = [];

  const signIn = async (role: Role, agency: string, hubs: string[] = []) => {
    const { user, token } = await api.signInAs(role, agency, { hubs });
    return { id: user.id, token };
  };

  const reader = async (i: number) => {
    while (readers.length <= i) {
      readers.push(await signIn(Role.MEMBER, readers.length % 2 ? 'Pemkot Surabaya' : 'Pemkab Banyuwangi'));
    }
    return readers[i]!;
  };

  const readersUpTo = async (count: number) => {
    await reader(count - 1);
    return readers.slice(0, count);
  };

  const must = <T>(res: GqlResponse<T>): T => {
    if (!res.data || res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };

  const newThread = async (place: Record<string, number> = { hubId }, as = author.token) => {
    const data = must(
      await api.gql<{ createThread: { id: number } }>(
        CREATE_THREAD,
        {
          input: { ...place, title: `Diskusi ${unique('forum')}`, body: 'Bagaimana pengalaman daerah Anda?' },
        },
        as,
      ),
    );
    return data.createThread.id;
  };

  const post = (threadId: number, body: string, as = author.token) =>
    api.gql<{ createPost: { id: number; bodyHtml: string } }>(CREATE_POST, { input: { threadId, body } }, as);

  const newPost = async (threadId: number, body = `Isi postingan ${unique('p')}`, as = author.token) =>
    must(await post(threadId, body, as)).createPost.id;

  const postsOf = async (threadId: number, as: string): Promise<Map<number, PostView>> => {
    const data = must(
      await api.gql<{ posts: { edges: Array<{ node: PostView }> } }>(POSTS, { threadId }, as),
    );
    return new Map(data.posts.edges.map((e) => [e.node.id, e.node]));
  };

  const threadAction = (name: string, threadId: number, as: string, extra: Record<string, unknown> = {}) =>
    api.gql<Record<string, { id: number; pinned: boolean; locked: boolean; slowModeSeconds: number }>>(
      `mutation($input: ${name === 'setSlowMode' ? 'SetSlowModeInput' : 'ThreadModerationInput'}!) {
        ${name}(input: $input) { ${THREAD_FIELDS} } }`,
      { input: { threadId, reason: 'Menjaga diskusi tetap tertib.', ...extra } },
      as,
    );

  const hide = (postId: number, as: string, category = 'ABUSE') =>
    api.gql<{ hidePost: { id: number; hiddenReason: string } }>(
      'mutation($input: HidePostInput!) { hidePost(input: $input) { id hiddenReason } }',
      { input: { postId, category, reason: 'Bahasa yang menyerang pribadi.' } },
      as,
    );

  const unhide = (postId: number, as: string) =>
    api.gql<{ unhidePost: { id: number; hiddenReason: string | null } }>(
      'mutation($input: UnhidePostInput!) { unhidePost(input: $input) { id hiddenReason } }',
      { input: { postId, reason: 'Setelah ditinjau, postingan ini wajar.' } },
      as,
    );

  const flag = (postId: number, as: string, reason = 'SPAM') =>
    api.gql<{ flagPost: { id: number; postId: number; status: string; reason: string } }>(
      FLAG,
      { input: { postId, reason, note: 'Promosi berulang.' } },
      as,
    );

  const decide = (name: 'resolveFlag' | 'dismissFlag', flagId: number, as: string) =>
    api.gql<Record<string, { id: number; status: string }>>(
      `mutation($input: FlagDecisionInput!) { ${name}(input: $input) { id status } }`,
      { input: { flagId, reason: 'Sudah ditinjau koordinator.' } },
      as,
    );

  const actions = (where: FindOptionsWhere<ModerationAction>) =>
    api.dataSource.getRepository(ModerationAction).find({ where, order: { id: 'ASC' } });

  const outbox = (type: string, postId: number) =>
    api.dataSource.getRepository(OutboxEvent).findBy({ type, aggregateId: String(postId) });

  beforeAll(async () => {
    api = await startTestApi();
    threshold = api.app.get(AppConfig).get('FORUM_FLAG_HIDE_THRESHOLD');
    const networks = api.dataSource.getRepository(Network);
    hubId = (await networks.findOneByOrFail({ slug: 'jipp-jawa-timur' })).id;
    farHubId = (await networks.findOneByOrFail({ slug: 'jipp-sulawesi-selatan' })).id;
    coordinator = (await signIn(Role.COORDINATOR, 'Pemprov Jawa Timur', ['jipp-jawa-timur'])).token;
    farCoordinator = (await signIn(Role.COORDINATOR, 'Pemprov Sulawesi Selatan', ['jipp-sulawesi-selatan']))
      .token;
    admin = (await signIn(Role.ADMIN, 'KemenPANRB')).token;
    author = await signIn(Role.MEMBER, 'Pemkab Banyuwangi');
    member = await signIn(Role.MEMBER, 'Pemkot Surabaya');
  });

  afterAll(() => api.close());

  it('lets the hub coordinator and admins pin, lock and slow a thread, refuses the others, logs each change', async () => {
    const threadId = await newThread();
    const steps: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
      ['pinThread', {}, { pinned: true }],
      ['unpinThread', {}, { pinned: false }],
      ['lockThread', {}, { locked: true }],
      ['unlockThread', {}, { locked: false }],
      ['setSlowMode', { seconds: 30 }, { slowModeSeconds: 30 }],
      ['setSlowMode', { seconds: 0 }, { slowModeSeconds: 0 }],
    ];
    for (const [name, extra, expected] of steps) {
      for (const outsider of [farCoordinator, member.token, author.token]) {
        expect([name, errorCode(await threadAction(name, threadId, outsider, extra))]).toEqual([
          name,
          'FORBIDDEN',
        ]);
      }
      expect(must(await threadAction(name, threadId, coordinator, extra))[name]).toMatchObject(expected);
    }
    // a national admin moderates everywhere
    expect(must(await threadAction('pinThread', threadId, admin)).pinThread.pinned).toBe(true);
    // pinning a pinned thread changes nothing and logs nothing
    expect(must(await threadAction('pinThread', threadId, coordinator)).pinThread.pinned).toBe(true);

    const log = await actions({ threadId });
    expect(log.map((a) => a.action)).toEqual([
      ModerationActionKind.PIN,
      ModerationActionKind.UNPIN,
      ModerationActionKind.LOCK,
      ModerationActionKind.UNLOCK,
      ModerationActionKind.SET_SLOW_MODE,
      ModerationActionKind.SET_SLOW_MODE,
      ModerationActionKind.PIN,
    ]);
    expect(new Set(log.map((a) => a.hubId))).toEqual(new Set([hubId]));
    expect(log.every((a) => a.reason === 'Menjaga diskusi tetap tertib.' && a.actorUserId !== null)).toBe(
      true,
    );
    expect(
      await api.dataSource.getRepository(AuditLog).countBy({
        entityType: 'thread',
        entityId: String(threadId),
        action: In(['thread.pin', 'thread.lock']),
      }),
    ).toBe(3);

    // the log, through the API: the hub's coordinators and admins only
    const LOG = `query($hubId: Int) { moderationLog(hubId: $hubId, first: 100) {
      edges { node { action targetType targetId threadId reason actor { id } } } } }`;
    const seen = must(
      await api.gql<{ moderationLog: { edges: Array<{ node: { threadId: number; action: string } }> } }>(
        LOG,
        { hubId },
        coordinator,
      ),
    ).moderationLog.edges.filter((e) => e.node.threadId === threadId);
    expect(seen.map((e) => e.node.action)).toEqual(log.map((a) => a.action).reverse());
    expect(errorCode(await api.gql(LOG, { hubId }, farCoordinator))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(LOG, { hubId }, member.token))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(LOG, {}, coordinator))).toBe('FORBIDDEN');
    expect(must(await api.gql(LOG, { hubId: farHubId }, admin))).toBeTruthy();

    // a reason is required; unknown threads are NOT_FOUND; slow mode stays within an hour
    expect(errorCode(await threadAction('lockThread', threadId, coordinator, { reason: 'no' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await threadAction('lockThread', 2_000_000_000, coordinator))).toBe('NOT_FOUND');
    expect(errorCode(await threadAction('setSlowMode', threadId, coordinator, { seconds: 3601 }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('enforces slow mode with RATE_LIMITED and locks with FORBIDDEN on createPost', async () => {
    const threadId = await newThread();
    must(await threadAction('setSlowMode', threadId, coordinator, { seconds: 60 }));
    await newPost(threadId, 'Postingan pertama saya.', member.token);
    const again = await post(threadId, 'Postingan kedua terlalu cepat.', member.token);
    expect(errorCode(again)).toBe('RATE_LIMITED');
    const retry = again.errors![0]!.extensions!['retryAfterSeconds'] as number;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(again.errors![0]!.message).toMatch(ISO_TIME);
    // another user is not slowed by someone else's post
    await newPost(threadId, 'Saya juga ingin menanggapi.', (await reader(0)).token);

    must(await threadAction('setSlowMode', threadId, coordinator, { seconds: 0 }));
    await newPost(threadId, 'Sekarang boleh lagi.', member.token);

    must(await threadAction('lockThread', threadId, coordinator));
    const locked = await post(threadId, 'Masih bisa?', member.token);
    expect(errorCode(locked)).toBe('FORBIDDEN');
    expect(locked.errors![0]!.message).toMatch(/locked/);
    must(await threadAction('unlockThread', threadId, coordinator));
    await newPost(threadId, 'Terbuka lagi.', member.token);
  });

  it('mutes a user in the hub until a time, says until when, and unmutes', async () => {
    const threadId = await newThread();
    const muted = await signIn(Role.MEMBER, 'Pemkab Banyuwangi');
    const until = new Date(Date.now() + 24 * 3600 * 1000);
    const MUTE = `mutation($input: MuteUserInput!) { muteUser(input: $input) { hubId userId mutedUntil reason } }`;
    const UNMUTE = `mutation($input: UnmuteUserInput!) { unmuteUser(input: $input) }`;
    const input = { hubId, userId: muted.id, until: until.toISOString(), reason: 'Berulang kali kasar.' };

    for (const outsider of [farCoordinator, member.token]) {
      expect(errorCode(await api.gql(MUTE, { input }, outsider))).toBe('FORBIDDEN');
    }
    const past = { ...input, until: new Date(Date.now() - 1000).toISOString() };
    expect(errorCode(await api.gql(MUTE, { input: past }, coordinator))).toBe('BAD_USER_INPUT');
    const tooLong = { ...input, until: new Date(Date.now() + 400 * 24 * 3600 * 1000).toISOString() };
    expect(errorCode(await api.gql(MUTE, { input: tooLong }, coordinator))).toBe('BAD_USER_INPUT');

    const mute = must(await api.gql<{ muteUser: { mutedUntil: string } }>(MUTE, { input }, coordinator));
    expect(new Date(mute.muteUser.mutedUntil).getTime()).toBe(until.getTime());

    const refused = await post(threadId, 'Saya mau bicara.', muted.token);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.extensions!['mutedUntil']).toBe(until.toISOString());
    expect(refused.errors![0]!.message).toContain(until.toISOString());
    // a mute covers new threads of the hub too
    expect(
      errorCode(
        await api.gql(
          CREATE_THREAD,
          { input: { hubId, title: 'Topik baru saya', body: 'Halo semua.' } },
          muted.token,
        ),
      ),
    ).toBe('FORBIDDEN');

    const MUTES = `query($hubId: Int!) { hubMutes(hubId: $hubId) { userId mutedUntil user { id } } }`;
    const list = must(
      await api.gql<{ hubMutes: Array<{ userId: number; user: { id: number } }> }>(
        MUTES,
        { hubId },
        coordinator,
      ),
    );
    expect(list.hubMutes.find((m) => m.userId === muted.id)?.user.id).toBe(muted.id);
    expect(errorCode(await api.gql(MUTES, { hubId }, farCoordinator))).toBe('FORBIDDEN');

    const { until: _until, ...unmuteInput } = input;
    expect(errorCode(await api.gql(UNMUTE, { input: unmuteInput }, farCoordinator))).toBe('FORBIDDEN');
    expect(
      must(await api.gql<{ unmuteUser: boolean }>(UNMUTE, { input: unmuteInput }, admin)).unmuteUser,
    ).toBe(true);
    expect(
      must(await api.gql<{ unmuteUser: boolean }>(UNMUTE, { input: unmuteInput }, coordinator)).unmuteUser,
    ).toBe(false);
    await newPost(threadId, 'Terima kasih, saya akan lebih sopan.', muted.token);

    const log = await actions({ targetType: ModerationTarget.USER, targetId: muted.id, hubId });
    expect(log.map((a) => a.action)).toEqual([
      ModerationActionKind.MUTE_USER,
      ModerationActionKind.UNMUTE_USER,
    ]);
  });

  it('hides a post from readers with a notice, shows moderators its content, and unhides it', async () => {
    const threadId = await newThread();
    const postId = await newPost(threadId, 'Kalimat yang **kasar** sekali.');
    for (const outsider of [farCoordinator, member.token]) {
      expect(errorCode(await hide(postId, outsider))).toBe('FORBIDDEN');
    }
    expect(must(await hide(postId, coordinator)).hidePost.hiddenReason).toBe('ABUSE');

    const seenByReader = (await postsOf(threadId, member.token)).get(postId)!;
    expect(seenByReader).toMatchObject({ bodyHtml: null, hiddenReason: 'ABUSE', moderatorBodyHtml: null });
    expect(seenByReader.notice).toBe('Disembunyikan oleh moderator: kata-kata kasar atau pelecehan.');
    for (const moderator of [coordinator, admin]) {
      const seen = (await postsOf(threadId, moderator)).get(postId)!;
      expect(seen.bodyHtml).toBeNull();
      expect(seen.moderatorBodyHtml).toContain('<strong>kasar</strong>');
    }
    // shown posts carry no moderator copy
    const firstPost = [...(await postsOf(threadId, coordinator)).values()].find((p) => p.id !== postId)!;
    expect(firstPost.moderatorBodyHtml).toBeNull();
    // another hub's coordinator cannot even read the hub's forum
    expect(errorCode(await api.gql(POSTS, { threadId }, farCoordinator))).toBe('NOT_FOUND');

    // hiding again under the same category changes nothing
    must(await hide(postId, admin));
    for (const outsider of [farCoordinator, member.token]) {
      expect(errorCode(await unhide(postId, outsider))).toBe('FORBIDDEN');
    }
    expect(must(await unhide(postId, admin)).unhidePost.hiddenReason).toBeNull();
    const shown = (await postsOf(threadId, member.token)).get(postId)!;
    expect(shown.bodyHtml).toContain('<strong>kasar</strong>');
    expect(shown.notice).toBeNull();
    expect((await actions({ targetId: postId, threadId })).map((a) => a.action)).toEqual([
      ModerationActionKind.HIDE_POST,
      ModerationActionKind.UNHIDE_POST,
    ]);
  });

  it('hides a post automatically at the flag threshold, pending review; one flag per reader', async () => {
    const threadId = await newThread();
    const postId = await newPost(threadId, 'Beli obat murah di situs kami!');
    expect(errorCode(await flag(postId, author.token))).toBe('FORBIDDEN');

    const flaggers = await readersUpTo(threshold);
    for (const [i, who] of flaggers.slice(0, -1).entries()) {
      expect(must(await flag(postId, who.token, i === 0 ? 'OFF_TOPIC' : 'SPAM')).flagPost.status).toBe(
        'OPEN',
      );
    }
    expect(errorCode(await flag(postId, flaggers[0]!.token))).toBe('CONFLICT');
    const before = (await postsOf(threadId, member.token)).get(postId)!;
    expect(before.bodyHtml).not.toBeNull();
    expect(before.flagCount).toBe(threshold - 1);

    must(await flag(postId, flaggers.at(-1)!.token));
    const hidden = (await postsOf(threadId, member.token)).get(postId)!;
    expect(hidden).toMatchObject({ bodyHtml: null, flagCount: threshold, moderatorBodyHtml: null });
    const reasons = flaggers.map((_, i) => (i === 0 && threshold > 1 ? 'OFF_TOPIC' : 'SPAM'));
    expect(hidden.hiddenReason).toBe(mostCommonReason(reasons as ModerationReason[]));
    expect(hidden.notice).toMatch(/^Disembunyikan otomatis/);
    expect((await postsOf(threadId, coordinator)).get(postId)!.moderatorBodyHtml).toContain('obat murah');

    const autoHides = await actions({ targetId: postId, action: ModerationActionKind.AUTO_HIDE });
    expect(autoHides).toHaveLength(1);
    expect(autoHides[0]).toMatchObject({ actorUserId: null, hubId, threadId });
    expect(await outbox('forum.flag_raised', postId)).toHaveLength(threshold);
    const [event] = await outbox('forum.post_auto_hidden', postId);
    expect(event?.payload).toMatchObject({ postId, threadId, hubIds: [hubId] });

    // a later flag on a post the flags hid still counts, but hides nothing again
    must(await flag(postId, (await reader(threshold)).token));
    expect(await actions({ targetId: postId, action: ModerationActionKind.AUTO_HIDE })).toHaveLength(1);

    // the review queue: the hub's coordinators and admins, oldest first
    const QUEUE = `query($hubId: Int!, $after: String) { flagQueue(hubId: $hubId, first: 100, after: $after) {
      edges { node { id postId reason status flaggedBy { id } post { id moderatorBodyHtml } } }
      pageInfo { hasNextPage endCursor } } }`;
    type QueueNode = {
      id: number;
      postId: number;
      flaggedBy: { id: number };
      post: { moderatorBodyHtml: string };
    };
    const queued: QueueNode[] = [];
    let after: string | undefined;
    do {
      const page = must(
        await api.gql<{
          flagQueue: {
            edges: Array<{ node: QueueNode }>;
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        }>(QUEUE, { hubId, after }, coordinator),
      ).flagQueue;
      queued.push(...page.edges.map((e) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    const mine = queued.filter((n) => n.postId === postId);
    expect(mine.map((n) => n.flaggedBy.id)).toEqual([...flaggers, readers[threshold]!].map((r) => r.id));
    expect(mine.map((n) => n.id)).toEqual([...mine.map((n) => n.id)].sort((a, b) => a - b));
    expect(mine[0]!.post.moderatorBodyHtml).toContain('obat murah');
    for (const outsider of [farCoordinator, member.token]) {
      expect(errorCode(await api.gql(QUEUE, { hubId }, outsider))).toBe('FORBIDDEN');
    }

    // resolving one flag: the moderator now stands behind the hiding, every open flag is resolved
    for (const outsider of [farCoordinator, member.token]) {
      expect(errorCode(await decide('resolveFlag', mine[0]!.id, outsider))).toBe('FORBIDDEN');
    }
    expect(must(await decide('resolveFlag', mine[0]!.id, coordinator)).resolveFlag.status).toBe('RESOLVED');
    const flags = await api.dataSource.getRepository(PostFlag).findBy({ postId });
    expect(new Set(flags.map((f) => f.status))).toEqual(new Set([FlagStatus.RESOLVED]));
    const reviewed = (await postsOf(threadId, member.token)).get(postId)!;
    expect(reviewed).toMatchObject({ bodyHtml: null, flagCount: 0 });
    expect(reviewed.notice).toMatch(/^Disembunyikan oleh moderator/);
    expect(errorCode(await decide('dismissFlag', mine[1]!.id, coordinator))).toBe('CONFLICT');
    // a post a moderator hid takes no more flags
    expect(errorCode(await flag(postId, (await reader(threshold + 1)).token))).toBe('CONFLICT');
    expect((await actions({ threadId })).map((a) => a.action)).toEqual([
      ModerationActionKind.AUTO_HIDE,
      ModerationActionKind.HIDE_POST,
      ModerationActionKind.RESOLVE_FLAG,
    ]);
  });

  it('shows a post the flags hid again once a moderator dismissed its last open flag', async () => {
    const threadId = await newThread();
    const postId = await newPost(threadId, 'Pendapat yang tidak populer.');
    const flagIds: number[] = [];
    for (let i = 0; i < threshold; i++) {
      flagIds.push(must(await flag(postId, (await reader(i)).token, 'MISINFORMATION')).flagPost.id);
    }
    expect((await postsOf(threadId, member.token)).get(postId)!.bodyHtml).toBeNull();
    expect(errorCode(await decide('dismissFlag', flagIds[0]!, farCoordinator))).toBe('FORBIDDEN');
    for (const [i, flagId] of flagIds.entries()) {
      expect(must(await decide('dismissFlag', flagId, coordinator)).dismissFlag.status).toBe('DISMISSED');
      const seen = (await postsOf(threadId, member.token)).get(postId)!;
      expect([i, seen.bodyHtml === null, seen.flagCount]).toEqual([
        i,
        i < flagIds.length - 1,
        flagIds.length - 1 - i,
      ]);
    }
    // dismissing again changes nothing
    must(await decide('dismissFlag', flagIds[0]!, coordinator));
    expect((await actions({ threadId })).map((a) => a.action)).toEqual([
      ModerationActionKind.AUTO_HIDE,
      ...Array<string>(threshold).fill(ModerationActionKind.DISMISS_FLAG),
      // the last dismissal shows the post again
      ModerationActionKind.UNHIDE_POST,
    ]);
  });

  it('auto-hides exactly once when readers flag a post at the same time', async () => {
    const threadId = await newThread();
    const postId = await newPost(threadId, 'Tautan mencurigakan.');
    const flaggers = await readersUpTo(threshold + 3);
    const results = await Promise.all(flaggers.map((who) => flag(postId, who.token)));
    expect(results.map((r) => r.errors ?? null)).toEqual(flaggers.map(() => null));

    expect(await actions({ targetId: postId, action: ModerationActionKind.AUTO_HIDE })).toHaveLength(1);
    expect(await outbox('forum.post_auto_hidden', postId)).toHaveLength(1);
    expect(await outbox('forum.flag_raised', postId)).toHaveLength(threshold + 3);
    const row = await api.dataSource.getRepository(Post).findOneByOrFail({ id: postId });
    expect(row).toMatchObject({ flagCount: threshold + 3, hiddenByUserId: null, hiddenReason: 'SPAM' });
    expect(row.hiddenAt).not.toBeNull();
  });

  it('lets a coordinator moderate the discussion of an innovation from an agency of their hub', async () => {
    const innovation = await createInnovation(api.dataSource, { agency: 'Pemkab Banyuwangi' });
    const threadId = await newThread({ innovationId: innovation.id }, member.token);
    // everyone who sees the innovation reads its discussion, moderators are the origin's hub
    expect(errorCode(await threadAction('pinThread', threadId, farCoordinator))).toBe('FORBIDDEN');
    expect(must(await threadAction('pinThread', threadId, coordinator)).pinThread.pinned).toBe(true);
    const postId = await newPost(threadId, 'Data pribadi: NIK 3510xxxxxxxx.', member.token);
    expect(errorCode(await hide(postId, farCoordinator, 'PERSONAL_DATA'))).toBe('FORBIDDEN');
    must(await hide(postId, coordinator, 'PERSONAL_DATA'));
    const seen = (await postsOf(threadId, coordinator)).get(postId)!;
    expect(seen).toMatchObject({ bodyHtml: null, hiddenReason: 'PERSONAL_DATA' });
    expect(seen.moderatorBodyHtml).toContain('NIK');
    // the far coordinator reads the discussion but sees no moderator copy
    expect((await postsOf(threadId, farCoordinator)).get(postId)!.moderatorBodyHtml).toBeNull();
    expect((await actions({ threadId })).map((a) => [a.action, a.hubId])).toEqual([
      [ModerationActionKind.PIN, hubId],
      [ModerationActionKind.HIDE_POST, hubId],
    ]);

    // its flags reach the hub's review queue
    const other = await newPost(threadId, 'Promosi produk lain.', author.token);
    const flagged = must(await flag(other, member.token)).flagPost.id;
    const QUEUE = `query($hubId: Int!) { flagQueue(hubId: $hubId, first: 100) { edges { node { id } } } }`;
    const ids = (hub: number) =>
      api
        .gql<{ flagQueue: { edges: Array<{ node: { id: number } }> } }>(QUEUE, { hubId: hub }, admin)
        .then((res) => must(res).flagQueue.edges.map((e) => e.node.id));
    expect(await ids(hubId)).toContain(flagged);
    expect(await ids(farHubId)).not.toContain(flagged);
  });

  it('answers XSS payloads posted through createPost with inert HTML', async () => {
    const threadId = await newThread();
    const payloads = [
      '<script>alert(document.cookie)</script>',
      '<img src=x onerror="alert(1)">',
      '[klik di sini](javascript:alert(1))',
      '<a href="javascript:alert(1)">klik</a>',
      '<svg onload=alert(1)>',
      '<iframe src="https://evil.example"></iframe>',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
    ];
    /** What would run in a browser: script-capable tags, event handlers, styles, non-http(s) links. */
    const active = (html: string): string[] =>
      [
        /<(script|img|svg|iframe|object|embed|style)\b/i,
        /<[^>]*\son\w+\s*=/i,
        /<[^>]*\sstyle\s*=/i,
        /<[^>]*\s(href|src)\s*=\s*"(?!https?:|mailto:)/i,
      ]
        .filter((pattern) => pattern.test(html))
        .map(String);
    const created: number[] = [];
    for (const body of payloads) {
      const created1 = must(await post(threadId, body, member.token)).createPost;
      created.push(created1.id);
      expect([body, active(created1.bodyHtml)]).toEqual([body, []]);
    }
    const read = await postsOf(threadId, author.token);
    for (const id of created) expect(active(read.get(id)!.bodyHtml!)).toEqual([]);
    // a real link stays a link, marked nofollow
    const link = must(await post(threadId, '[JIPP](https://jipp.example/forum)', member.token)).createPost;
    expect(link.bodyHtml).toContain('<a href="https://jipp.example/forum" rel="nofollow noopener"');
  });
});
