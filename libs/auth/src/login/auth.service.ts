import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError, runInTransaction, writeAudit } from '@jipp/core';
import { IsNull, type DataSource } from 'typeorm';
import { Invitation } from '../tokens/invitation.entity';
import { RefreshToken } from '../tokens/refresh-token.entity';
import { hashSecretToken } from '../tokens/secret-token';
import { TokenService, type IssuedTokens } from '../tokens/token.service';
import { UserStatus } from '../users/user-status';
import { User } from '../users/user.entity';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';

export interface SignedIn extends IssuedTokens {
  user: User;
}

const BAD_CREDENTIALS = 'Wrong e-mail or password.';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly passwords: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
  ) {}

  /** Signs in with e-mail and password; the same error for an unknown e-mail and a wrong password. */
  async login(email: string, password: string, ip: string): Promise<SignedIn> {
    const normalized = email.trim().toLowerCase();
    await this.limiter.assertAllowed(normalized, ip);
    const user = await this.dataSource.getRepository(User).findOneBy({ email: normalized });
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || user.status !== UserStatus.ACTIVE) {
      await this.limiter.recordFailure(normalized, ip);
      throw AppError.unauthenticated(BAD_CREDENTIALS);
    }
    await this.limiter.recordSuccess(normalized);
    return runInTransaction(this.dataSource, async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { lastLoginAt: new Date() });
      const issued = await this.tokens.issue(manager, {
        id: user.id,
        agencyId: user.agencyId,
        role: user.role,
      });
      return { ...issued, user };
    });
  }

  /**
   * Trades a refresh token for a new pair and retires the old one. A token that was already
   * rotated means it leaked: the whole family is revoked and the caller must sign in again.
   */
  async refresh(refreshToken: string): Promise<SignedIn> {
    const hash = hashSecretToken(refreshToken);
    const outcome = await runInTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(RefreshToken);
      const stored = await repo.findOne({ where: { tokenHash: hash }, lock: { mode: 'pessimistic_write' } });
      if (!stored || stored.expiresAt.getTime() <= Date.now()) return { error: 'invalid' as const };
      if (stored.revokedAt) {
        if (stored.rotatedAt) {
          await repo.update({ familyId: stored.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
          return { error: 'reused' as const };
        }
        return { error: 'invalid' as const };
      }
      const user = await manager.getRepository(User).findOneBy({ id: stored.userId });
      if (!user || user.status !== UserStatus.ACTIVE) return { error: 'invalid' as const };
      const now = new Date();
      await repo.update({ id: stored.id }, { revokedAt: now, rotatedAt: now });
      const issued = await this.tokens.issue(
        manager,
        { id: user.id, agencyId: user.agencyId, role: user.role },
        stored.familyId,
      );
      return { signedIn: { ...issued, user } };
    });
    if (outcome.signedIn) return outcome.signedIn;
    throw AppError.unauthenticated(
      outcome.error === 'reused'
        ? 'This refresh token was already used; every session of its chain is now signed out. Sign in again.'
        : 'The refresh token is invalid or expired. Sign in again.',
    );
  }

  /** Revokes a refresh token. Idempotent: an unknown or revoked token is not an error. */
  async logout(refreshToken: string): Promise<boolean> {
    await this.dataSource
      .getRepository(RefreshToken)
      .update({ tokenHash: hashSecretToken(refreshToken), revokedAt: IsNull() }, { revokedAt: new Date() });
    return true;
  }

  /** Accepts an invitation: sets the password, activates the user and signs them in. */
  async acceptInvitation(token: string, password: string): Promise<SignedIn> {
    this.passwords.assertAcceptable(password);
    const passwordHash = await this.passwords.hash(password);
    return runInTransaction(this.dataSource, async (manager) => {
      const invitation = await manager
        .getRepository(Invitation)
        .findOne({ where: { tokenHash: hashSecretToken(token) }, lock: { mode: 'pessimistic_write' } });
      if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() <= Date.now()) {
        throw AppError.badInput('This invitation is invalid, expired or already used.', [
          { field: 'token', message: 'is not a valid invitation' },
        ]);
      }
      const users = manager.getRepository(User);
      const user = await users.findOneByOrFail({ id: invitation.userId });
      if (user.status !== UserStatus.INVITED) {
        throw AppError.badInput('This invitation is no longer valid.', [
          { field: 'token', message: 'is not a valid invitation' },
        ]);
      }
      await manager.getRepository(Invitation).update({ id: invitation.id }, { acceptedAt: new Date() });
      await users.update(
        { id: user.id },
        { passwordHash, status: UserStatus.ACTIVE, lastLoginAt: new Date() },
      );
      const after = await users.findOneByOrFail({ id: user.id });
      await writeAudit(manager, {
        actorUserId: user.id,
        action: 'user.accept-invitation',
        entityType: 'user',
        entityId: user.id,
        before: user,
        after,
      });
      const issued = await this.tokens.issue(manager, {
        id: after.id,
        agencyId: after.agencyId,
        role: after.role,
      });
      return { ...issued, user: after };
    });
  }
}
