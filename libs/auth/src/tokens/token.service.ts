import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, AppError, Role, type AuthUser } from '@jipp/core';
import { LRUCache } from 'lru-cache';
import type { EntityManager } from 'typeorm';
import { AccessRevocations } from './access-revocations';
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

/** Access tokens a node remembers as verified (about 300 bytes each); past it, the oldest are verified again. */
const VERIFIED_TOKENS_MAX = 10_000;
/**
 * A remembered token is verified again this long before it expires, so memory never answers for a
 * token the signature check would already refuse (it counts whole seconds).
 */
const EXPIRY_MARGIN_MS = 1_000;

interface VerifiedToken {
  user: AuthUser;
  /** The token's `iat` (epoch seconds): a revocation refuses the tokens issued before it. */
  issuedAt: number;
  /** Epoch ms until which this node answers the token from memory. */
  trustedUntil: number;
}

/** Short-lived JWT access tokens and rotating opaque refresh tokens. */
@Injectable()
export class TokenService {
  /**
   * Access tokens already verified on this node, by their whole text. A token's claims and signature
   * cannot change, so until it expires it names the same user: a client's next requests cost a map
   * lookup instead of an HMAC and a JSON parse. A token that failed is never remembered. A revoked
   * user's tokens are refused whether remembered or not.
   */
  private readonly verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_TOKENS_MAX });

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly revocations: AccessRevocations,
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
    const known = this.verified.get(token);
    if (known && Date.now() < known.trustedUntil) return this.unlessRevoked(known);
    const claims = await this.jwt.verifyAsync<AccessClaims & { exp?: number; iat?: number }>(token, {
      algorithms: ['HS256'],
    });
    const id = Number(claims.sub);
    if (!Number.isInteger(id) || !Number.isInteger(claims.agency) || !ROLES.has(claims.role))
      throw new Error('bad claims');
    const user: AuthUser = { id, agencyId: claims.agency, role: claims.role };
    // our tokens always say when they were issued; one that does not counts as issued long ago
    const issuedAt = typeof claims.iat === 'number' ? claims.iat : 0;
    // our tokens always expire; one without `exp` (not ours) is verified every time
    const trustedUntil = typeof claims.exp === 'number' ? claims.exp * 1000 - EXPIRY_MARGIN_MS : 0;
    const verified: VerifiedToken = { user, issuedAt, trustedUntil };
    if (Date.now() < trustedUntil) this.verified.set(token, verified);
    else this.verified.delete(token);
    return this.unlessRevoked(verified);
  }

  /** The token's user, unless their access was revoked after it was issued (a deactivated user). */
  private unlessRevoked(token: VerifiedToken): AuthUser {
    if (this.revocations.refuses(token.user.id, token.issuedAt)) throw new Error('revoked');
    return { ...token.user };
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
