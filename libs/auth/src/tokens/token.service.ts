import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, AppError, Role, type AuthUser } from '@jipp/core';
import type { EntityManager } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';
import { newSecretToken } from './secret-token';

interface AccessClaims {
  sub: string;
  agency: number;
  role: Role;
}

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

const ROLES = new Set<string>(Object.values(Role));

/** Short-lived JWT access tokens and rotating opaque refresh tokens. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The user an `Authorization: Bearer …` header names. A bad or expired token is UNAUTHENTICATED,
   * except on public operations, where it is ignored (the caller is treated as anonymous).
   */
  async verifyAccessHeader(header: string, lenient: boolean): Promise<AuthUser | undefined> {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    try {
      if (!match) throw new Error('malformed');
      return await this.verifyAccessToken(match[1]!);
    } catch {
      if (lenient) return undefined;
      throw AppError.unauthenticated('The access token is invalid or expired: refresh it or sign in again.');
    }
  }

  async verifyAccessToken(token: string): Promise<AuthUser> {
    const claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    const id = Number(claims.sub);
    if (!Number.isInteger(id) || !Number.isInteger(claims.agency) || !ROLES.has(claims.role))
      throw new Error('bad claims');
    return { id, agencyId: claims.agency, role: claims.role };
  }

  /** Issues an access token and a new refresh token (in `familyId`'s chain, or a new chain). */
  async issue(
    manager: EntityManager,
    user: AuthUser,
    familyId: string = randomUUID(),
  ): Promise<IssuedTokens> {
    const now = Date.now();
    const accessTtl = this.config.get('ACCESS_TOKEN_TTL_SECONDS');
    const refreshTtl = this.config.get('REFRESH_TOKEN_TTL_SECONDS');
    const claims: AccessClaims = { sub: String(user.id), agency: user.agencyId, role: user.role };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: accessTtl, algorithm: 'HS256' });
    const { token, hash } = newSecretToken();
    const refreshTokenExpiresAt = new Date(now + refreshTtl * 1000);
    await manager.getRepository(RefreshToken).insert({
      userId: user.id,
      tokenHash: hash,
      familyId,
      expiresAt: refreshTokenExpiresAt,
      revokedAt: null,
      rotatedAt: null,
    });
    return {
      accessToken,
      accessTokenExpiresAt: new Date(now + accessTtl * 1000),
      refreshToken: token,
      refreshTokenExpiresAt,
    };
  }
}
