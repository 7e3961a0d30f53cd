import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE_KEY, requestOf, type AccessRule } from '@jipp/core';
import { TokenService } from '../tokens/token.service';
import { checkAccess } from './access-policy';

/**
 * The global guard: authenticates the bearer token (if any), then applies the operation's access
 * rule. An operation without a rule is refused: default deny.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = requestOf(context);
    if (request.user === undefined) {
      const header = request.headers?.['authorization'];
      const value = Array.isArray(header) ? header[0] : header;
      if (typeof value === 'string' && value.length > 0) {
        request.user = await this.tokens.verifyAccessHeader(value, rule?.kind === 'public');
      }
    }
    const refusal = checkAccess(rule, request.user);
    if (refusal) throw refusal;
    return true;
  }
}
