import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppError } from '../errors/app-error';
import type { AuthUser } from './auth-user';
import type { Role } from './role';

export const ACCESS_RULE_KEY = 'jipp:access-rule';

/** Who may call an operation. Every resolver method and controller route states one. */
export type AccessRule = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: Role[] };

/** Anyone, signed in or not. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AccessRule>(ACCESS_RULE_KEY, { kind: 'public' });

/** Any signed-in user; finer checks (ownership, scope) happen in the service. */
export const SignedIn = (): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AccessRule>(ACCESS_RULE_KEY, { kind: 'signed-in' });

/** Signed-in users with one of these roles; finer checks (ownership, scope) happen in the service. */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AccessRule>(ACCESS_RULE_KEY, { kind: 'roles', roles });

export function requestOf(context: ExecutionContext): {
  user?: AuthUser;
  ip?: string;
  headers?: Record<string, unknown>;
} {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: { user?: AuthUser } }>().req;
  }
  if (context.getType<string>() === 'ws') {
    // socket.io: the gateway authenticates the connection and keeps its user in `socket.data.user`
    return { user: context.switchToWs().getClient<{ data?: { user?: AuthUser } }>().data?.user };
  }
  return context.switchToHttp().getRequest();
}

/** The signed-in user; only on operations that require one. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = requestOf(context).user;
  if (!user) throw AppError.unauthenticated();
  return user;
});

/** The caller if signed in, else undefined; for public operations that show more to members. */
export const OptionalUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | undefined => requestOf(context).user,
);
