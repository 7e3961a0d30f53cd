import type { GqlResponse } from '../api-harness';
import { PRINCIPALS, SCOPES, type Principal, type Scope, type World } from './authorization-world';
import { keyOf, OUTCOMES, type Expectations, type Group } from './expectations';
import { OPERATION_TEMPLATES, type CallContext, type GqlRequest } from './operation-templates';
import { SOCKET_CHECKS, type Listeners, type Observed } from './socket-checks';

/** One call of the matrix: an operation, as a principal, naming objects of a scope. */
export interface Cell {
  group: Group;
  operation: string;
  principal: Principal;
  scope: Scope;
}

export interface CellResult extends Cell, Observed {}

const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/** What a GraphQL answer says about access. */
export async function classify(res: GqlResponse, request: GqlRequest): Promise<Observed> {
  const error = res.errors?.[0];
  if (!error) {
    if (!res.data) return { outcome: 'ERROR', detail: `HTTP ${res.status} without data or errors` };
    return (await request.filtered?.(res.data)) ? { outcome: 'filtered' } : { outcome: 'allowed' };
  }
  const code = String(error.extensions?.['code'] ?? 'NO_CODE');
  if (REFUSALS.has(code)) return { outcome: code };
  // BAD_USER_INPUT, CONFLICT or BAD_TRANSITION do not prove the access check passed: here input
  // validation, the version and the state are checked before access (createInnovation,
  // transitionReplication). Every template sends a valid request, so such an answer is its bug.
  return { outcome: 'ERROR', detail: `${code}: ${error.message}` };
}

async function send(world: World, request: GqlRequest, token: string | undefined): Promise<GqlResponse> {
  if (!request.upload) return world.api.gql(request.query, request.variables, token);
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({ query: request.query, variables: { ...request.variables, file: null } }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([request.upload.content], { type: 'text/csv' }), request.upload.name);
  const response = await fetch(`${world.api.url}/graphql`, {
    method: 'POST',
    headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: form,
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** Every call the matrix makes: scoped operations in both scopes, the others once (as `own`). */
export function cellsOf(operations: Array<{ group: Group; operation: string; scoped: boolean }>): Cell[] {
  return operations.flatMap(({ group, operation, scoped }) =>
    PRINCIPALS.flatMap((principal) =>
      (scoped ? SCOPES : (['own'] as const)).map((scope) => ({ group, operation, principal, scope })),
    ),
  );
}

/** The operations the templates and socket checks know, with whether they are scoped. */
export function knownOperations(): Array<{ group: Group; operation: string; scoped: boolean }> {
  return [
    ...Object.entries(OPERATION_TEMPLATES).map(([operation, t]) => ({
      group: t.kind === 'query' ? ('queries' as const) : ('mutations' as const),
      operation,
      scoped: t.scoped,
    })),
    ...Object.entries(SOCKET_CHECKS).map(([operation, c]) => ({
      group: 'socket_events' as const,
      operation,
      scoped: c.scoped,
    })),
  ];
}

async function runCell(world: World, listeners: Listeners, cell: Cell): Promise<CellResult> {
  const caller = cell.principal === 'anonymous' ? null : world.principals[cell.principal];
  const side = cell.scope === 'own' ? world.a : world.b;
  const ctx: CallContext = { world, principal: cell.principal, scope: cell.scope, side, caller };
  try {
    if (cell.group === 'socket_events') {
      return { ...cell, ...(await SOCKET_CHECKS[cell.operation]!.run({ ...ctx, listeners })) };
    }
    const request = await OPERATION_TEMPLATES[cell.operation]!.build(ctx);
    return { ...cell, ...(await classify(await send(world, request, caller?.token), request)) };
  } catch (error) {
    return { ...cell, outcome: 'ERROR', detail: `the check itself failed: ${(error as Error).message}` };
  }
}

/** Runs the cells a few at a time (the machine is small; fixtures write to the database). */
export async function runCells(
  world: World,
  listeners: Listeners,
  cells: Cell[],
  concurrency = 8,
): Promise<CellResult[]> {
  const results: CellResult[] = new Array<CellResult>(cells.length);
  let next = 0;
  const worker = async () => {
    while (next < cells.length) {
      const index = next++;
      results[index] = await runCell(world, listeners, cells[index]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** Every cell whose outcome is not the expected one, as lines a reviewer can read. */
export function differences(expectations: Expectations, results: CellResult[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const expectation = expectations.get(keyOf(result.group, result.operation));
    if (!expectation) continue; // reported by the coverage test
    const expected = expectation[result.principal][result.scope];
    if (result.outcome === expected) continue;
    const detail = result.detail ? ` (${result.detail})` : '';
    lines.push(
      `${result.group}.${result.operation} as ${result.principal}, ${result.scope}: expected ${expected}, got ${result.outcome}${detail}`,
    );
  }
  return lines;
}

/** The observed matrix in the file's format, to review a change of rules (AUTHZ_MATRIX_PRINT=1). */
export function observedYaml(results: CellResult[]): string {
  const byOperation = new Map<string, CellResult[]>();
  for (const r of results) {
    const key = keyOf(r.group, r.operation);
    byOperation.set(key, [...(byOperation.get(key) ?? []), r]);
  }
  const lines: string[] = [];
  let group = '';
  for (const [key, cells] of byOperation) {
    const [cellGroup, operation] = [cells[0]!.group, cells[0]!.operation];
    if (cellGroup !== group) lines.push(`${(group = cellGroup)}:`);
    lines.push(`  ${operation.includes(':') ? `'${operation}'` : operation}:`);
    for (const principal of PRINCIPALS) {
      const own = cells.find((c) => c.principal === principal && c.scope === 'own');
      const other = cells.find((c) => c.principal === principal && c.scope === 'other') ?? own;
      const word = (c?: CellResult) =>
        c && (OUTCOMES as readonly string[]).includes(c.outcome) ? c.outcome : `ERROR`;
      lines.push(
        own?.outcome === other?.outcome
          ? `    ${principal}: ${word(own)}`
          : `    ${principal}: { own: ${word(own)}, other: ${word(other)} }`,
      );
    }
    void key;
  }
  return lines.join('\n');
}
