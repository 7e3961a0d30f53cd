import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  appendOutbox,
  AppError,
  type AuthUser,
  type Connection,
  conflictOnDuplicate,
  insertIgnore,
  paginate,
  runInTransaction,
  writeAudit,
} from '@jipp/core';
import { RegionLevel, RegionsService } from '@jipp/regions';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { NetworkMember } from './network-member.entity';
import { Network } from './network.entity';

/** Outbox event: agencies joined or left a hub (payload `{ networkId, agencyIds }`). */
export const NETWORK_MEMBERS_CHANGED = 'network.members_changed';

export interface CreateNetworkData {
  name: string;
  slug: string;
  provinceCode?: string | null;
  agencyIds?: number[];
}

@Injectable()
export class NetworksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
  ) {}

  async list(): Promise<Network[]> {
    return this.dataSource.getRepository(Network).find({ order: { name: 'ASC' } });
  }

  async findByIds(ids: readonly number[]): Promise<Network[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(Network).findBy({ id: In([...ids]) });
  }

  async get(by: { id?: number; slug?: string }): Promise<Network> {
    if ((by.id === undefined) === (by.slug === undefined)) {
      throw AppError.badInput('Pass exactly one of id or slug.', [
        { field: 'id', message: 'or slug, not both' },
      ]);
    }
    const network = await this.dataSource
      .getRepository(Network)
      .findOneBy(by.id !== undefined ? { id: by.id } : { slug: by.slug });
    if (!network) throw AppError.notFound('Network', by.id ?? by.slug);
    return network;
  }

  async require(id: number, field = 'networkId'): Promise<Network> {
    const network = await this.dataSource.getRepository(Network).findOneBy({ id });
    if (!network) throw AppError.badInput(`Unknown network ${id}.`, [{ field, message: 'is not a network' }]);
    return network;
  }

  /** Member agencies of a hub, by name. */
  async members(
    networkId: number,
    page: { first: number; after?: string; withTotalCount?: boolean },
  ): Promise<Connection<Agency>> {
    const query = this.dataSource
      .getRepository(Agency)
      .createQueryBuilder('agency')
      .innerJoin(NetworkMember, 'member', 'member.agencyId = agency.id AND member.networkId = :networkId', {
        networkId,
      });
    return paginate(query, {
      ...page,
      orderBy: [
        { column: 'agency.name', direction: 'ASC', value: (a) => a.name },
        { column: 'agency.id', direction: 'ASC', value: (a) => a.id },
      ],
    });
  }

  /** Ids of the hubs an agency belongs to. */
  async networkIdsOfAgency(agencyId: number): Promise<number[]> {
    const rows = await this.dataSource
      .getRepository(NetworkMember)
      .find({ where: { agencyId }, select: { networkId: true } });
    return rows.map((r) => r.networkId);
  }

  /** Member counts per hub, for a DataLoader. */
  async memberCounts(networkIds: readonly number[]): Promise<Map<number, number>> {
    if (networkIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(NetworkMember)
      .createQueryBuilder('m')
      .select('m.networkId', 'networkId')
      .addSelect('COUNT(*)', 'count')
      .where('m.networkId IN (:...ids)', { ids: [...networkIds] })
      .groupBy('m.networkId')
      .getRawMany<{ networkId: number; count: string }>();
    return new Map(rows.map((r) => [Number(r.networkId), Number(r.count)]));
  }

  async create(actor: AuthUser | null, data: CreateNetworkData): Promise<Network> {
    if (data.provinceCode)
      await this.regions.require(data.provinceCode, 'input.provinceCode', RegionLevel.PROVINCE);
    const agencyIds = [...new Set(data.agencyIds ?? [])];
    await this.requireAgencies(agencyIds, 'input.agencyIds');
    return runInTransaction(this.dataSource, async (manager) => {
      const network = manager
        .getRepository(Network)
        .create({ name: data.name, slug: data.slug, provinceCode: data.provinceCode ?? null });
      await conflictOnDuplicate(
        () => manager.getRepository(Network).insert(network),
        `A network named "${data.name}" or with slug "${data.slug}" already exists.`,
      );
      if (agencyIds.length) {
        await manager
          .getRepository(NetworkMember)
          .insert(agencyIds.map((agencyId) => ({ networkId: network.id, agencyId })));
      }
      await writeAudit(manager, {
        actorUserId: actor?.id ?? null,
        action: 'network.create',
        entityType: 'network',
        entityId: network.id,
        after: { ...network, agencyIds },
      });
      return network;
    });
  }

  /** Adds agencies to a hub; agencies already in it are left as they are. Returns how many joined. */
  async addMembers(actor: AuthUser, networkId: number, agencyIds: number[]): Promise<number> {
    await this.require(networkId);
    const ids = [...new Set(agencyIds)];
    await this.requireAgencies(ids, 'agencyIds');
    return runInTransaction(this.dataSource, async (manager) => {
      const added = await insertIgnore(
        manager,
        NetworkMember,
        ids.map((agencyId) => ({ networkId, agencyId })),
      );
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'network.add-members',
        entityType: 'network',
        entityId: networkId,
        after: { agencyIds: ids },
      });
      if (added > 0) await this.membersChanged(manager, actor, networkId, ids);
      return added;
    });
  }

  /** Removes agencies from a hub. Returns how many left. */
  async removeMembers(actor: AuthUser, networkId: number, agencyIds: number[]): Promise<number> {
    await this.require(networkId);
    const ids = [...new Set(agencyIds)];
    return runInTransaction(this.dataSource, async (manager) => {
      const result = await manager.getRepository(NetworkMember).delete({ networkId, agencyId: In(ids) });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'network.remove-members',
        entityType: 'network',
        entityId: networkId,
        before: { agencyIds: ids },
      });
      if (result.affected) await this.membersChanged(manager, actor, networkId, ids);
      return result.affected ?? 0;
    });
  }

  /** Tells the analytics (through the outbox) that these agencies' replications count in other hubs now. */
  private membersChanged(manager: EntityManager, actor: AuthUser, networkId: number, agencyIds: number[]) {
    return appendOutbox(manager, {
      type: NETWORK_MEMBERS_CHANGED,
      aggregateType: 'network',
      aggregateId: networkId,
      actorUserId: actor.id,
      payload: { networkId, agencyIds },
    });
  }

  async isMember(networkId: number, agencyId: number): Promise<boolean> {
    return this.dataSource.getRepository(NetworkMember).existsBy({ networkId, agencyId });
  }

  private async requireAgencies(ids: number[], field: string): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.dataSource
      .getRepository(Agency)
      .find({ where: { id: In(ids) }, select: { id: true, active: true } });
    const known = new Set(found.filter((a) => a.active).map((a) => a.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length) {
      throw AppError.badInput(`Unknown or inactive agencies: ${missing.slice(0, 10).join(', ')}.`, [
        { field, message: 'contains unknown agencies' },
      ]);
    }
  }
}
