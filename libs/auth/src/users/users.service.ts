import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgenciesService, NetworksService } from '@jipp/agencies';
import {
  AppConfig,
  AppError,
  appendOutbox,
  conflictOnDuplicate,
  insertIgnore,
  paginate,
  Role,
  runInTransaction,
  writeAudit,
  type AuthUser,
  type Connection,
} from '@jipp/core';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AccessRevocations } from '../tokens/access-revocations';
import { Invitation } from '../tokens/invitation.entity';
import { RefreshToken } from '../tokens/refresh-token.entity';
import { newSecretToken } from '../tokens/secret-token';
import { NetworkCoordinator } from './network-coordinator.entity';
import { UserStatus } from './user-status';
import { User } from './user.entity';

const unknownUser = (userId: number) => (): AppError =>
  AppError.badInput(`Unknown user ${userId}.`, [{ field: 'userId', message: 'is not a user' }]);

export interface InviteUserData {
  email: string;
  name: string;
  role: Role.MEMBER | Role.AGENCY_ADMIN;
  /** Required for national admins; agency admins always invite into their own agency. */
  agencyId?: number | null;
}

export interface InvitationIssued {
  user: User;
  /** Shown once, to the inviter; the database keeps only its hash. */
  token: string;
  acceptUrl: string;
  expiresAt: Date;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly networks: NetworksService,
    private readonly config: AppConfig,
    private readonly accessRevocations: AccessRevocations,
  ) {}

  async findByIds(ids: readonly number[]): Promise<User[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(User).findBy({ id: In([...ids]) });
  }

  async get(id: number): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw AppError.notFound('User', id);
    return user;
  }

  /** Whether `viewer` may see `user`'s e-mail: themselves, their agency's admins, national admins. */
  canSeeEmail(viewer: AuthUser | undefined, user: User): boolean {
    if (!viewer) return false;
    return (
      viewer.id === user.id ||
      viewer.role === Role.ADMIN ||
      (viewer.role === Role.AGENCY_ADMIN && viewer.agencyId === user.agencyId)
    );
  }

  /** Users of an agency: an agency admin sees their own agency, a national admin any. */
  async list(
    viewer: AuthUser,
    agencyId: number | undefined,
    page: { first: number; after?: string; withTotalCount?: boolean },
  ): Promise<Connection<User>> {
    const target = agencyId ?? viewer.agencyId;
    if (viewer.role !== Role.ADMIN && target !== viewer.agencyId) {
      throw AppError.forbidden('Agency admins may list only the users of their own agency.');
    }
    const query = this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .where('user.agencyId = :target', { target });
    return paginate(query, {
      ...page,
      orderBy: [
        { column: 'user.name', direction: 'ASC', value: (u) => u.name },
        { column: 'user.id', direction: 'ASC', value: (u) => u.id },
      ],
    });
  }

  /**
   * Invites a person into an agency: creates the user (INVITED) and a one-time token, and writes a
   * `user.invited` outbox event for the e-mail. Agency admins invite into their own agency only.
   */
  async invite(actor: AuthUser, data: InviteUserData): Promise<InvitationIssued> {
    let agencyId: number;
    if (actor.role === Role.ADMIN) {
      // null (sent explicitly) says as little as leaving it out
      if (data.agencyId === undefined || data.agencyId === null)
        throw AppError.badInput('Say which agency the user joins.', [
          { field: 'input.agencyId', message: 'is required for national admins' },
        ]);
      agencyId = data.agencyId;
    } else if (actor.role === Role.AGENCY_ADMIN) {
      if (data.agencyId !== undefined && data.agencyId !== null && data.agencyId !== actor.agencyId) {
        throw AppError.forbidden('Agency admins may invite users only into their own agency.');
      }
      agencyId = actor.agencyId;
    } else {
      throw AppError.forbidden('Only agency admins and national admins may invite users.');
    }
    const agency = await this.agencies.require(agencyId, 'input.agencyId');
    if (!agency.active)
      throw AppError.badInput(`${agency.name} is deactivated and takes no new users.`, [
        { field: 'input.agencyId', message: 'is deactivated' },
      ]);

    const email = data.email.trim().toLowerCase();
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(Date.now() + this.config.get('INVITATION_TTL_SECONDS') * 1000);
    const acceptUrl = `${this.config.get('PUBLIC_URL')}/invitation?token=${token}`;
    return runInTransaction(this.dataSource, async (manager) => {
      const users = manager.getRepository(User);
      const user = users.create({
        agencyId,
        email,
        name: data.name,
        role: data.role,
        status: UserStatus.INVITED,
        passwordHash: null,
        lastLoginAt: null,
      });
      await conflictOnDuplicate(() => users.insert(user), `A user with e-mail ${email} already exists.`);
      await manager
        .getRepository(Invitation)
        .insert({ userId: user.id, invitedById: actor.id, tokenHash: hash, expiresAt, acceptedAt: null });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'user.invite',
        entityType: 'user',
        entityId: user.id,
        after: user,
      });
      await appendOutbox(manager, {
        type: 'user.invited',
        aggregateType: 'user',
        aggregateId: user.id,
        actorUserId: actor.id,
        payload: {
          userId: user.id,
          agencyId,
          email,
          name: data.name,
          acceptUrl,
          expiresAt: expiresAt.toISOString(),
        },
      });
      return { user, token, acceptUrl, expiresAt };
    });
  }

  /**
   * Disables a user and ends their sessions: refresh tokens revoked, access tokens refused by every
   * api node from now on, open sockets closed. Agency admins act on their own agency only.
   */
  async deactivate(actor: AuthUser, userId: number): Promise<User> {
    if (actor.id === userId)
      throw AppError.badInput('You cannot deactivate yourself.', [{ field: 'userId', message: 'is you' }]);
    return runInTransaction(this.dataSource, async (manager) => {
      const users = manager.getRepository(User);
      const before = await this.lockUser(manager, userId, () => AppError.notFound('User', userId));
      if (
        actor.role !== Role.ADMIN &&
        (actor.role !== Role.AGENCY_ADMIN || before.agencyId !== actor.agencyId)
      ) {
        throw AppError.forbidden('Agency admins may deactivate only users of their own agency.');
      }
      if (before.role === Role.ADMIN && actor.role !== Role.ADMIN)
        throw AppError.forbidden('Only national admins may deactivate a national admin.');
      await users.update({ id: userId }, { status: UserStatus.DISABLED });
      await manager
        .getRepository(RefreshToken)
        .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      const after = await users.findOneByOrFail({ id: userId });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'user.deactivate',
        entityType: 'user',
        entityId: userId,
        before,
        after,
      });
      // last, before the commit: if Redis fails, nothing of the deactivation is kept
      await this.accessRevocations.revoke(userId);
      return after;
    });
  }

  /** Makes a user a coordinator of a hub (national admins only). Idempotent. */
  async assignCoordinator(actor: AuthUser, networkId: number, userId: number): Promise<User> {
    await this.networks.require(networkId);
    return runInTransaction(this.dataSource, async (manager) => {
      const users = manager.getRepository(User);
      const before = await this.lockUser(manager, userId, unknownUser(userId));
      if (before.status === UserStatus.DISABLED)
        throw AppError.badInput('A deactivated user cannot coordinate a hub.', [
          { field: 'userId', message: 'is deactivated' },
        ]);
      if (before.role === Role.AGENCY_ADMIN || before.role === Role.ADMIN) {
        throw AppError.conflict(
          `User ${userId} is ${before.role}; a user has one role, so make them a MEMBER first.`,
        );
      }
      await insertIgnore(manager, NetworkCoordinator, { networkId, userId });
      if (before.role !== Role.COORDINATOR) await users.update({ id: userId }, { role: Role.COORDINATOR });
      const after = await users.findOneByOrFail({ id: userId });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'network.assign-coordinator',
        entityType: 'user',
        entityId: userId,
        before,
        after: { ...after, networkId },
      });
      return after;
    });
  }

  /** Removes a coordinator from a hub; one who coordinates no hub any more becomes a MEMBER. */
  async removeCoordinator(actor: AuthUser, networkId: number, userId: number): Promise<User> {
    return runInTransaction(this.dataSource, async (manager) => {
      const users = manager.getRepository(User);
      const before = await this.lockUser(manager, userId, unknownUser(userId));
      const removed = await manager.getRepository(NetworkCoordinator).delete({ networkId, userId });
      if (!removed.affected) throw AppError.notFound(`Coordinator ${userId} of network`, networkId);
      const remaining = await manager.getRepository(NetworkCoordinator).countBy({ userId });
      if (remaining === 0 && before.role === Role.COORDINATOR)
        await users.update({ id: userId }, { role: Role.MEMBER });
      const after = await users.findOneByOrFail({ id: userId });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'network.remove-coordinator',
        entityType: 'user',
        entityId: userId,
        before: { ...before, networkId },
        after,
      });
      return after;
    });
  }

  /** The user row, locked for this transaction; `missing()` is thrown when there is none. */
  private async lockUser(manager: EntityManager, userId: number, missing: () => AppError): Promise<User> {
    const user = await manager
      .getRepository(User)
      .findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw missing();
    return user;
  }

  /** Coordinators of each hub, for a DataLoader. */
  async coordinatorsOf(networkIds: readonly number[]): Promise<Map<number, User[]>> {
    const result = new Map<number, User[]>(networkIds.map((id) => [id, []]));
    if (networkIds.length === 0) return result;
    const rows = await this.dataSource.getRepository(NetworkCoordinator).find({
      where: { networkId: In([...networkIds]) },
      relations: { user: true },
      order: { assignedAt: 'ASC' },
    });
    for (const row of rows) if (row.user) result.get(row.networkId)?.push(row.user);
    return result;
  }

  /** Ids of the hubs a user coordinates. */
  async coordinatedNetworkIds(userId: number): Promise<number[]> {
    const rows = await this.dataSource
      .getRepository(NetworkCoordinator)
      .find({ where: { userId }, select: { networkId: true } });
    return rows.map((r) => r.networkId);
  }
}
