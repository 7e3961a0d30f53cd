import fc from 'fast-check';
import { ErrorCode, Role, type AccessRule, type AuthUser } from '@jipp/core';
import { checkAccess } from './access-policy';

const roles = Object.values(Role);
const userArb = fc.record({ id: fc.nat(), agencyId: fc.nat(), role: fc.constantFrom(...roles) });
const ruleArb: fc.Arbitrary<AccessRule> = fc.oneof(
  fc.constant<AccessRule>({ kind: 'public' }),
  fc.constant<AccessRule>({ kind: 'signed-in' }),
  fc
    .uniqueArray(fc.constantFrom(...roles), { minLength: 1 })
    .map((r): AccessRule => ({ kind: 'roles', roles: r })),
);

describe('checkAccess', () => {
  it('denies everybody when an operation has no rule', () => {
    fc.assert(
      fc.property(
        fc.option(userArb, { nil: undefined }),
        (user) => checkAccess(undefined, user)?.extensions['code'] === ErrorCode.FORBIDDEN,
      ),
    );
  });

  it('lets anyone through a public rule', () => {
    fc.assert(
      fc.property(
        fc.option(userArb, { nil: undefined }),
        (user) => checkAccess({ kind: 'public' }, user) === null,
      ),
    );
  });

  it('asks anonymous callers to sign in for any non-public rule', () => {
    fc.assert(
      fc.property(
        ruleArb.filter((r) => r.kind !== 'public'),
        (rule) => checkAccess(rule, undefined)?.extensions['code'] === ErrorCode.UNAUTHENTICATED,
      ),
    );
  });

  it('admits a signed-in user exactly when their role is listed', () => {
    fc.assert(
      fc.property(ruleArb, userArb, (rule, user: AuthUser) => {
        const result = checkAccess(rule, user);
        const allowed = rule.kind !== 'roles' || rule.roles.includes(user.role);
        return allowed ? result === null : result?.extensions['code'] === ErrorCode.FORBIDDEN;
      }),
    );
  });
});
