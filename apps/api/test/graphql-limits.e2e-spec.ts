import { GraphQLSchemaHost } from '@nestjs/graphql';
import { AppConfig, Role } from '@jipp/core';
import {
  getIntrospectionQuery,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import {
  INNOVATION_QUERY,
  LOGIN_MUTATION,
  OVERVIEW_QUERY,
  OVERVIEW_TOP_COUNT,
  PROVINCE_QUERY,
  PROVINCES_QUERY,
  TOTALS_QUERY,
} from '../../dashboard/src/queries';
import { errorCode, startTestApi, type GqlResponse, type TestApi } from './api-harness';

/**
 * Every field with a `first` argument, its cap, and a query asking for `first: n` (the hub, thread
 * and innovation ids need not exist: the cap is checked before anything is looked up).
 */
const FIRST_CAPS: Record<string, [cap: number, query: (n: number) => string]> = {
  'Query.agencies': [100, (n) => `{ agencies(first: ${n}) { pageInfo { hasNextPage } } }`],
  'Query.flagQueue': [100, (n) => `{ flagQueue(hubId: 1, first: ${n}) { pageInfo { hasNextPage } } }`],
  'Query.innovations': [100, (n) => `{ innovations(first: ${n}) { pageInfo { hasNextPage } } }`],
  'Query.moderationLog': [100, (n) => `{ moderationLog(first: ${n}) { pageInfo { hasNextPage } } }`],
  'Query.notifications': [100, (n) => `{ notifications(first: ${n}) { pageInfo { hasNextPage } } }`],
  'Query.posts': [100, (n) => `{ posts(threadId: 1, first: ${n}) { pageInfo { hasNextPage } } }`],
  'Query.replications': [100, (n) => `{ replications(first: ${n}) { pageInfo { hasNextPage } } }`],
  'Query.threads': [100, (n) => `{ threads(hubId: 1, first: ${n}) { pageInfo { hasNextPage } } }`],
  'Query.topInnovations': [100, (n) => `{ topInnovations(by: REPLICATIONS, first: ${n}) { innovationId } }`],
  'Query.users': [100, (n) => `{ users(first: ${n}) { pageInfo { hasNextPage } } }`],
  'Query.similarInnovations': [20, (n) => `{ similarInnovations(id: 1, first: ${n}) { id } }`],
  'Network.members': [100, (n) => `{ networks { members(first: ${n}) { pageInfo { hasNextPage } } } }`],
};

/**
 * Every list an argument or an input field takes, its cap, and an operation sending `$list` there.
 * Over the cap, the answer is BAD_USER_INPUT naming the field, before anything is written.
 */
const LIST_CAPS: Record<string, [cap: number, type: string, operation: string]> = {
  'Mutation.addNetworkMembers(agencyIds)': [
    1000,
    '[Int!]!',
    'mutation($list: [Int!]!) { addNetworkMembers(networkId: 1, agencyIds: $list) }',
  ],
  'Mutation.removeNetworkMembers(agencyIds)': [
    1000,
    '[Int!]!',
    'mutation($list: [Int!]!) { removeNetworkMembers(networkId: 1, agencyIds: $list) }',
  ],
  'Mutation.markNotificationsRead(ids)': [
    500,
    '[ID!]!',
    'mutation($list: [ID!]!) { markNotificationsRead(ids: $list) { __typename } }',
  ],
  'AgencyFilterInput.type': [
    7,
    '[AgencyType!]',
    'query($list: [AgencyType!]) { agencies(filter: { type: $list }) { pageInfo { hasNextPage } } }',
  ],
  'AwardFilterInput.levels': [
    10,
    '[AwardLevel!]',
    'query($list: [AwardLevel!]) { innovations(filter: { award: { levels: $list } }) { pageInfo { hasNextPage } } }',
  ],
  'CreateInnovationInput.sdgGoals': [
    17,
    '[Int!]',
    'mutation($list: [Int!]) { createInnovation(input: { title: "Batas daftar", sdgGoals: $list }) { __typename } }',
  ],
  'CreateNetworkInput.agencyIds': [
    1000,
    '[Int!]',
    'mutation($list: [Int!]) { createNetwork(input: { name: "Batas daftar", slug: "batas-daftar", agencyIds: $list }) { id } }',
  ],
  'InnovationFilterInput.agencyTypes': [
    7,
    '[AgencyType!]',
    'query($list: [AgencyType!]) { innovations(filter: { agencyTypes: $list }) { pageInfo { hasNextPage } } }',
  ],
  'InnovationFilterInput.categoryIds': [
    50,
    '[Int!]',
    'query($list: [Int!]) { innovations(filter: { categoryIds: $list }) { pageInfo { hasNextPage } } }',
  ],
  'InnovationFilterInput.sdgGoals': [
    17,
    '[Int!]',
    'query($list: [Int!]) { innovations(filter: { sdgGoals: $list }) { pageInfo { hasNextPage } } }',
  ],
  'InnovationFilterInput.stages': [
    3,
    '[InnovationStage!]',
    'query($list: [InnovationStage!]) { innovations(filter: { stages: $list }) { pageInfo { hasNextPage } } }',
  ],
  'InnovationFilterInput.statuses': [
    3,
    '[InnovationStatus!]',
    'query($list: [InnovationStatus!]) { innovations(filter: { statuses: $list }) { pageInfo { hasNextPage } } }',
  ],
  'ReplicationFilterInput.statuses': [
    10,
    '[ReplicationStatus!]',
    'query($list: [ReplicationStatus!]) { replications(filter: { statuses: $list }) { pageInfo { hasNextPage } } }',
  ],
  'UpdateInnovationInput.sdgGoals': [
    17,
    '[Int!]',
    'mutation($list: [Int!]) { updateInnovation(id: 1, input: { version: 1, sdgGoals: $list }) { id } }',
  ],
};

/** Fields with a `first` argument and lists taken as arguments or input fields, as named above. */
function listsInSchema(schema: GraphQLSchema): { firsts: string[]; lists: string[] } {
  const firsts: string[] = [];
  const lists: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          if (arg.name === 'first' || arg.name === 'last') firsts.push(`${type.name}.${field.name}`);
          if (isListType(getNullableType(arg.type))) lists.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (isListType(getNullableType(field.type))) lists.push(`${type.name}.${field.name}`);
      }
    }
  }
  return { firsts: firsts.sort(), lists: lists.sort() };
}

