import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Agency, Network } from '@jipp/agencies';
import { insertIgnore, Role } from '@jipp/core';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from './login/password-hasher';
import { NetworkCoordinator } from './users/network-coordinator.entity';
import { UserStatus } from './users/user-status';
import { User } from './users/user.entity';

export const DEMO_PASSWORD = 'jipp-demo-2026';

/** One demo user per role; printed by `npm run demo` and listed in the README. */
export const DEMO_USERS = [
  {
    email: 'admin@jipp.demo',
    name: 'Admin Nasional KemenPANRB',
    role: Role.ADMIN,
    agencyShortName: 'KemenPANRB',
  },
  {
    email: 'koordinator.jatim@jipp.demo',
    name: 'Koordinator JIPP Jawa Timur',
    role: Role.COORDINATOR,
    agencyShortName: 'Pemprov Jawa Timur',
    hubSlug: 'jipp-jawa-timur',
  },
  {
    email: 'admin.banyuwangi@jipp.demo',
    name: 'Admin Pemkab Banyuwangi',
    role: Role.AGENCY_ADMIN,
    agencyShortName: 'Pemkab Banyuwangi',
  },
  {
    email: 'anggota.banyuwangi@jipp.demo',
    name: 'Anggota Pemkab Banyuwangi',
    role: Role.MEMBER,
    agencyShortName: 'Pemkab Banyuwangi',
  },
] as const;

@Injectable()
export class DemoUsersSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
  ) {}

  /** Creates the demo users (idempotent); needs the reference seed first. */
  async seed(): Promise<number> {
    const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
    await this.dataSource.transaction(async (manager) => {
      for (const demo of DEMO_USERS) {
        const agency = await manager
          .getRepository(Agency)
          .findOneByOrFail({ shortName: demo.agencyShortName });
        await insertIgnore(manager, User, {
          email: demo.email,
          name: demo.name,
          role: demo.role,
          agencyId: agency.id,
          passwordHash,
          status: UserStatus.ACTIVE,
        });
        if ('hubSlug' in demo) {
          const user = await manager.getRepository(User).findOneByOrFail({ email: demo.email });
          const hub = await manager.getRepository(Network).findOneByOrFail({ slug: demo.hubSlug });
          await insertIgnore(manager, NetworkCoordinator, { networkId: hub.id, userId: user.id });
        }
      }
    });
    return DEMO_USERS.length;
  }
}
