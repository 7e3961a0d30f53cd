import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ACCESS_RULE_KEY, AppConfig, LoaderRegistry } from '@jipp/core';
import { graphql } from 'graphql';
import { schemaFileText } from '../src/graphql/schema-file';
import { errorCode, startTestApi, type TestApi } from './api-harness';

describe('API contract', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('serves exactly the committed schema.gql (run `npm run schema:generate` after changing it)', () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    const committed = readFileSync(join(__dirname, '..', 'schema.gql'), 'utf8');
    expect(schemaFileText(schema)).toBe(committed);
  });

  it('states an access rule on every query and mutation (default deny)', () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    const operations = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((f) => `Mutation.${f}`),
    ];
    const reflector = api.app.get(Reflector);
    const scanner = api.app.get(MetadataScanner);
    const ruled = new Set<string>();
    // DiscoveryService over the app's own module container: it is not a provider of the api
    for (const wrapper of new DiscoveryService(api.app.get(ModulesContainer)).getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of scanner.getAllMethodNames(proto)) {
        const handler = proto[method] as (...args: unknown[]) => unknown;
        const type = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
        if (type !== 'Query' && type !== 'Mutation') continue;
        const name = (Reflect.getMetadata('graphql:resolver_name', handler) as string | undefined) ?? method;
        const rule = reflector.getAllAndOverride(ACCESS_RULE_KEY, [handler, instance.constructor]);
        if (rule) ruled.add(`${type}.${name}`);
      }
    }
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((op) => !ruled.has(op))).toEqual([]);
  });

  it('refuses queries that are too deep or too expensive, before running them', async () => {
    const deep = await api.gql(
      '{ networks { members { edges { node { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } }',
    );
    expect(errorCode(deep)).toBe('BAD_USER_INPUT');
    expect(deep.errors![0]!.message).toMatch(/too deep/);
    const costly = await api.gql(
      '{ a: agencies(first: 100) { edges { node { id } } } b: networks { members(first: 100) { edges { node { parent { id } } } } } c: networks { members(first: 100) { edges { node { parent { id } } } } } }',
    );
    expect(errorCode(costly)).toBe('BAD_USER_INPUT');
    expect(costly.errors![0]!.message).toMatch(/too expensive/);
  });

  it('caps list sizes at 100', async () => {
    expect(errorCode(await api.gql('{ agencies(first: 101) { edges { cursor } } }'))).toBe('BAD_USER_INPUT');
  });

  describe('the executor', () => {
    const PAGE = `query Page($first: Int!, $filter: InnovationFilterInput) {
      innovations(first: $first, filter: $filter) {
        edges { cursor node { id slug title stage sdgGoals category { code } province { code name } regency { code } awards { year level } funnel { viewed } } }
        pageInfo { hasNextPage endCursor }
      }
      regions: provinces { code name }
    }`;

    it('runs on graphql-jit by default, and answers what graphql-js answers', async () => {
      const schema = api.app.get(GraphQLSchemaHost).schema;
      const variables = { first: 5, filter: { launchYearFrom: 2000 } };
      const jit = await api.gql(PAGE, variables);
      expect(jit.errors).toBeUndefined();
      const reference = await graphql({
        schema,
        source: PAGE,
        variableValues: variables,
        contextValue: { req: { headers: {} }, loaders: new LoaderRegistry() },
      });
      expect(reference.errors).toBeUndefined();
      expect(jit.data).toEqual(JSON.parse(JSON.stringify(reference.data)));
      expect(api.app.get(AppConfig).get('GRAPHQL_EXECUTOR')).toBe('jit');
    });

    it('refuses a variable of the wrong type or a missing one with BAD_USER_INPUT', async () => {
      expect(errorCode(await api.gql(PAGE, { first: 'twenty' }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await api.gql(PAGE, {}))).toBe('BAD_USER_INPUT');
      expect(errorCode(await api.gql(PAGE, { first: 5, filter: { launchYearFrom: 'x' } }))).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  it('answers health and metrics', async () => {
    const ready = await fetch(`${api.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
    await api.gql('query Provinces { provinces { code } }');
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(/graphql_operations_total\{operation="Provinces",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/http_requests_total\{method="POST",route="\/graphql",status="200"\}/);
  });
});
