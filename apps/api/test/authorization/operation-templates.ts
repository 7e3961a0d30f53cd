import { Role } from '@jipp/core';
import { InnovationStatus } from '@jipp/innovations';
import { Notification } from '@jipp/notifications';
import { ReplicationStatus } from '@jipp/replications';
import { TEST_PASSWORD, unique } from '@jipp/testing';
import { freshAgencies } from '../notification-fixtures';
import {
  approvedReplication,
  awardOf,
  evidenceOf,
  flaggedPost,
  hiddenPost,
  hubThread,
  innovationOf,
  invitationOf,
  mutedUser,
  notificationOf,
  outcomeInput,
  postIn,
  refreshTokenOf,
  replicationOf,
  userOf,
  type Person,
  type Principal,
  type Scope,
  type Side,
  type World,
} from './authorization-world';

/** One GraphQL request; `upload` makes it a multipart request with that file as `variables.file`. */
export interface GqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  upload?: { name: string; content: string };
  /** For answers that succeed either way: whether the side's object was left out ("filtered"). */
  filtered?: (data: Record<string, unknown>) => boolean | Promise<boolean>;
}

/** What a template builds a request for. */
export interface CallContext {
  world: World;
  principal: Principal;
  scope: Scope;
  /** Side A for `own`, side B for `other`. */
  side: Side;
  /** The signed-in caller; null for `anonymous`. */
  caller: Person | null;
}

export interface OperationTemplate {
  kind: 'query' | 'mutation';
  /** Whether the request names objects of a side, so it runs for `own` and `other`. */
  scoped: boolean;
  /** Builds the request, with fresh objects when the operation changes them. */
  build(ctx: CallContext): Promise<GqlRequest> | GqlRequest;
}

const query = (build: OperationTemplate['build'], scoped = true): OperationTemplate => ({
  kind: 'query',
  scoped,
  build,
});
const mutation = (build: OperationTemplate['build'], scoped = true): OperationTemplate => ({
  kind: 'mutation',
  scoped,
  build,
});
const unscopedQuery = (text: string, variables?: Record<string, unknown>) =>
  query(() => ({ query: text, variables }), false);

/** The caller's own post in the side's thread, or the side author's when the caller has none. */
async function postOfCaller(ctx: CallContext): Promise<number> {
  const own = ctx.scope === 'own' && ctx.caller ? ctx.caller : ctx.side.author;
  return postIn(ctx.world.api.gql, ctx.side.thread, own);
}

const freshThread = (ctx: CallContext) => hubThread(ctx.world.api.gql, ctx.side);
const REASON = 'Alasan moderasi untuk uji.';

/** The columns of an innovation file, in the order `innovationExport` writes them. */
const IMPORT_COLUMNS = [
  'registration_number',
  'slug',
  'title',
  'summary',
  'problem',
  'approach',
  'novelty',
  'impact',
  'category',
  'digital',
  'stage',
  'sdg_goals',
  'launch_year',
  'origin_agency_type',
  'origin_agency',
  'origin_agency_name',
  'contact_unit',
  'contact_name',
  'contact_email',
  'contact_phone',
  'reference_url',
  'awards',
  'published_at',
];

function threadModeration(name: string): OperationTemplate {
  return mutation(async (ctx) => ({
    query: `mutation($input: ThreadModerationInput!) { ${name}(input: $input) { id } }`,
    variables: { input: { threadId: await freshThread(ctx), reason: REASON } },
  }));
}

/**
 * The request template of every query and mutation. `own` names side A's objects (the caller's
 * agency A, hub A, or for the coordinator the agency A of the hub they coordinate), `other` the
 * same kind of object of side B: the IDOR half of the matrix.
 */
