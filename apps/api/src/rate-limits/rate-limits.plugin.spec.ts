import { Role, type AuthUser, type RequestLike } from '@jipp/core';
import { getOperationAST, parse } from 'graphql';
import type { OperationCost } from './operation-cost';
import { rateLimitsPlugin } from './rate-limits.plugin';
import type { Caller, RequestRateLimiter } from './request-rate-limiter';

const MEMBER: AuthUser = { id: 42, agencyId: 7, role: Role.MEMBER };

/** Runs the plugin on one request and returns what it asked the limiter. */
async function check(source: string, request: RequestLike): Promise<{ caller: Caller; cost: OperationCost }> {
  const asked: Array<{ caller: Caller; cost: OperationCost }> = [];
  const limiter = {
    consume: (caller: Caller, cost: OperationCost) => {
      asked.push({ caller, cost });
      return Promise.resolve();
    },
  } as unknown as RequestRateLimiter;
  const plugin = rateLimitsPlugin(limiter, (header) =>
    Promise.resolve(header === 'Bearer good' ? MEMBER : undefined),
  );
  const document = parse(source);
  const context = { document, operation: getOperationAST(document), contextValue: { req: request } };
  const listener = await plugin.requestDidStart!(context as never);
  await listener!.didResolveOperation!(context as never);
  expect(asked).toHaveLength(1);
  return asked[0]!;
}

describe('rateLimitsPlugin', () => {
  it('counts a valid token by its user, and leaves the user on the request for the access guard', async () => {
    const request: RequestLike = { ip: '203.0.113.9', headers: { authorization: 'Bearer good' } };
    const { caller, cost } = await check('{ me { id } }', request);
    expect(caller).toEqual({ userId: 42, ip: '203.0.113.9' });
    expect(cost).toEqual([['reads', 1]]);
    expect(request.user).toEqual(MEMBER);
  });

  it('counts a bad token by its address only, and leaves it to the guard', async () => {
    const request: RequestLike = { ip: '2001:db8:1:2:3::4', headers: { authorization: 'Bearer bad' } };
    const { caller, cost } = await check(
      'mutation { a: createPost(input: {threadId: 1, body: "x"}) { id } }',
      request,
    );
    expect(caller).toEqual({ userId: undefined, ip: '2001:db8:1:2::/64' });
    expect(cost).toEqual([['posts', 1]]);
    expect(request.user).toBeUndefined();
  });

  it('takes a user already on the request as it is', async () => {
    const request: RequestLike = { ip: '203.0.113.9', user: { ...MEMBER, id: 5 }, headers: {} };
    expect((await check('{ me { id } }', request)).caller).toEqual({ userId: 5, ip: '203.0.113.9' });
  });
});
