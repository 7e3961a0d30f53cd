import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AppError,
  type AuthUser,
  type Connection,
  conflictOnDuplicate,
  paginate,
  runInTransaction,
  writeAudit,
} from '@jipp/core';
import { RegionsService } from '@jipp/regions';
import type { DataSource } from 'typeorm';
import { regionMismatch, isOnePerRegion } from './agency-rules';
import { AgencyType } from './agency-type';
import { Agency } from './agency.entity';

export interface AgencyFilter {
  type?: AgencyType[];
  provinceCode?: string;
  regionCode?: string;
  search?: string;
  includeInactive?: boolean;
}

export interface CreateAgencyData {
  name: string;
  shortName?: string | null;
  type: AgencyType;
  regionCode: string;
  parentId?: number | null;
}

export interface UpdateAgencyData {
  name?: string;
  shortName?: string | null;
  parentId?: number | null;
  active?: boolean;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class AgenciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
  ) {}

  async list(
    filter: AgencyFilter,
    page: { first: number; after?: string; withTotalCount?: boolean },
  ): Promise<Connection<Agency>> {
    const query = this.dataSource.getRepository(Agency).createQueryBuilder('agency');
    if (!filter.includeInactive) query.andWhere('agency.active = 1');
    if (filter.type?.length) query.andWhere('agency.type IN (:...types)', { types: filter.type });
    if (filter.provinceCode) {
      await this.regions.require(filter.provinceCode, 'filter.provinceCode');
      query.andWhere('agency.provinceCode = :province', { province: filter.provinceCode });
    }
    if (filter.regionCode) {
      await this.regions.require(filter.regionCode, 'filter.regionCode');
      query.andWhere('agency.regionCode = :region', { region: filter.regionCode });
    }
    const search = filter.search?.trim();
    if (search) {
      query.andWhere('(agency.name LIKE :search OR agency.shortName LIKE :search)', {
        search: `%${escapeLike(search)}%`,
      });
    }
    return paginate(query, {
      first: page.first,
      after: page.after,
      withTotalCount: page.withTotalCount,
      orderBy: [
        { column: 'agency.name', direction: 'ASC', value: (a) => a.name },
        { column: 'agency.id', direction: 'ASC', value: (a) => a.id },
      ],
    });
  }

  async findById(id: number): Promise<Agency | null> {
    return this.dataSource.getRepository(Agency).findOneBy({ id });
  }

  async findByIds(ids: readonly number[]): Promise<Agency[]> {
    if (ids.length === 0) return [];
    return this.dataSource
      .getRepository(Agency)
      .createQueryBuilder('agency')
      .whereInIds([...ids])
      .getMany();
  }

  async require(id: number, field = 'agencyId'): Promise<Agency> {
    const agency = await this.findById(id);
    if (!agency) throw AppError.badInput(`Unknown agency ${id}.`, [{ field, message: 'is not an agency' }]);
    return agency;
  }

  async get(id: number): Promise<Agency> {
    const agency = await this.findById(id);
    if (!agency) throw AppError.notFound('Agency', id);
    return agency;
  }

  async create(actor: AuthUser | null, data: CreateAgencyData): Promise<Agency> {
    const region = await this.regions.require(data.regionCode, 'input.regionCode');
    const mismatch = regionMismatch(data.type, region);
    if (mismatch)
      throw AppError.badInput(`Invalid input: ${mismatch}.`, [
        { field: 'input.regionCode', message: mismatch },
      ]);
    if (data.parentId != null) await this.require(data.parentId, 'input.parentId');

    return runInTransaction(this.dataSource, async (manager) => {
      if (isOnePerRegion(data.type)) {
        const existing = await manager.getRepository(Agency).findOne({
          where: { type: data.type, regionCode: data.regionCode },
          lock: { mode: 'pessimistic_write' },
        });
        if (existing)
          throw AppError.conflict(
            `${region.name} already has a ${data.type} agency: ${existing.name} (${existing.id}).`,
          );
      }
      const agency = manager.getRepository(Agency).create({
        name: data.name,
        shortName: data.shortName ?? null,
        type: data.type,
        regionCode: region.code,
        provinceCode: region.provinceCode,
        parentId: data.parentId ?? null,
        active: true,
      });
      await conflictOnDuplicate(
        () => manager.getRepository(Agency).insert(agency),
        `An agency named "${agency.name}" already exists.`,
      );
      await writeAudit(manager, {
        actorUserId: actor?.id ?? null,
        action: 'agency.create',
        entityType: 'agency',
        entityId: agency.id,
        after: agency,
      });
      return agency;
    });
  }

  /** Updates with optimistic locking: a stale `expectedVersion` is a CONFLICT, never an overwrite. */
  async update(
    actor: AuthUser,
    id: number,
    expectedVersion: number,
    data: UpdateAgencyData,
  ): Promise<Agency> {
    if (data.parentId != null) {
      if (data.parentId === id)
        throw AppError.badInput('An agency cannot be its own parent.', [
          { field: 'input.parentId', message: 'is the agency itself' },
        ]);
      await this.require(data.parentId, 'input.parentId');
    }
    return runInTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(Agency);
      const before = await repo.findOneBy({ id });
      if (!before) throw AppError.notFound('Agency', id);
      const changes: Partial<Agency> = {};
      if (data.name !== undefined) changes.name = data.name;
      if (data.shortName !== undefined) changes.shortName = data.shortName;
      if (data.parentId !== undefined) changes.parentId = data.parentId;
      if (data.active !== undefined) changes.active = data.active;
      const result = await conflictOnDuplicate(
        () =>
          repo
            .createQueryBuilder()
            .update(Agency)
            .set({ ...changes, version: () => 'version + 1' })
            .where('id = :id AND version = :version', { id, version: expectedVersion })
            .execute(),
        `An agency named "${data.name}" already exists.`,
      );
      if (result.affected !== 1) {
        throw AppError.conflict(
          `Agency ${id} was changed by someone else (your version ${expectedVersion}, current ${before.version}). Reload it and try again.`,
          { currentVersion: before.version },
        );
      }
      const after = await repo.findOneByOrFail({ id });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'agency.update',
        entityType: 'agency',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Deactivates an agency; an inactive one is returned as it is (idempotent). */
  async deactivate(actor: AuthUser, id: number): Promise<Agency> {
    const agency = await this.get(id);
    return agency.active ? this.update(actor, id, agency.version, { active: false }) : agency;
  }
}
