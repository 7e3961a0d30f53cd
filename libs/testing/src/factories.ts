import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { Agency } from '@jipp/agencies';
import { NetworkCoordinator, User, UserStatus } from '@jipp/auth';
import { Role } from '@jipp/core';
import type { DataSource } from 'typeorm';

export const TEST_PASSWORD = 'test-password-2026';
let passwordHash: Promise<string> | undefined;

/** A unique suffix for names and e-mails, so tests never collide. */
export function unique(prefix = 't'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A seeded agency by short name, e.g. `Pemkab Banyuwangi`. */
export async function seededAgency(dataSource: DataSource, shortName: string): Promise<Agency> {
  return dataSource.getRepository(Agency).findOneByOrFail({ shortName });
}

/** A new active user with the test password; coordinators get their hubs. */
export async function createUser(
  dataSource: DataSource,
  options: { role?: Role; agencyId: number; email?: string; networkIds?: number[]; status?: UserStatus },
): Promise<User> {
  passwordHash ??= argon2.hash(TEST_PASSWORD, { type: argon2.argon2id });
  const repo = dataSource.getRepository(User);
  const user = repo.create({
    agencyId: options.agencyId,
    email: options.email ?? `${unique('user')}@uji.go.id`,
    name: unique('Pengguna'),
    role: options.role ?? Role.MEMBER,
    status: options.status ?? UserStatus.ACTIVE,
    passwordHash: await passwordHash,
    lastLoginAt: null,
  });
  await repo.insert(user);
  for (const networkId of options.networkIds ?? []) {
    await dataSource.getRepository(NetworkCoordinator).insert({ networkId, userId: user.id });
  }
  return user;
}
