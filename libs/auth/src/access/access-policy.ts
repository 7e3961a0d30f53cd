import { AppError, type AccessRule, type AuthUser } from '@jipp/core';

/**
 * Whether a caller may run an operation with this rule. Pure: the global guard calls it, the
 * access-rule test calls it. No rule at all is a refusal (default deny).
 */
export function checkAccess(rule: AccessRule | undefined, user: AuthUser | undefined): AppError | null {
  if (!rule) return AppError.forbidden('This operation states no access rule, so nobody may call it.');
  if (rule.kind === 'public') return null;
  if (!user) return AppError.unauthenticated();
  if (rule.kind === 'signed-in') return null;
  return rule.roles.includes(user.role)
    ? null
    : AppError.forbidden(`Only ${rule.roles.join(' or ')} may do this.`);
}
