import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { TokenClaims } from './token-claims';

/** The claims `AuthGuard` put on the request. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TokenClaims =>
    GqlExecutionContext.create(context).getContext<{ req: { user: TokenClaims } }>().req.user,
);
