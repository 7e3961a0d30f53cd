import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { JwtService } from '@nestjs/jwt';
import type { TokenClaims } from './token-claims';

/** The bearer token must be a valid access token; its claims become `request.user`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly jwtService: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = GqlExecutionContext.create(context).getContext<{
      req: { headers: Record<string, string | undefined>; user?: TokenClaims };
    }>().req;
    const [kind, token] = request.headers['authorization']?.split(' ') ?? [];
    if (kind !== 'Bearer' || !token) throw new UnauthorizedException();
    try {
      request.user = await this.jwtService.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedException();
    }
    return true;
  }
}
