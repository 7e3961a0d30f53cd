import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { Agency, Network } from '@jipp/agencies';
import { NetworkCoordinator, User, UserStatus } from '@jipp/auth';
import { Role } from '@jipp/core';
import { Innovation, InnovationCategory, InnovationStage, InnovationStatus, slugOf } from '@jipp/innovations';
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
  options: {
    role?: Role;
    agencyId: number;
    email?: string;
    networkIds?: number[];
    /** Hubs (by slug) the user coordinates. */
    hubSlugs?: string[];
    status?: UserStatus;
  },
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
  const hubIds = await Promise.all(
    (options.hubSlugs ?? []).map(
      async (slug) => (await dataSource.getRepository(Network).findOneByOrFail({ slug })).id,
    ),
  );
  for (const networkId of [...(options.networkIds ?? []), ...hubIds]) {
    await dataSource.getRepository(NetworkCoordinator).insert({ networkId, userId: user.id });
  }
  return user;
}

/** A category of the seeded 2018 set, by code. */
export async function seededCategory(
  dataSource: DataSource,
  code = 'KESEHATAN',
): Promise<InnovationCategory> {
  return dataSource.getRepository(InnovationCategory).findOneByOrFail({ competitionYear: 2018, code });
}

/**
 * An innovation written straight to the database (published unless told otherwise), with valid
 * content and a unique title and slug; `agency` is a seeded agency's short name.
 */
export async function createInnovation(
  dataSource: DataSource,
  options: Partial<Innovation> & { agency?: string; categoryCode?: string } = {},
): Promise<Innovation> {
  const { agency: agencyName = 'Pemkab Banyuwangi', categoryCode, ...fields } = options;
  const agency = await seededAgency(dataSource, agencyName);
  const category = await seededCategory(dataSource, categoryCode);
  const title = fields.title ?? `Inovasi ${unique('uji')}`;
  const status = fields.status ?? InnovationStatus.PUBLISHED;
  const now = new Date();
  const repo = dataSource.getRepository(Innovation);
  const innovation = repo.create({
    slug: slugOf(title) + '-' + unique('s').slice(2),
    summary: 'Ringkasan inovasi pelayanan publik untuk pengujian.',
    problem: 'Masyarakat menunggu terlalu lama untuk mendapatkan layanan dasar.',
    approach: 'Layanan dipindahkan ke kantor desa dengan jadwal tetap setiap pekan.',
    novelty: 'Pertama di kabupaten ini.',
    impact: 'Waktu layanan turun dari 14 hari menjadi 2 hari.',
    digital: false,
    stage: InnovationStage.IMPLEMENTED,
    sdgGoals: [16],
    launchYear: 2019,
    categoryId: category.id,
    originAgencyId: agency.id,
    regionCode: agency.regionCode,
    provinceCode: agency.provinceCode,
    originAgencyType: agency.type,
    publishedAt: status === InnovationStatus.DRAFT ? null : now,
    listedAt: now,
    ...fields,
    title,
    status,
  });
  await repo.insert(innovation);
  return innovation;
}