export const OPERATION_TEMPLATES: Record<string, OperationTemplate> = {
  // ------------------------------------------------------------------ queries
  agencies: unscopedQuery('{ agencies(first: 1) { edges { node { id } } } }'),
  agency: query(({ side }) => ({
    query: 'query($id: Int!) { agency(id: $id) { id name } }',
    variables: { id: side.agency.id },
  })),
  flagQueue: query(({ side }) => ({
    query: 'query($hubId: Int!) { flagQueue(hubId: $hubId) { edges { node { id } } } }',
    variables: { hubId: side.hub.id },
  })),
  gapMap: unscopedQuery('{ gapMap(provinceCode: "35") { provinceCode } }'),
  hubActivity: query(({ side }) => ({
    query:
      'query($hubId: Int!) { hubActivity(hubId: $hubId, from: "2026-01-05", to: "2026-02-01") { hubId } }',
    variables: { hubId: side.hub.id },
  })),
  hubMutes: query(({ side }) => ({
    query: 'query($hubId: Int!) { hubMutes(hubId: $hubId) { userId } }',
    variables: { hubId: side.hub.id },
  })),
  innovation: query(({ side }) => ({
    query: 'query($id: Int!) { innovation(id: $id) { id } }',
    variables: { id: side.draft.id },
  })),
  innovationCategories: unscopedQuery('{ innovationCategories(competitionYear: 2018) { id } }'),
  innovationExport: unscopedQuery('{ innovationExport }'),
  // drafts have no funnel at all: an archived innovation's is the one with a reader rule
  innovationFunnel: query(({ side }) => ({
    query: 'query($id: Int!) { innovationFunnel(innovationId: $id) { innovationId } }',
    variables: { id: side.archived.id },
  })),
  innovations: query(({ side }) => ({
    query: `query($filter: InnovationFilterInput) {
      innovations(first: 100, filter: $filter) { edges { node { id } } }
    }`,
    variables: { filter: { statuses: ['DRAFT'], originAgencyId: side.agency.id } },
    filtered: (data) =>
      !(data['innovations'] as { edges: Array<{ node: { id: number } }> }).edges.some(
        (e) => e.node.id === side.draft.id,
      ),
  })),
  lineage: query(({ side }) => ({
    query: 'query($id: Int!) { lineage(innovationId: $id) { depth } }',
    variables: { id: side.draft.id },
  })),
  lineageGraph: query(({ side }) => ({
    query: 'query($id: Int!) { lineageGraph(innovationId: $id) { innovationId } }',
    variables: { id: side.draft.id },
  })),
  me: unscopedQuery('{ me { id } }'),
  moderationLog: query(({ side }) => ({
    query: 'query($hubId: Int) { moderationLog(hubId: $hubId) { edges { node { id } } } }',
    variables: { hubId: side.hub.id },
  })),
  network: query(({ side }) => ({
    query: 'query($id: Int) { network(id: $id) { id } }',
    variables: { id: side.hub.id },
  })),
  networks: unscopedQuery('{ networks { id } }'),
  notificationPreferences: unscopedQuery('{ notificationPreferences { type channel mode } }'),
  notifications: unscopedQuery('{ notifications(first: 5) { edges { node { id } } } }'),
  outcomeComparison: query(({ side }) => ({
    query: 'query($id: Int!) { outcomeComparison(innovationId: $id) { innovation { id } } }',
    variables: { id: side.draft.id },
  })),
  possibleDuplicates: unscopedQuery(
    'query($input: DuplicateCheckInput!) { possibleDuplicates(input: $input) { id } }',
    { input: { title: 'Layanan akta kelahiran di desa', problem: 'Warga menunggu lama untuk akta.' } },
  ),
  posts: query(({ side }) => ({
    query: 'query($threadId: Int!) { posts(threadId: $threadId) { edges { node { id } } } }',
    variables: { threadId: side.thread },
  })),
  province: unscopedQuery('{ province(code: "35") { code } }'),
  provinces: unscopedQuery('{ provinces { code } }'),
  regencies: unscopedQuery('{ regencies(provinceCode: "35") { code } }'),
  replication: query(({ side }) => ({
    query: 'query($id: Int!) { replication(id: $id) { id } }',
    variables: { id: side.replication.id },
  })),
  replicationSpread: unscopedQuery('{ replicationSpread(groupBy: PROVINCE) { total { replications } } }'),
  replications: unscopedQuery('{ replications(first: 5) { edges { node { id } } } }'),
  similarInnovations: query(({ side }) => ({
    query: 'query($id: Int!) { similarInnovations(id: $id) { id } }',
    variables: { id: side.draft.id },
  })),
  thread: query(({ side }) => ({
    query: 'query($id: Int!) { thread(id: $id) { id } }',
    variables: { id: side.thread },
  })),
  threads: query(({ side }) => ({
    query: 'query($hubId: Int) { threads(hubId: $hubId) { edges { node { id } } } }',
    variables: { hubId: side.hub.id },
  })),
  topInnovations: unscopedQuery('{ topInnovations(by: VIEWS, first: 3) { innovationId } }'),
  unreadNotificationCount: unscopedQuery('{ unreadNotificationCount }'),
  users: query(({ side }) => ({
    query: 'query($agencyId: Int) { users(agencyId: $agencyId) { edges { node { id } } } }',
    variables: { agencyId: side.agency.id },
  })),

  // ------------------------------------------------------------------ mutations
  acceptInvitation: mutation(
    async ({ world }) => ({
      query: 'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken } }',
      variables: { input: { token: await invitationOf(world, world.a), password: 'Sandi-Baru-Uji-2026' } },
    }),
    false,
  ),
  addInnovationAward: mutation(async ({ world, side }) => ({
    query: 'mutation($input: AddAwardInput!) { addInnovationAward(input: $input) { id } }',
    variables: {
      input: {
        innovationId: (await innovationOf(world, side.agency)).id,
        competition: 'KIPP',
        level: 'TOP_99',
        year: 2019,
      },
    },
  })),
  addNetworkMembers: mutation(async ({ world, side }) => {
    const [agency] = await freshAgencies(world.api.dataSource, 1);
    return {
      query:
        'mutation($networkId: Int!, $ids: [Int!]!) { addNetworkMembers(networkId: $networkId, agencyIds: $ids) }',
      variables: { networkId: side.hub.id, ids: [agency!.id] },
    };
  }),
  addReplicationDocument: mutation(async ({ world, side }) => ({
    query: `mutation($id: Int!, $input: ReplicationDocumentInput!) {
      addReplicationDocument(replicationId: $id, input: $input) { id }
    }`,
    variables: {
      id: (await approvedReplication(world, side)).id,
      input: { kind: 'AGREEMENT', title: 'Nota kesepakatan', url: 'https://contoh.go.id/mou.pdf' },
    },
  })),
  addReplicationModification: mutation(async ({ world, side }) => ({
    query: `mutation($id: Int!, $input: ReplicationModificationInput!) {
      addReplicationModification(replicationId: $id, input: $input) { id }
    }`,
    variables: {
      id: (await approvedReplication(world, side)).id,
      input: {
        aspect: 'PROCESS',
        whatChanged: 'Jadwal layanan dua kali sepekan.',
        why: 'Wilayah lebih luas.',
      },
    },
  })),
  archiveInnovation: mutation(async ({ world, side }) => {
    const innovation = await innovationOf(world, side.agency);
    return {
      query: 'mutation($id: Int!, $version: Int!) { archiveInnovation(id: $id, version: $version) { id } }',
      variables: { id: innovation.id, version: innovation.version },
    };
  }),
  assignCoordinator: mutation(async ({ world, side }) => ({
    query:
      'mutation($networkId: Int!, $userId: Int!) { assignCoordinator(networkId: $networkId, userId: $userId) { id } }',
    variables: { networkId: side.hub.id, userId: (await userOf(world, side.agency)).id },
  })),
  createAgency: mutation(() => {
    const name = unique('BUMD Baru');
    return {
      query: 'mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id } }',
      variables: { input: { name, shortName: name, type: 'BUMD', regionCode: '65' } },
    };
  }, false),
  createInnovation: mutation(({ world, side }) => ({
    query:
      'mutation($input: CreateInnovationInput!) { createInnovation(input: $input) { innovation { id } } }',
    variables: {
      input: {
        title: `Layanan Akta Kelahiran Keliling ${unique('draf')}`,
        summary: 'Petugas mendatangi desa untuk menerbitkan akta kelahiran di tempat.',
        problem: 'Warga desa terpencil harus menempuh perjalanan jauh untuk akta kelahiran.',
        approach: 'Mobil layanan keliling terjadwal dengan perangkat cetak.',
        novelty: 'Akta selesai dalam satu kunjungan.',
        impact: 'Cakupan akta kelahiran anak naik dari 60% menjadi 92%.',
        categoryId: world.categoryId,
        digital: false,
        stage: 'IMPLEMENTED',
        launchYear: 2019,
        originAgencyId: side.agency.id,
      },
    },
  })),
  createInnovationCategory: mutation(() => {
    const code = unique('UJI').toUpperCase().replace(/-/g, '_');
    return {
      query: 'mutation($input: CreateCategoryInput!) { createInnovationCategory(input: $input) { id } }',
      variables: {
        input: { code, competitionYear: 2031, name: `Kategori ${code}`, nameEn: `Category ${code}` },
      },
    };
  }, false),
  createNetwork: mutation(() => {
    const slug = unique('jaringan-uji');
    return {
      query: 'mutation($input: CreateNetworkInput!) { createNetwork(input: $input) { id } }',
      variables: { input: { name: `Jaringan ${slug}`, slug } },
    };
  }, false),
  createPost: mutation(({ side }) => ({
    query: 'mutation($input: CreatePostInput!) { createPost(input: $input) { id } }',
    variables: { input: { threadId: side.thread, body: `Tanggapan ${unique('isi')}` } },
  })),
  createThread: mutation(({ side }) => ({
    query: 'mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }',
    variables: { input: { hubId: side.hub.id, title: `Topik ${unique('baru')}`, body: 'Pembuka diskusi.' } },
  })),
  deactivateAgency: mutation(async ({ world }) => {
    const [agency] = await freshAgencies(world.api.dataSource, 1);
    return {
      query: 'mutation($id: Int!) { deactivateAgency(id: $id) { id } }',
      variables: { id: agency!.id },
    };
  }, false),
  deactivateUser: mutation(async ({ world, side }) => ({
    query: 'mutation($userId: Int!) { deactivateUser(userId: $userId) { id } }',
    variables: { userId: (await userOf(world, side.agency)).id },
  })),
  deletePost: mutation(async (ctx) => ({
    query: 'mutation($id: Int!) { deletePost(id: $id) { id } }',
    variables: { id: await postOfCaller(ctx) },
  })),
  dismissFlag: mutation(async ({ world, side }) => ({
    query: 'mutation($input: FlagDecisionInput!) { dismissFlag(input: $input) { id } }',
    variables: { input: { flagId: (await flaggedPost(world.api.gql, side)).flagId, reason: REASON } },
  })),
  editPost: mutation(async (ctx) => ({
    query: 'mutation($input: EditPostInput!) { editPost(input: $input) { id } }',
    variables: { input: { id: await postOfCaller(ctx), body: 'Isi yang diperbaiki.' } },
  })),
  flagPost: mutation(async ({ world, side }) => ({
    query: 'mutation($input: FlagPostInput!) { flagPost(input: $input) { id } }',
    variables: { input: { postId: await postIn(world.api.gql, side.thread, side.author), reason: 'SPAM' } },
  })),
  hidePost: mutation(async ({ world, side }) => ({
    query: 'mutation($input: HidePostInput!) { hidePost(input: $input) { id } }',
    variables: {
      input: {
        postId: await postIn(world.api.gql, side.thread, side.author),
        category: 'SPAM',
        reason: REASON,
      },
    },
  })),
  importInnovations: mutation(
    () => ({
      query: 'mutation($file: Upload!) { importInnovations(file: $file, dryRun: true) { rowsRead } }',
      // the header of an innovation file and no rows: a dry run that reads nothing
      upload: { name: 'inovasi.csv', content: `${IMPORT_COLUMNS.join(',')}\n` },
    }),
    false,
  ),
  inviteUser: mutation(({ side }) => ({
    query: 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { user { id } } }',
    variables: {
      input: { agencyId: side.agency.id, email: `${unique('undangan')}@uji.go.id`, name: 'Calon Pengguna' },
    },
  })),
  lockThread: threadModeration('lockThread'),
  login: mutation(
    ({ world }) => ({
      query: 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
      variables: { input: { email: world.a.author.email, password: TEST_PASSWORD } },
    }),
    false,
  ),
  logout: mutation(
    async ({ world }) => ({
      query: 'mutation($token: String!) { logout(refreshToken: $token) }',
      variables: { token: await refreshTokenOf(world) },
    }),
    false,
  ),
  markAllNotificationsRead: mutation(
    () => ({ query: 'mutation { markAllNotificationsRead { marked } }' }),
    false,
  ),
  // filtered: the notification is still unread afterwards (its row, not the answer's count, which
  // a concurrent markAllNotificationsRead of the same caller may take away)
  markNotificationsRead: mutation(async (ctx) => {
    const owner = ctx.scope === 'own' && ctx.caller ? ctx.caller : ctx.side.author;
    const id = await notificationOf(ctx.world, owner.id);
    return {
      query: 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked } }',
      variables: { ids: [id] },
      filtered: async () =>
        (await ctx.world.api.dataSource.getRepository(Notification).findOneByOrFail({ id })).readAt === null,
    };
  }),
  muteUser: mutation(async ({ world, side }) => ({
    query: 'mutation($input: MuteUserInput!) { muteUser(input: $input) { userId } }',
    variables: {
      input: {
        hubId: side.hub.id,
        userId: (await userOf(world, side.agency)).id,
        reason: REASON,
        until: new Date(Date.now() + 86_400_000).toISOString(),
      },
    },
  })),
  pinThread: threadModeration('pinThread'),
  publishInnovation: mutation(async ({ world, side }) => {
    const draft = await innovationOf(world, side.agency, InnovationStatus.DRAFT);
    return {
      query: 'mutation($id: Int!, $version: Int!) { publishInnovation(id: $id, version: $version) { id } }',
      variables: { id: draft.id, version: draft.version },
    };
  }),
  recordOutcome: mutation(async ({ world, side }) => ({
    query: 'mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }',
    variables: { input: outcomeInput({ replicationId: (await approvedReplication(world, side)).id }) },
  })),
  refreshToken: mutation(
    async ({ world }) => ({
      query: 'mutation($token: String!) { refreshToken(refreshToken: $token) { accessToken } }',
      variables: { token: await refreshTokenOf(world) },
    }),
    false,
  ),
  removeCoordinator: mutation(async ({ world, side }) => ({
    query:
      'mutation($networkId: Int!, $userId: Int!) { removeCoordinator(networkId: $networkId, userId: $userId) { id } }',
    variables: {
      networkId: side.hub.id,
      userId: (await userOf(world, side.agency, Role.COORDINATOR, [side.hub])).id,
    },
  })),
  removeInnovationAward: mutation(async ({ world, side }) => ({
    query: 'mutation($id: Int!) { removeInnovationAward(id: $id) { id } }',
    variables: { id: await awardOf(world, side) },
  })),
  removeNetworkMembers: mutation(async ({ world, side }) => {
    const [agency] = await freshAgencies(world.api.dataSource, 1);
    await world.api.dataSource.query('INSERT INTO network_member (network_id, agency_id) VALUES (?, ?)', [
      side.hub.id,
      agency!.id,
    ]);
    return {
      query:
        'mutation($networkId: Int!, $ids: [Int!]!) { removeNetworkMembers(networkId: $networkId, agencyIds: $ids) }',
      variables: { networkId: side.hub.id, ids: [agency!.id] },
    };
  }),
  removeReplicationDocument: mutation(async ({ world, side }) => ({
    query: 'mutation($id: Int!) { removeReplicationDocument(id: $id) { id } }',
    variables: { id: await evidenceOf(world, side, 'document') },
  })),
  removeReplicationModification: mutation(async ({ world, side }) => ({
    query: 'mutation($id: Int!) { removeReplicationModification(id: $id) { id } }',
    variables: { id: await evidenceOf(world, side, 'modification') },
  })),
  requestReplication: mutation(
    async ({ world }) => ({
      query: 'mutation($input: RequestReplicationInput!) { requestReplication(input: $input) { id } }',
      variables: {
        input: {
          innovationId: (await innovationOf(world, world.outside)).id,
          note: 'Kami ingin mereplikasinya.',
        },
      },
    }),
    false,
  ),
  resolveFlag: mutation(async ({ world, side }) => ({
    query: 'mutation($input: FlagDecisionInput!) { resolveFlag(input: $input) { id } }',
    variables: { input: { flagId: (await flaggedPost(world.api.gql, side)).flagId, reason: REASON } },
  })),
  setHubPublishAlerts: mutation(({ side }) => ({
    query: 'mutation($hubId: Int!) { setHubPublishAlerts(hubId: $hubId, alerts: HUB_INNOVATIONS) { id } }',
    variables: { hubId: side.hub.id },
  })),
  setLocale: mutation(() => ({ query: 'mutation { setLocale(locale: ID) { id } }' }), false),
  setNotificationPreference: mutation(
    () => ({
      query:
        'mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { mode } }',
      variables: { input: { channel: 'EMAIL', mode: 'DAILY', type: 'THREAD_POST' } },
    }),
    false,
  ),
  setSlowMode: mutation(async (ctx) => ({
    query: 'mutation($input: SetSlowModeInput!) { setSlowMode(input: $input) { id } }',
    variables: { input: { threadId: await freshThread(ctx), seconds: 30, reason: REASON } },
  })),
  // the step each role is there to take: the origin's agency admin approves a request for its
  // innovation, a coordinator stalls a replication of an agency of their hub, everyone else takes
  // the adopter's first step
  transitionReplication: mutation(async ({ world, side, principal }) => {
    const replication =
      principal === 'agency_admin'
        ? await replicationOf(world.api, {
            adopter: world.outside,
            origin: side.agency,
            status: ReplicationStatus.REQUESTED,
          })
        : await approvedReplication(world, side);
    const action =
      principal === 'agency_admin' ? 'APPROVE' : principal === 'coordinator' ? 'STALL' : 'START_OBSERVING';
    return {
      query:
        'mutation($input: TransitionReplicationInput!) { transitionReplication(input: $input) { status } }',
      variables: { input: { id: replication.id, version: replication.version, action } },
    };
  }),
  unhidePost: mutation(async ({ world, side }) => ({
    query: 'mutation($input: UnhidePostInput!) { unhidePost(input: $input) { id } }',
    variables: { input: { postId: await hiddenPost(world, side), reason: REASON } },
  })),
  unlockThread: threadModeration('unlockThread'),
  unmuteUser: mutation(async ({ world, side }) => ({
    query: 'mutation($input: UnmuteUserInput!) { unmuteUser(input: $input) }',
    variables: { input: { hubId: side.hub.id, userId: await mutedUser(world, side), reason: REASON } },
  })),
  unpinThread: threadModeration('unpinThread'),
  unwatchAgency: mutation(({ side }) => ({
    query: 'mutation($id: Int!) { unwatchAgency(id: $id) }',
    variables: { id: side.agency.id },
  })),
  unwatchInnovation: mutation(({ side }) => ({
    query: 'mutation($id: Int!) { unwatchInnovation(id: $id) { id } }',
    variables: { id: side.draft.id },
  })),
  unwatchReplication: mutation(({ side }) => ({
    query: 'mutation($id: Int!) { unwatchReplication(id: $id) }',
    variables: { id: side.replication.id },
  })),
  unwatchThread: mutation(({ side }) => ({
    query: 'mutation($id: Int!) { unwatchThread(id: $id) }',
    variables: { id: side.thread },
  })),
  updateAgency: mutation(async ({ world }) => {
    const [agency] = await freshAgencies(world.api.dataSource, 1);
    return {
      query:
        'mutation($id: Int!, $input: UpdateAgencyInput!) { updateAgency(id: $id, input: $input) { id } }',
      variables: { id: agency!.id, input: { version: agency!.version, name: unique('BUMD Ganti Nama') } },
    };
  }, false),
  updateInnovation: mutation(async ({ world, side }) => {
    const draft = await innovationOf(world, side.agency, InnovationStatus.DRAFT);
    return {
      query:
        'mutation($id: Int!, $input: UpdateInnovationInput!) { updateInnovation(id: $id, input: $input) { id } }',
      variables: { id: draft.id, input: { version: draft.version, summary: 'Ringkasan yang diperbarui.' } },
    };
  }),
  updateOutcome: mutation(async ({ world, side }) => ({
    query:
      'mutation($id: Int!, $input: UpdateOutcomeInput!) { updateOutcome(id: $id, input: $input) { id } }',
    variables: {
      id: await evidenceOf(world, side, 'outcome'),
      input: { latestDate: '2025-06-02', latestValue: 3 },
    },
  })),
  watchAgency: mutation(({ side }) => ({
    query: 'mutation($id: Int!) { watchAgency(id: $id) { id } }',
    variables: { id: side.agency.id },
  })),
  watchInnovation: mutation(({ side }) => ({
    query: 'mutation($id: Int!) { watchInnovation(id: $id) { id } }',
    variables: { id: side.draft.id },
  })),
  watchReplication: mutation(({ side }) => ({
    query: 'mutation($id: Int!) { watchReplication(id: $id) { id } }',
    variables: { id: side.replication.id },
  })),
  watchThread: mutation(({ side }) => ({
    query: 'mutation($id: Int!) { watchThread(id: $id) { id } }',
    variables: { id: side.thread },
  })),
};