/** `n` items for a list of `type`: numbers, or the enum's first value over and over. */
function itemsOf(schema: GraphQLSchema, type: string, n: number): unknown[] {
  const named = schema.getType(type.replace(/[[\]!]/g, ''));
  if (named && isEnumType(named)) return Array.from({ length: n }, () => named.getValues()[0]!.value);
  if (type.startsWith('[ID')) return Array.from({ length: n }, (_, i) => String(i + 1));
  return Array.from({ length: n }, (_, i) => i + 1);
}

const aliases = (n: number): string =>
  `{ ${Array.from({ length: n }, (_, i) => `p${i}: province(code: "35") { code }`).join(' ')} }`;

/** `fragment F0 on Agency { id parent { ...F1 } parent2: parent { ...F1 } }`, and so on: 2^depth selections. */
function fragmentBomb(depth: number): string {
  const fragments = Array.from({ length: depth }, (_, i) =>
    i === depth - 1
      ? `fragment F${i} on Agency { id }`
      : `fragment F${i} on Agency { id parent { ...F${i + 1} } ...on Agency { parent { ...F${i + 1} } } }`,
  );
  return `{ agency(id: 1) { ...F0 } } ${fragments.join(' ')}`;
}

describe('GraphQL request limits', () => {
  let api: TestApi;
  let admin: string;
  let schema: GraphQLSchema;
  let config: AppConfig;
  const limitOf = (name: Parameters<AppConfig['get']>[0]): number => config.get(name) as number;

  beforeAll(async () => {
    api = await startTestApi();
    schema = api.app.get(GraphQLSchemaHost).schema;
    config = api.app.get(AppConfig);
    admin = (await api.signInAs(Role.ADMIN, 'KemenPANRB')).token;
  });
  afterAll(() => api.close());

  /** A refusal: HTTP 400, BAD_USER_INPUT, a message saying which limit, and nothing executed. */
  const expectRefused = (res: GqlResponse, message: RegExp): void => {
    expect({ status: res.status, code: errorCode(res), message: res.errors?.[0]?.message }).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(message),
    });
    expect(res.data).toBeUndefined();
  };

  it('refuses an operation deeper than GRAPHQL_MAX_DEPTH, fragments or not', async () => {
    const max = limitOf('GRAPHQL_MAX_DEPTH');
    expect(max).toBe(10);
    // networks 1, members 2, edges 3, node 4, then parents, then id
    const nested = (parents: number) =>
      `{ networks { members { edges { node { ${'parent { '.repeat(parents)}id${' }'.repeat(parents)} } } } } }`;
    expect((await api.gql(nested(5))).errors).toBeUndefined();
    expectRefused(await api.gql(nested(6)), /^Query is too deep: depth 11, at most 10 allowed\.$/);
    const viaFragment = `{ networks { members { edges { node { ...P } } } } } fragment P on Agency { ${'parent { '.repeat(6)}id${' }'.repeat(6)} }`;
    expectRefused(await api.gql(viaFragment), /too deep: depth 11/);
  });

  it('refuses more aliases than GRAPHQL_MAX_ALIASES', async () => {
    const max = limitOf('GRAPHQL_MAX_ALIASES');
    expect((await api.gql(aliases(max))).errors).toBeUndefined();
    expectRefused(
      await api.gql(aliases(max + 1)),
      new RegExp(`^Query has too many aliases: ${max + 1}, at most ${max} allowed\\.$`),
    );
  });

  it('refuses more directives than GRAPHQL_MAX_DIRECTIVES', async () => {
    const max = limitOf('GRAPHQL_MAX_DIRECTIVES');
    // a directive repeated on one field is a validation error of its own: one per fragment instead
    const spread = (n: number) =>
      `{ provinces { ${Array.from({ length: n }, () => '... on Province @include(if: true) { code }').join(' ')} } }`;
    expect((await api.gql(spread(max))).errors).toBeUndefined();
    expectRefused(
      await api.gql(spread(max + 1)),
      new RegExp(`^Query has too many directives: ${max + 1}, at most ${max} allowed\\.$`),
    );
  });

  it('stops parsing a document longer than GRAPHQL_MAX_TOKENS', async () => {
    const max = limitOf('GRAPHQL_MAX_TOKENS');
    // operations of 8 tokens each (`query Q1 { provinces { code } }`), the first padded with more
    // `code`s; Q0 is the one that runs. Repeating one field thousands of times instead would trip
    // graphql-js's own guard against overlapping fields.
    const tokens = (n: number) => {
      const operations = Math.floor(n / 8);
      const padding = ' code'.repeat(n - operations * 8);
      return Array.from(
        { length: operations },
        (_, i) => `query Q${i} { provinces { code${i === 0 ? padding : ''} } }`,
      ).join('\n');
    };
    const send = async (text: string): Promise<GqlResponse> => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: text, operationName: 'Q0' }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    };
    const atLimit = await send(tokens(max));
    expect(atLimit.errors).toBeUndefined();
    expect((atLimit.data as { provinces: unknown[] }).provinces).toHaveLength(38);
    expectRefused(
      await send(tokens(max + 1)),
      // graphql-js 16 says "more that"
      new RegExp(`^Syntax Error: Document contains more tha[nt] ${max} tokens\\. Parsing aborted\\.$`),
    );
  });

  it('refuses a fragment bomb (GRAPHQL_MAX_SELECTIONS) at once, without walking its expansion', async () => {
    const started = Date.now();
    expectRefused(await api.gql(fragmentBomb(40)), /recursively requests too many selections/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(limitOf('GRAPHQL_MAX_SELECTIONS')).toBe(1000);
  });

  it('refuses an operation costlier than GRAPHQL_MAX_COST with 400, before running it', async () => {
    const costly = await api.gql(
      '{ a: agencies(first: 100) { edges { node { id } } } b: networks { members(first: 100) { edges { node { parent { id } } } } } c: networks { members(first: 100) { edges { node { parent { id } } } } } }',
    );
    expectRefused(
      costly,
      new RegExp(`^Query is too expensive: cost \\d+, at most ${limitOf('GRAPHQL_MAX_COST')} allowed\\.`),
    );
    // the status it asked Apollo for is not part of the answer
    expect(costly.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    // a variable that does not fit its type is found while costing, and is the caller's mistake too
    const badVariable = await api.gql('query($n: Int!) { agencies(first: $n) { edges { cursor } } }', {
      n: 'twenty',
    });
    expectRefused(badVariable, /Int cannot represent non-integer value/);
  });

  it('measures a document once whatever its other variables, and still refuses a bad one with 400', async () => {
    const bySlug =
      'query($slug: String!, $n: Int!) { innovation(slug: $slug) { id } a: agencies(first: $n) { edges { node { id } } } b: networks { members(first: $n) { edges { node { parent { id } } } } } c: networks { members(first: $n) { edges { node { parent { id } } } } } }';
    for (const slug of ['satu', 'dua', 'tiga']) {
      // it runs: the slug is looked up
      const ran = await api.gql(bySlug, { slug, n: 2 });
      expect({ status: ran.status, code: errorCode(ran) }).toEqual({ status: 200, code: 'NOT_FOUND' });
    }
    // its cost is known: a value that does not fit its type is refused when the operation runs
    expectRefused(await api.gql(bySlug, { slug: 5, n: 2 }), /String cannot represent a non string value/);
    expectRefused(await api.gql(bySlug, { n: 2 }), /"\$slug" of required type "String!" was not provided/);
    // a dearer `first` is measured anew, never taken from the cheaper one
    expectRefused(await api.gql(bySlug, { slug: 'satu', n: 100 }), /^Query is too expensive/);
  });

  it('caps every `first` argument of the schema, and says so with BAD_USER_INPUT', async () => {
    expect(listsInSchema(schema).firsts).toEqual(Object.keys(FIRST_CAPS).sort());
    for (const [field, [cap, query]] of Object.entries(FIRST_CAPS)) {
      const atCap = await api.gql(query(cap), {}, admin);
      expect({ field, code: errorCode(atCap) }).not.toEqual({ field, code: 'BAD_USER_INPUT' });
      const over = await api.gql(query(cap + 1), {}, admin);
      expect({ field, code: errorCode(over), data: over.data ?? null }).toEqual({
        field,
        code: 'BAD_USER_INPUT',
        data: null,
      });
      expect(JSON.stringify(over.errors)).toMatch(/first/);
    }
  });

  it('caps every list the schema takes (arguments and input fields)', async () => {
    expect(listsInSchema(schema).lists).toEqual(Object.keys(LIST_CAPS).sort());
    for (const [name, [cap, type, operation]] of Object.entries(LIST_CAPS)) {
      const res = await api.gql(operation, { list: itemsOf(schema, type, cap + 1) }, admin);
      const fieldName = /\((\w+)\)$|\.(\w+)$/.exec(name)!.slice(1).find(Boolean)!;
      expect({ name, code: errorCode(res) }).toEqual({ name, code: 'BAD_USER_INPUT' });
      // the field, and that its size is the problem (not, say, a value in it)
      expect({ name, errors: JSON.stringify(res.errors) }).toEqual({
        name,
        errors: expect.stringMatching(new RegExp(`${fieldName}.*(no more than|at most) ${cap}\\b`)),
      });
    }
  });

  it('answers a body over HTTP_MAX_BODY_BYTES with 413 and a JSON GraphQL error', async () => {
    const max = limitOf('HTTP_MAX_BODY_BYTES');
    expect(max).toBe(1024 * 1024);
    const body = (bytes: number) => {
      const envelope = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
      return envelope.replace('"pad":""', `"pad":"${'x'.repeat(bytes - envelope.length)}"`);
    };
    const send = (text: string) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });

    const atLimit = await send(body(max));
    expect(atLimit.status).toBe(200);
    expect(await atLimit.json()).toEqual({ data: { __typename: 'Query' } });

    const over = await send(body(max + 1));
    expect(over.status).toBe(413);
    expect(over.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await over.json()).toEqual({
      errors: [
        {
          message: `The request body is larger than ${max} bytes.`,
          extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: max },
        },
      ],
    });
  });

  it("lets the dashboard's queries through, well within every limit", async () => {
    const pages: Array<[string, Record<string, unknown>]> = [
      [OVERVIEW_QUERY, { top: OVERVIEW_TOP_COUNT }],
      [PROVINCE_QUERY, { provinceCode: '35', categoryId: null }],
      [INNOVATION_QUERY, { innovationId: 1 }],
      [PROVINCES_QUERY, {}],
      [TOTALS_QUERY, {}],
    ];
    for (const [query, variables] of pages) {
      const res = await api.gql(query, variables);
      // an innovation that does not exist is NOT_FOUND: past every limit
      expect({ query, code: errorCode(res) ?? null }).toEqual({
        query,
        code: expect.not.stringMatching(/BAD_USER_INPUT|INTERNAL/) as unknown,
      });
    }
    // the sign-in is never sent here (it would count as a failed sign-in): its size is what matters
    expect(LOGIN_MUTATION.length).toBeLessThan(200);
  });

  it('treats introspection (the sandbox needs it) as free and shallow enough', async () => {
    const res = await api.gql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(res.errors).toBeUndefined();
    const circular =
      '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    expectRefused(await api.gql(circular), /Maximum introspection depth exceeded/);
  });
});
