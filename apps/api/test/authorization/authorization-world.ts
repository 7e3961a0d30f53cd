import { randomInt } from 'node:crypto';
import type { Agency, Network } from '@jipp/agencies';
import { TokenService } from '@jipp/auth';
import { Role } from '@jipp/core';
import {
  AwardCompetition,
  AwardLevel,
  Innovation,
  InnovationAward,
  InnovationStatus,
} from '@jipp/innovations';
import { Notification, NotificationMode, NotificationType } from '@jipp/notifications';
import { Replication, ReplicationStatus } from '@jipp/replications';
import { createInnovation, createUser, seededCategory, unique } from '@jipp/testing';
import type { TestApi } from '../api-harness';
import { freshAgencies, freshHub } from '../notification-fixtures';

/** A signed-in user of the world. */
export interface Person {
  id: number;
  agencyId: number;
  email: string;
  token: string;
}

/** Who calls an operation: nobody signed in, or one of the four roles. */
export const PRINCIPALS = ['anonymous', 'member', 'agency_admin', 'coordinator', 'admin'] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** Whose objects an operation names: the caller's side (A) or the other side (B). */
export const SCOPES = ['own', 'other'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * One side of the world: an agency in a hub, with users who write its objects (`author`, `flagger`)
 * and the objects read operations name.
 */
export interface Side {
  agency: Agency;
  hub: Network;
  /** A member of the agency who writes the side's threads, posts and evidence. */
  author: Person;
  /** Another member of the agency, who flags the author's posts. */
  flagger: Person;
  /** A hub thread of the side's forum, for the read operations and socket rooms. */
  thread: number;
  /** A draft innovation of the agency: only the agency and national admins see it. */
  draft: Innovation;
  /** An archived innovation of the agency: it left the catalogue, readable like a draft. */
  archived: Innovation;
  /** An APPROVED replication adopted by the agency. */
  replication: Replication;
}

/**
 * The world the matrix runs in: its own agencies and hubs (the test files share one database, so
 * nothing seeded is changed). Side A: agency A and agency C in hub A; the principals member and
 * agency admin belong to A, the coordinator to C and coordinates hub A. Side B: agency B in hub B.
 * The national admin belongs to agency N, and agency O (in no hub) originates or adopts what a
 * side's replications need on their other end.
 */
export interface World {
  api: TestApi;
  a: Side;
  b: Side;
  /** In no hub: the other end of the sides' replications. */
  outside: Agency;
  /** A seeded category, for innovations written through the API. */
  categoryId: number;
  principals: Record<Exclude<Principal, 'anonymous'>, Person>;
}

type Gql = TestApi['gql'];

/** Runs a request that must succeed, answering its data. */
export async function must<T>(gql: Gql, query: string, variables: Record<string, unknown>, token?: string) {
  const res = await gql<T>(query, variables, token);
  if (res.errors || !res.data) {
    throw new Error(`fixture request failed: ${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
  }
  return res.data;
}

/**
 * A session issued the way `login` issues one, without checking the password: argon2 is slow on a
 * busy machine, and the `login` row of the matrix goes through the door itself.
 */
function session(api: TestApi, user: { id: number; agencyId: number; role: Role }) {
  return api.app
    .get(TokenService)
    .issue(api.dataSource.manager, { id: user.id, agencyId: user.agencyId, role: user.role });
}

async function signIn(api: TestApi, agency: Agency, role: Role, hubs: Network[] = []): Promise<Person> {
  const user = await createUser(api.dataSource, {
    agencyId: agency.id,
    role,
    networkIds: hubs.map((h) => h.id),
  });
  const { accessToken } = await session(api, user);
  return { id: user.id, agencyId: agency.id, email: user.email, token: accessToken };
}

const THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`;
const POST = `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`;

export async function buildWorld(api: TestApi): Promise<World> {
  const [agencyA, agencyB, agencyC, agencyN, outside] = await freshAgencies(api.dataSource, 5);
  const hubA = await freshHub(api.dataSource, [agencyA!.id, agencyC!.id]);
  const hubB = await freshHub(api.dataSource, [agencyB!.id]);
  const [member, agencyAdmin, coordinator, admin, authorA, flaggerA, authorB, flaggerB] = await Promise.all([
    signIn(api, agencyA!, Role.MEMBER),
    signIn(api, agencyA!, Role.AGENCY_ADMIN),
    signIn(api, agencyC!, Role.COORDINATOR, [hubA]),
    signIn(api, agencyN!, Role.ADMIN),
    signIn(api, agencyA!, Role.MEMBER),
    signIn(api, agencyA!, Role.MEMBER),
    signIn(api, agencyB!, Role.MEMBER),
    signIn(api, agencyB!, Role.MEMBER),
  ]);
  const side = async (agency: Agency, hub: Network, author: Person, flagger: Person): Promise<Side> => {
    const partial = { agency, hub, author, flagger } as Side;
    const [thread, draft, archived, replication] = await Promise.all([
      hubThread(api.gql, partial),
      createInnovation(api.dataSource, { agency: agency.shortName!, status: InnovationStatus.DRAFT }),
      createInnovation(api.dataSource, { agency: agency.shortName!, status: InnovationStatus.ARCHIVED }),
      replicationOf(api, { adopter: agency, origin: outside!, status: ReplicationStatus.APPROVED }),
    ]);
    return { ...partial, thread, draft, archived, replication };
  };
  const [a, b] = await Promise.all([
    side(agencyA!, hubA, authorA!, flaggerA!),
    side(agencyB!, hubB, authorB!, flaggerB!),
  ]);
  return {
    api,
    a,
    b,
    outside: outside!,
    categoryId: (await seededCategory(api.dataSource)).id,
    principals: {
      member: member!,
      agency_admin: agencyAdmin!,
      coordinator: coordinator!,
      admin: admin!,
    },
  };
}

/** A new thread in the side's hub forum, started by its author. */
export async function hubThread(gql: Gql, side: Pick<Side, 'hub' | 'author'>): Promise<number> {
  const data = await must<{ createThread: { id: number } }>(
    gql,
    THREAD,
    {
      input: { hubId: side.hub.id, title: `Diskusi ${unique('topik')}`, body: 'Pembuka diskusi replikasi.' },
    },
    side.author.token,
  );
  return data.createThread.id;
}

/** A new post in a thread, by `author` (the side's author unless told). */
export async function postIn(gql: Gql, threadId: number, author: Person): Promise<number> {
  const data = await must<{ createPost: { id: number } }>(
    gql,
    POST,
    { input: { threadId, body: `Tanggapan ${unique('isi')}` } },
    author.token,
  );
  return data.createPost.id;
}

/** A new post of the side's author in the side's hub thread, flagged by the side's flagger. */
export async function flaggedPost(gql: Gql, side: Side): Promise<{ postId: number; flagId: number }> {
  const postId = await postIn(gql, side.thread, side.author);
  const data = await must<{ flagPost: { id: number } }>(
    gql,
    `mutation($input: FlagPostInput!) { flagPost(input: $input) { id } }`,
    { input: { postId, reason: 'SPAM', note: 'Tautan promosi.' } },
    side.flagger.token,
  );
  return { postId, flagId: data.flagPost.id };
}

/** A new post of the side's author, hidden by the national admin. */
export async function hiddenPost(world: World, side: Side): Promise<number> {
  const postId = await postIn(world.api.gql, side.thread, side.author);
  await must(
    world.api.gql,
    `mutation($input: HidePostInput!) { hidePost(input: $input) { id } }`,
    { input: { postId, category: 'SPAM', reason: 'Promosi berulang.' } },
    world.principals.admin.token,
  );
  return postId;
}

/** A new user of an agency (not signed in); coordinators get the hubs. */
export async function userOf(world: World, agency: Agency, role = Role.MEMBER, hubs: Network[] = []) {
  return createUser(world.api.dataSource, { agencyId: agency.id, role, networkIds: hubs.map((h) => h.id) });
}

/** A new member of the side's agency, muted in its hub by the national admin. */
export async function mutedUser(world: World, side: Side): Promise<number> {
  const user = await userOf(world, side.agency);
  await must(
    world.api.gql,
    `mutation($input: MuteUserInput!) { muteUser(input: $input) { userId } }`,
    {
      input: {
        hubId: side.hub.id,
        userId: user.id,
        reason: 'Pesan berulang.',
        until: new Date(Date.now() + 86_400_000).toISOString(),
      },
    },
    world.principals.admin.token,
  );
  return user.id;
}

/** A new innovation of an agency, written straight to the database (read back for its version). */
export async function innovationOf(
  world: World,
  agency: Agency,
  status = InnovationStatus.PUBLISHED,
): Promise<Innovation> {
  const { id } = await createInnovation(world.api.dataSource, { agency: agency.shortName!, status });
  return world.api.dataSource.getRepository(Innovation).findOneByOrFail({ id });
}

/** A new replication in a state, written straight to the database, of a new innovation of `origin`. */
export async function replicationOf(
  api: TestApi,
  options: { adopter: Agency; origin: Agency; status: ReplicationStatus },
): Promise<Replication> {
  const innovation = await createInnovation(api.dataSource, { agency: options.origin.shortName! });
  const now = new Date();
  const repo = api.dataSource.getRepository(Replication);
  const replication = repo.create({
    innovationId: innovation.id,
    originAgencyId: options.origin.id,
    adopterAgencyId: options.adopter.id,
    adopterRegionCode: options.adopter.regionCode,
    adopterProvinceCode: options.adopter.provinceCode,
    facilitatorAgencyId: null,
    sourceReplicationId: null,
    status: options.status,
    requestNote: 'Kami ingin mereplikasi inovasi ini.',
    requestedAt: now,
    approvedAt: options.status === ReplicationStatus.REQUESTED ? null : now,
    lastEventAt: now,
    requestedByUserId: null,
  });
  await repo.insert(replication);
  return repo.findOneByOrFail({ id: replication.id });
}

/** A new APPROVED replication adopted by the side's agency. */
export function approvedReplication(world: World, side: Side): Promise<Replication> {
  return replicationOf(world.api, {
    adopter: side.agency,
    origin: world.outside,
    status: ReplicationStatus.APPROVED,
  });
}

/** An award of a new published innovation of the side's agency. */
export async function awardOf(world: World, side: Side): Promise<number> {
  const innovation = await innovationOf(world, side.agency);
  const repo = world.api.dataSource.getRepository(InnovationAward);
  const award = repo.create({
    innovationId: innovation.id,
    competition: AwardCompetition.KIPP,
    year: 2019,
    level: AwardLevel.TOP_99,
  });
  await repo.insert(award);
  return award.id;
}

/** Evidence of a new APPROVED replication of the side, recorded by its author through the API. */
export async function evidenceOf(
  world: World,
  side: Side,
  kind: 'document' | 'modification' | 'outcome',
): Promise<number> {
  const replication = await approvedReplication(world, side);
  const gql = world.api.gql;
  const token = side.author.token;
  if (kind === 'document') {
    const data = await must<{ addReplicationDocument: { id: number } }>(
      gql,
      `mutation($id: Int!, $input: ReplicationDocumentInput!) { addReplicationDocument(replicationId: $id, input: $input) { id } }`,
      {
        id: replication.id,
        input: { kind: 'AGREEMENT', title: 'Nota kesepakatan', url: 'https://contoh.go.id/mou.pdf' },
      },
      token,
    );
    return data.addReplicationDocument.id;
  }
  if (kind === 'modification') {
    const data = await must<{ addReplicationModification: { id: number } }>(
      gql,
      `mutation($id: Int!, $input: ReplicationModificationInput!) { addReplicationModification(replicationId: $id, input: $input) { id } }`,
      {
        id: replication.id,
        input: {
          aspect: 'PROCESS',
          whatChanged: 'Jadwal layanan dua kali sepekan.',
          why: 'Wilayah lebih luas.',
        },
      },
      token,
    );
    return data.addReplicationModification.id;
  }
  const data = await must<{ recordOutcome: { id: number } }>(
    gql,
    `mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }`,
    { input: outcomeInput({ replicationId: replication.id }) },
    token,
  );
  return data.recordOutcome.id;
}

/** A valid outcome for a replication or an innovation. */
export function outcomeInput(subject: { replicationId?: number; innovationId?: number }) {
  return {
    ...subject,
    indicator: 'Hari untuk menerbitkan akta kelahiran',
    unit: 'DAYS',
    baselineValue: 14,
    baselineDate: '2025-01-06',
  };
}

/** A new in-app notification of a user, written straight to the database; answers its id. */
export async function notificationOf(world: World, userId: number): Promise<string> {
  const repo = world.api.dataSource.getRepository(Notification);
  // no foreign key to the outbox: a number no relay will ever write keeps (event, user) unique
  const outboxEventId = String(9_000_000_000_000 + randomInt(1_000_000_000));
  await repo.insert({
    outboxEventId,
    userId,
    type: NotificationType.THREAD_POST,
    actorUserId: null,
    title: 'Tanggapan baru',
    body: 'Ada tanggapan baru di diskusi yang Anda ikuti.',
    link: '/forum',
    inApp: true,
    emailMode: NotificationMode.OFF,
    emailSentAt: null,
    readAt: null,
  });
  const row = await repo.findOneByOrFail({ outboxEventId, userId });
  return row.id;
}

/** A new session of side A's author: its refresh token. */
export async function refreshTokenOf(world: World): Promise<string> {
  const { refreshToken } = await session(world.api, { ...world.a.author, role: Role.MEMBER });
  return refreshToken;
}

/** A new invitation into the side's agency by the national admin: its token. */
export async function invitationOf(world: World, side: Side): Promise<string> {
  const data = await must<{ inviteUser: { token: string } }>(
    world.api.gql,
    `mutation($input: InviteUserInput!) { inviteUser(input: $input) { token } }`,
    { input: { agencyId: side.agency.id, email: `${unique('undangan')}@uji.go.id`, name: 'Calon Pengguna' } },
    world.principals.admin.token,
  );
  return data.inviteUser.token;
}
