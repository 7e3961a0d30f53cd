import { join } from 'node:path';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { startTestApi, type TestApi } from '../api-harness';
import { buildWorld, type World } from './authorization-world';
import { dependsOnScope, keyOf, loadExpectations, type Expectations } from './expectations';
import { cellsOf, differences, knownOperations, observedYaml, runCells } from './matrix-runner';
import { openListeners, type Listeners } from './socket-checks';

const EXPECTATIONS = join(__dirname, 'authorization-matrix.yaml');

/** Socket events that are no handler: the handshakes of the two namespaces and the server's push. */
const SOCKET_EVENTS_WITHOUT_HANDLER = ['forum:connect', 'feed:connect', 'notification:new'];

// Nest's metadata keys (@nestjs/websockets constants): a gateway class, a @SubscribeMessage method
const GATEWAY_METADATA = 'websockets:is_gateway';
const MESSAGE_METADATA = 'message';

/** Every @SubscribeMessage event of every gateway the running app holds. */
function subscribedEvents(api: TestApi): string[] {
  const scanner = new MetadataScanner();
  const events = new Set<string>();
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null | undefined;
      if (!type?.prototype || !Reflect.getMetadata(GATEWAY_METADATA, type)) continue;
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const method = (type.prototype as Record<string, unknown>)[name] as object;
        const event: unknown = Reflect.getMetadata(MESSAGE_METADATA, method);
        if (typeof event === 'string') events.add(event);
      }
    }
  }
  return [...events];
}

/**
 * The authorization matrix: every query, mutation and socket event, called as each principal on
 * its own side's objects and on the other side's (authorization-matrix.yaml says what each should
 * answer). A failure lists every difference at once. To review a change of rules, run it with
 * AUTHZ_MATRIX_PRINT=1: it prints the observed matrix in the file's format.
 */
describe('authorization matrix', () => {
  let api: TestApi;
  let world: World;
  let listeners: Listeners | undefined;
  let expectations: Expectations;

  beforeAll(async () => {
    expectations = loadExpectations(EXPECTATIONS);
    api = await startTestApi();
    world = await buildWorld(api);
    listeners = await openListeners(world);
  });

  afterAll(async () => {
    listeners?.close();
    await api?.close();
  });

  it('lists every query, mutation and socket event of the running app, and nothing else', () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const inApp = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((name) => keyOf('queries', name)),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => keyOf('mutations', name)),
      ...[...subscribedEvents(api), ...SOCKET_EVENTS_WITHOUT_HANDLER].map((name) =>
        keyOf('socket_events', name),
      ),
    ];
    const inFile = [...expectations.keys()];
    const tested = knownOperations().map(({ group, operation }) => keyOf(group, operation));
    expect({
      missingFromTheFile: inApp.filter((k) => !inFile.includes(k)).sort(),
      notInTheApp: inFile.filter((k) => !inApp.includes(k)).sort(),
      withoutARequestTemplate: inApp.filter((k) => !tested.includes(k)).sort(),
    }).toEqual({ missingFromTheFile: [], notInTheApp: [], withoutARequestTemplate: [] });
  });

  it('answers every principal, on its own side and on the other, as the file says', async () => {
    const operations = knownOperations().filter(({ group, operation }) =>
      expectations.has(keyOf(group, operation)),
    );
    const results = await runCells(world, listeners!, cellsOf(operations));
    if (process.env['AUTHZ_MATRIX_PRINT']) {
      const details = results
        .filter((r) => r.detail)
        .map((r) => `# ${r.group}.${r.operation} ${r.principal} ${r.scope}: ${r.outcome}: ${r.detail}`);
      process.stdout.write(`${observedYaml(results)}\n${details.join('\n')}\n`);
    }
    // an unscoped operation runs once: the file must not ask for two outcomes
    const unscopedWithScopes = operations
      .filter(({ scoped }) => !scoped)
      .map(({ group, operation }) => keyOf(group, operation))
      .filter((key) => dependsOnScope(expectations.get(key)!))
      .map((key) => `${key} is not scoped: give one outcome per principal`);
    expect([...unscopedWithScopes, ...differences(expectations, results)]).toEqual([]);
  });
});
