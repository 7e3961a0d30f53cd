import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { AppError } from '@jipp/core';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** argon2id hashes. Verifying against a dummy hash keeps unknown e-mails as slow as known ones. */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= this.hash('not-a-real-password-just-for-timing');
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }

  /** A password a user chooses: long enough, not only one repeated character. */
  assertAcceptable(password: string, field = 'password'): void {
    if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      throw AppError.badInput(
        `The password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long.`,
        [{ field, message: `must be ${MIN_PASSWORD_LENGTH}-${MAX_PASSWORD_LENGTH} characters` }],
      );
    }
    if (new Set(password).size < 4) {
      throw AppError.badInput('The password is too simple.', [
        { field, message: 'needs at least 4 different characters' },
      ]);
    }
  }
}
