import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import type { User } from '@jipp/auth';
import { Role } from '@jipp/core';
import { createInnovation, isolatedDatabase, type IsolatedDatabase } from '@jipp/testing';
import type { GraphQLSchema } from 'graphql';
import { Redis } from 'ioredis';
import { startTestApi, type TestApi } from '../api-harness';
import { FUZZ_DATABASE_SUFFIX, FUZZ_REDIS_PREFIX } from './fuzz-environment';
import type { Principal } from './fuzz-requests';

/** The api under fuzzing, on a database of its own, with signed-in users of each role. */
export interface FuzzTarget {
  api: TestApi;
  schema: GraphQLSchema;
  principals: Principal[];
  /** Puts back what fuzzed mutations may take from the principals: their status, role, agency. */
  restorePrincipals(): Promise<void>;
  /** Empties Apollo's cache of parsed documents; returns how many it held. */
  emptyDocumentCache(): number;
  close(): Promise<void>;
}

/**
 * Starts the api in this process on a fresh database (migrated and seeded), so that fuzzed
 * mutations (an admin deactivating agencies, say) cannot disturb the other test files.
 */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  // the environment already names this database and the Redis prefix (fuzz-environment.ts)
  const database: IsolatedDatabase = await isolatedDatabase(FUZZ_DATABASE_SUFFIX);
  const redisPrefix = FUZZ_REDIS_PREFIX;
  const api = await startTestApi();
  // the fuzzed admin mutations must never reach the run's shared database
  const [{ db }] = (await api.dataSource.query('SELECT DATABASE() AS db')) as Array<{ db: string }>;
  if (db !== database.name) {
    await api.close();
    throw new Error(`the fuzz target runs on ${db}, not on its own database ${database.name}`);
  }

  const people = [
    { name: 'MEMBER', role: Role.MEMBER, agency: 'Pemkab Banyuwangi', hubs: [] as string[] },
    { name: 'AGENCY_ADMIN', role: Role.AGENCY_ADMIN, agency: 'Pemkab Banyuwangi', hubs: [] },
    { name: 'COORDINATOR', role: Role.COORDINATOR, agency: 'Pemprov Jawa Timur', hubs: ['jipp-jawa-timur'] },
    { name: 'ADMIN', role: Role.ADMIN, agency: 'KemenPANRB', hubs: [] },
  ];
  const signedIn: Array<(typeof people)[number] & { user: User; token: string }> = [];
  for (const person of people) {
    const { user, token } = await api.signInAs(person.role, person.agency, { hubs: person.hubs });
    signedIn.push({ ...person, user, token });
  }
  await createFixtures(api, signedIn[0]!.token, signedIn[2]!.token);

  const restorePrincipals = async (): Promise<void> => {
    for (const { user, role } of signedIn) {
      await api.dataSource.query("UPDATE `user` SET status = 'ACTIVE', role = ? WHERE id = ?", [
        role,
        user.id,
      ]);
      await api.dataSource.query('UPDATE agency SET active = 1 WHERE id = ?', [user.agencyId]);
    }
  };

  return {
    api,
    schema: api.app.get(GraphQLSchemaHost).schema,
    principals: [{ name: 'anonymous' }, ...signedIn.map(({ name, token }) => ({ name, token }))],
    restorePrincipals,
    emptyDocumentCache: () => emptyApolloDocumentCache(api),
    close: async () => {
      await api.close();
      await database.drop();
      await sweepRedis(redisPrefix);
    },
  };
}

/** Rows for the small ids the fuzzer favours to name: innovations, a thread with posts, a replication. */
async function createFixtures(api: TestApi, memberToken: string, coordinatorToken: string): Promise<void> {
  for (const agency of ['Pemkab Banyuwangi', 'Pemkot Surabaya', 'Pemkot Makassar']) {
    await createInnovation(api.dataSource, { agency });
  }
  const thread = await api.gql<{ createThread: { id: number } }>(
    'mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }',
    { input: { hubId: 1, title: 'Utas uji fuzz', body: 'Pembuka utas.' } },
    memberToken,
  );
  const threadId = thread.data?.createThread.id;
  if (threadId) {
    await api.gql(
      'mutation($input: CreatePostInput!) { createPost(input: $input) { id } }',
      { input: { threadId, body: 'Balasan @[Siapa](user:1).' } },
      memberToken,
    );
  }
  // a request of Pemprov Jawa Timur for Surabaya's innovation; a refusal only means fewer fixtures
  await api.gql(
    'mutation($input: RequestReplicationInput!) { requestReplication(input: $input) { id } }',
    { input: { innovationId: 2, note: 'Kami ingin mereplikasi inovasi ini.' } },
    coordinatorToken,
  );
}

/** What the fuzzer reaches of Apollo's internals: its per-schema LRU of parsed, validated documents. */
interface ApolloInternals {
  graphQlAdapter?: {
    instance?: {
      internals?: {
        state?: {
          schemaManager?: {
            getSchemaDerivedData(): { documentStore?: { keys(): string[]; clear(): void } };
          };
        };
      };
    };
  };
}

/**
 * Empties Apollo's LRU of parsed documents (30 MiB by its own measure, JSON length, which holds about
 * ten times that in heap; each fuzzed query is new, so it fills) and with it the graphql-jit plans
 * kept beside each document. Apollo has no public way to do it: a change of its internals fails here
 * loudly, rather than letting the heap check measure the cache instead of leaks.
 */
function emptyApolloDocumentCache(api: TestApi): number {
  const adapter = api.app.get(GraphQLModule) as unknown as ApolloInternals;
  const store =
    adapter.graphQlAdapter?.instance?.internals?.state?.schemaManager?.getSchemaDerivedData().documentStore;
  if (!store) throw new Error("Apollo's document store was not found: its internals changed");
  const entries = store.keys().length;
  store.clear();
  return entries;
}

async function sweepRedis(prefix: string): Promise<void> {
  const url = process.env['REDIS_URL'];
  if (!url) return;
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
