import { Network } from '@jipp/agencies';
import { OutboxEvent, Role } from '@jipp/core';
import { Post, PostMention, Thread } from '@jipp/forum';
import { createInnovation } from '@jipp/testing';
import { errorCode, startTestApi, type TestApi } from './api-harness';

const CREATE_THREAD = `mutation($input: CreateThreadInput!) {
  createThread(input: $input) { id title subject postCount hub { slug } author { name } }
}`;
const CREATE_POST = `mutation($input: CreatePostInput!) {
  createPost(input: $input) { id bodyHtml body replyToPostId editedAt notice author { id } }
}`;
const POSTS = `query($threadId: Int!, $order: PostOrder, $first: Int, $after: String) {
  posts(threadId: $threadId, order: $order, first: $first, after: $after) {
    edges { node { id bodyHtml notice } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Person = { id: number; token: string };

describe('forum threads and posts', () => {
  let api: TestApi;
  let hubId: number;
  let member: Person; // Pemkab Banyuwangi, in JIPP Jawa Timur
  let otherMember: Person; // Pemkot Surabaya, in JIPP Jawa Timur
  let outsider: Person; // Pemkot Makassar, not in JIPP Jawa Timur
  let coordinator: Person;
  let admin: Person;

  const person = async (role: Role, agency: string, hubs: string[] = []): Promise<Person> => {
    const { user, token } = await api.signInAs(role, agency, { hubs });
    return { id: user.id, token };
  };

  const thread = async (who: Person, input: Record<string, unknown> = { hubId }) => {
    const res = await api.gql<{ createThread: { id: number; postCount: number } }>(
      CREATE_THREAD,
      { input: { title: 'Berbagi pengalaman replikasi', body: 'Pembuka diskusi.', ...input } },
      who.token,
    );
    if (!res.data?.createThread) throw new Error(JSON.stringify(res.errors));
    return res.data.createThread;
  };

  const post = (who: Person, threadId: number, body: string, extra: Record<string, unknown> = {}) =>
    api.gql<{ createPost: { id: number; bodyHtml: string; body: string | null; notice: string | null } }>(
      CREATE_POST,
      { input: { threadId, body, ...extra } },
      who.token,
    );

  beforeAll(async () => {
    api = await startTestApi();
    hubId = (await api.dataSource.getRepository(Network).findOneByOrFail({ slug: 'jipp-jawa-timur' })).id;
    member = await person(Role.MEMBER, 'Pemkab Banyuwangi');
    otherMember = await person(Role.MEMBER, 'Pemkot Surabaya');
    outsider = await person(Role.MEMBER, 'Pemkot Makassar');
    coordinator = await person(Role.COORDINATOR, 'Pemprov Jawa Timur', ['jipp-jawa-timur']);
    admin = await person(Role.ADMIN, 'KemenPANRB');
  });

  afterAll(() => api.close());

  it("opens a hub's forum to its agencies, its coordinators and admins, and to no one else", async () => {
    const created = await api.gql<{ createThread: Record<string, unknown> }>(
      CREATE_THREAD,
      { input: { hubId, title: 'Jadwal studi tiru bulan depan', body: 'Siapa yang ikut?' } },
      member.token,
    );
    expect(created.data?.createThread).toMatchObject({
      subject: 'HUB',
      postCount: 1,
      hub: { slug: 'jipp-jawa-timur' },
    });
    const id = (created.data!.createThread as { id: number }).id;
    for (const who of [member, otherMember, coordinator, admin]) {
      expect(
        (await api.gql(`query($id: Int!) { thread(id: $id) { id } }`, { id }, who.token)).errors,
      ).toBeUndefined();
      expect((await post(who, id, 'Saya ikut.')).errors).toBeUndefined();
    }
    expect(
      errorCode(await api.gql(`query($id: Int!) { thread(id: $id) { id } }`, { id }, outsider.token)),
    ).toBe('NOT_FOUND');
    expect(errorCode(await post(outsider, id, 'Boleh ikut?'))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(POSTS, { threadId: id }, outsider.token))).toBe('NOT_FOUND');
    expect(
      errorCode(
        await api.gql(
          `query($hubId: Int) { threads(hubId: $hubId) { edges { node { id } } } }`,
          { hubId },
          outsider.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(POSTS, { threadId: id }))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(
        await api.gql(CREATE_THREAD, { input: { hubId, title: 'Dari luar hub', body: 'x' } }, outsider.token),
      ),
    ).toBe('NOT_FOUND');
    const rows = await api.dataSource.getRepository(Thread).findOneByOrFail({ id });
    expect(rows.postCount).toBe(5);
  });

  it('opens an innovation discussion to every signed-in user who may see the innovation', async () => {
    const published = await createInnovation(api.dataSource, { agency: 'Pemkab Banyuwangi' });
    const draft = await createInnovation(api.dataSource, {
      agency: 'Pemkab Banyuwangi',
      status: 'DRAFT' as never,
    });
    const discussion = await thread(outsider, { innovationId: published.id });
    expect((await post(otherMember, discussion.id, 'Menarik sekali.')).errors).toBeUndefined();
    expect(
      errorCode(
        await api.gql(
          CREATE_THREAD,
          { input: { innovationId: draft.id, title: 'Draf rahasia', body: 'x' } },
          outsider.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect((await thread(member, { innovationId: draft.id })).postCount).toBe(1);
    expect(
      errorCode(
        await api.gql(
          CREATE_THREAD,
          { input: { hubId, innovationId: published.id, title: 'Dua tempat', body: 'x' } },
          member.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('pages posts oldest or newest first, each exactly once', async () => {
    const t = await thread(member);
    for (let i = 1; i <= 6; i++) await post(i % 2 ? member : otherMember, t.id, `Pesan nomor ${i}`);
    const collect = async (order: string) => {
      const seen: number[] = [];
      let after: string | null = null;
      for (;;) {
        const res: {
          data?: {
            posts: {
              edges: Array<{ node: { id: number } }>;
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          } | null;
        } = await api.gql(POSTS, { threadId: t.id, order, first: 3, after }, member.token);
        seen.push(...res.data!.posts.edges.map((e) => e.node.id));
        if (!res.data!.posts.pageInfo.hasNextPage) return seen;
        after = res.data!.posts.pageInfo.endCursor;
      }
    };
    const oldest = await collect('OLDEST_FIRST');
    expect(oldest).toHaveLength(7);
    expect(await collect('NEWEST_FIRST')).toEqual([...oldest].reverse());
  });

  it('checks who may read a thread before anything of its page: NOT_FOUND beats a bad cursor', async () => {
    const t = await thread(member);
    await post(otherMember, t.id, 'Balasan pertama');
    const badCursor = 'bukan-kursor';
    // the page is read beside the access check; the check's answer still comes first
    expect(errorCode(await api.gql(POSTS, { threadId: t.id, after: badCursor }, outsider.token))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await api.gql(POSTS, { threadId: 987_654, after: badCursor }, member.token))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await api.gql(POSTS, { threadId: t.id, after: badCursor }, member.token))).toBe(
      'BAD_USER_INPUT',
    );
    const refused = await api.gql(POSTS, { threadId: t.id }, outsider.token);
    expect(refused.data).toBeNull();
    expect(JSON.stringify(refused)).not.toContain('Balasan pertama');
    const page = await api.gql<{ posts: { edges: Array<{ node: { bodyHtml: string } }> } }>(
      POSTS,
      { threadId: t.id },
      member.token,
    );
    expect(page.data?.posts.edges.map((e) => e.node.bodyHtml)).toEqual([
      '<p>Pembuka diskusi.</p>',
      '<p>Balasan pertama</p>',
    ]);
  });

  it('renders Markdown safely and keeps the author’s Markdown for the author only', async () => {
    const t = await thread(member);
    const res = await post(
      member,
      t.id,
      '**Penting**: <script>alert(1)</script> [tautan](javascript:alert(1)) https://jipp.go.id',
    );
    const html = res.data!.createPost.bodyHtml;
    expect(html).toContain('<strong>Penting</strong>');
    expect(html).not.toMatch(/<script|<a[^>]*href="javascript/i);
    expect(html).toContain('<a href="https://jipp.go.id" rel="nofollow noopener" target="_blank">');
    expect(res.data!.createPost.body).toContain('**Penting**');
    const seen = await api.gql<{ posts: { edges: Array<{ node: { id: number } }> } }>(
      `query($threadId: Int!) { posts(threadId: $threadId, order: NEWEST_FIRST, first: 1) { edges { node { id body } } } }`,
      { threadId: t.id },
      otherMember.token,
    );
    expect(seen.data!.posts.edges[0]!.node).toEqual({ id: res.data!.createPost.id, body: null });
    expect(errorCode(await post(member, t.id, ''))).toBe('BAD_USER_INPUT');
    expect(errorCode(await post(member, t.id, 'x'.repeat(10_001)))).toBe('BAD_USER_INPUT');
  });

  it('resolves mentions of readers only, and tells the outbox who was mentioned', async () => {
    const t = await thread(member);
    const res = await post(
      member,
      t.id,
      `Mohon masukan @[Kawan](user:${otherMember.id}) dan @[Orang Luar](user:${outsider.id}) serta @[Saya](user:${member.id})`,
    );
    const created = res.data!.createPost;
    expect(created.bodyHtml).toContain(`<span class="mention" data-user-id="${otherMember.id}">@`);
    expect(created.bodyHtml).not.toContain(`data-user-id="${outsider.id}"`);
    expect(created.bodyHtml).toContain('@Orang Luar');
    const mentions = await api.dataSource.getRepository(PostMention).findBy({ postId: created.id });
    expect(mentions.map((m) => m.userId)).toEqual([otherMember.id]);
    const event = await api.dataSource
      .getRepository(OutboxEvent)
      .findOneByOrFail({ aggregateType: 'post', aggregateId: String(created.id) });
    expect(event.type).toBe('forum.post_created');
    expect(event.payload).toMatchObject({ threadId: t.id, hubId, mentionedUserIds: [otherMember.id] });
  });

  it('replies within the thread only, and tells the outbox whose post was answered', async () => {
    const t = await thread(member);
    const other = await thread(member);
    const first = await post(otherMember, t.id, 'Pertanyaan pertama');
    const reply = await post(member, t.id, 'Jawaban', { replyToPostId: first.data!.createPost.id });
    expect(reply.errors).toBeUndefined();
    const event = await api.dataSource
      .getRepository(OutboxEvent)
      .findOneByOrFail({ aggregateType: 'post', aggregateId: String(reply.data!.createPost.id) });
    expect(event.payload).toMatchObject({ replyToAuthorUserId: otherMember.id });
    expect(
      errorCode(await post(member, other.id, 'Salah utas', { replyToPostId: first.data!.createPost.id })),
    ).toBe('BAD_USER_INPUT');
  });

  it('lets the author edit within the window with an edited mark, and delete softly', async () => {
    const t = await thread(member);
    const created = (await post(member, t.id, 'Versi awal')).data!.createPost;
    const edit = `mutation($input: EditPostInput!) { editPost(input: $input) { id bodyHtml editedAt } }`;
    expect(
      errorCode(await api.gql(edit, { input: { id: created.id, body: 'Bukan saya' } }, otherMember.token)),
    ).toBe('FORBIDDEN');
    const edited = await api.gql<{ editPost: { bodyHtml: string; editedAt: string | null } }>(
      edit,
      { input: { id: created.id, body: 'Versi *perbaikan*' } },
      member.token,
    );
    expect(edited.data!.editPost.bodyHtml).toBe('<p>Versi <em>perbaikan</em></p>');
    expect(edited.data!.editPost.editedAt).not.toBeNull();
    // after the 15-minute window the post is final
    await api.dataSource
      .getRepository(Post)
      .update({ id: created.id }, { createdAt: new Date(Date.now() - 16 * 60_000) });
    expect(
      errorCode(await api.gql(edit, { input: { id: created.id, body: 'Terlambat' } }, member.token)),
    ).toBe('FORBIDDEN');

    const remove = `mutation($id: Int!) { deletePost(id: $id) { id bodyHtml notice } }`;
    expect(errorCode(await api.gql(remove, { id: created.id }, otherMember.token))).toBe('FORBIDDEN');
    const deleted = await api.gql<{ deletePost: { bodyHtml: string | null; notice: string } }>(
      remove,
      { id: created.id },
      member.token,
    );
    expect(deleted.data!.deletePost).toMatchObject({
      bodyHtml: null,
      notice: 'Postingan ini telah dihapus.',
    });
    // a coordinator of the hub deletes others' posts too
    const another = (await post(otherMember, t.id, 'Iklan obat kuat')).data!.createPost;
    expect((await api.gql(remove, { id: another.id }, coordinator.token)).errors).toBeUndefined();
    const row = await api.dataSource.getRepository(Thread).findOneByOrFail({ id: t.id });
    expect(row.postCount).toBe(1);
    expect((await api.dataSource.getRepository(Post).findOneByOrFail({ id: created.id })).body).toBe(
      'Versi *perbaikan*',
    );
  });

  it('enforces locked threads and slow mode on GraphQL writes', async () => {
    const t = await thread(member);
    await api.dataSource.getRepository(Thread).update({ id: t.id }, { slowModeSeconds: 60 });
    expect((await post(otherMember, t.id, 'Pertama')).errors).toBeUndefined();
    const slow = await post(otherMember, t.id, 'Kedua, terlalu cepat');
    expect(errorCode(slow)).toBe('RATE_LIMITED');
    expect(slow.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(50);
    expect(slow.errors?.[0]?.message).toMatch(/after \d{4}-\d{2}-\d{2}T/);
    await api.dataSource.getRepository(Thread).update({ id: t.id }, { locked: true, slowModeSeconds: 0 });
    expect(errorCode(await post(member, t.id, 'Terkunci'))).toBe('FORBIDDEN');
    // a refused post leaves the thread as it was: no count, no activity
    const after = await api.dataSource.getRepository(Thread).findOneByOrFail({ id: t.id });
    expect(after.postCount).toBe(2);
    expect(await api.dataSource.getRepository(Post).countBy({ threadId: t.id })).toBe(2);
    expect(errorCode(await post(member, 2_000_000_000, 'Ke mana?'))).toBe('NOT_FOUND');
  });

  it('orders concurrent posts of a thread: every post counted once, slow mode lets one through', async () => {
    const busy = await thread(member);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => post(i % 2 ? member : otherMember, busy.id, `Serentak ${i}`)),
    );
    expect(answers.map((a) => a.errors)).toEqual(Array(8).fill(undefined));
    const counted = await api.dataSource.getRepository(Thread).findOneByOrFail({ id: busy.id });
    expect(counted.postCount).toBe(9);
    expect(counted.lastPostAt).not.toBeNull();

    const slow = await thread(member);
    await api.dataSource.getRepository(Thread).update({ id: slow.id }, { slowModeSeconds: 60 });
    const racing = await Promise.all(
      Array.from({ length: 5 }, (_, i) => post(otherMember, slow.id, `Balapan ${i}`)),
    );
    expect(racing.filter((a) => a.errors === undefined)).toHaveLength(1);
    expect(racing.filter((a) => errorCode(a) === 'RATE_LIMITED')).toHaveLength(4);
    expect((await api.dataSource.getRepository(Thread).findOneByOrFail({ id: slow.id })).postCount).toBe(2);
  });
});
