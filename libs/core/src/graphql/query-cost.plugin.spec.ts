import { buildSchema, getIntrospectionQuery, parse, type DocumentNode } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { AppError } from '../errors/app-error';
import { costVariables, paginationAwareEstimator, queryCostPlugin } from './query-cost.plugin';

// the real function, counted
jest.mock('graphql-query-complexity', () => {
  const actual = jest.requireActual<typeof import('graphql-query-complexity')>('graphql-query-complexity');
  return { ...actual, getComplexity: jest.fn(actual.getComplexity) };
});

const schema = buildSchema(`
  type Agency { id: Int! parent: Agency members(first: Int! = 20): AgencyConnection! children: [Agency!]! partners(first: Int): [Agency!]! }
  type AgencyEdge { node: Agency! }
  type AgencyConnection { edges: [AgencyEdge!]! }
  enum Stage { TRIAL IMPLEMENTED }
  type Query { agencies(first: Int! = 20, stage: Stage): AgencyConnection! agency(id: Int): Agency }
`);

const cost = (query: string, variables: Record<string, unknown> = {}): number =>
  getComplexity({ schema, query: parse(query), variables, estimators: [paginationAwareEstimator] });

/** Runs the plugin's check the way Apollo does, after the operation was resolved. */
async function check(
  plugin: ReturnType<typeof queryCostPlugin>,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): Promise<void> {
  // only the fields the plugin reads
  const context = { request: { variables }, document, schema } as never;
  const listener = await plugin.requestDidStart!(context);
  await listener!.didResolveOperation!(context);
}

describe('paginationAwareEstimator', () => {
  it('multiplies what a page holds by its `first`, and counts edges once', () => {
    // agencies 1 + 5 × (edges 1 + node 1 + id 1)
    expect(cost('{ agencies(first: 5) { edges { node { id } } } }')).toBe(16);
    expect(cost('query($n: Int!) { agencies(first: $n) { edges { node { id } } } }', { n: 50 })).toBe(151);
    // the default `first` (20) counts when the query leaves it out
    expect(cost('{ agencies { edges { node { id } } } }')).toBe(61);
  });

  it('counts a list without `first` as ten items', () => {
    expect(cost('{ agency { children { id } } }')).toBe(12);
  });

  it('counts introspection as free', () => {
    expect(cost(getIntrospectionQuery())).toBe(0);
    expect(cost('{ agency { __typename id } }')).toBe(2);
  });
});

describe('queryCostPlugin', () => {
  it('lets an operation within the cost through, and refuses a dearer one with BAD_USER_INPUT and HTTP 400', async () => {
    const plugin = queryCostPlugin({ maxCost: 100 });
    const document = parse('query($n: Int!) { agencies(first: $n) { edges { node { id } } } }');
    await expect(check(plugin, document, { n: 30 })).resolves.toBeUndefined();
    const refused = await check(plugin, document, { n: 40 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toBe(
      'Query is too expensive: cost 121, at most 100 allowed. Ask for fewer items per page or fewer nested lists.',
    );
    expect((refused as AppError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });

  it('refuses variables that do not fit their types the same way (a new document is coerced here first)', async () => {
    const plugin = queryCostPlugin({ maxCost: 100 });
    const document = parse('query($s: Stage) { agencies(first: 1, stage: $s) { edges { node { id } } } }');
    const refused = await check(plugin, document, { s: 'TRIALL' }).catch((error: unknown) => error);
    expect((refused as AppError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });

  it('measures a document once per set of variables', async () => {
    const plugin = queryCostPlugin({ maxCost: 1000 });
    const document = parse('query($n: Int!) { agencies(first: $n) { edges { node { id } } } }');
    const walks = jest.mocked(getComplexity);
    walks.mockClear();
    await check(plugin, document, { n: 5 });
    await check(plugin, document, { n: 5 });
    await check(plugin, document, { n: 6 });
    await check(plugin, document, { n: 5 });
    expect(walks).toHaveBeenCalledTimes(2);
  });

  it('keys a cost on the variables that can change it only: another id or slug is not measured again', async () => {
    const plugin = queryCostPlugin({ maxCost: 1000 });
    const document = parse(
      'query($id: Int, $n: Int!, $deep: Boolean!) { agency(id: $id) { id members(first: $n) { edges { node { id parent @include(if: $deep) { id } } } } } }',
    );
    const walks = jest.mocked(getComplexity);
    walks.mockClear();
    for (const id of [1, 2, 3, 4]) await check(plugin, document, { id, n: 5, deep: false });
    expect(walks).toHaveBeenCalledTimes(1);
    await check(plugin, document, { id: 5, n: 6, deep: false });
    await check(plugin, document, { id: 6, n: 6, deep: true });
    expect(walks).toHaveBeenCalledTimes(3);
  });

  it('tells an omitted variable (its default) from a null one', async () => {
    const plugin = queryCostPlugin({ maxCost: 1000 });
    const document = parse('query($n: Int = 50) { agency { partners(first: $n) { id } } }');
    const walks = jest.mocked(getComplexity);
    walks.mockClear();
    await check(plugin, document, {});
    await check(plugin, document, { n: null });
    await check(plugin, document, {});
    expect(walks).toHaveBeenCalledTimes(2);
  });
});

describe('costVariables', () => {
  it('names the variables of `first` arguments and of @skip / @include, and no others', () => {
    const document = parse(`
      query($id: Int, $n: Int!, $m: Int!, $show: Boolean!, $hide: Boolean!, $s: Stage) {
        agency(id: $id) { members(first: $n) { edges { node { id @skip(if: $hide) } } } }
        agencies(first: $m, stage: $s) { edges { node { ...F } } }
      }
      fragment F on Agency { parent @include(if: $show) { id } }
    `);
    expect(costVariables(document)).toEqual(['hide', 'm', 'n', 'show']);
    expect(costVariables(parse('mutation($input: Int!) { agency(id: $input) { id } }'))).toEqual([]);
  });
});
