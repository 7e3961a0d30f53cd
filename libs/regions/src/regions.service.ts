import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError } from '@jipp/core';
import type { DataSource, EntityManager } from 'typeorm';
import { Region, RegionLevel } from './region.entity';
import { isProvinceCode, isRegencyCode } from './region-code';
import { readRegions } from './region-source';

interface RegionIndex {
  byCode: Map<string, Region>;
  provinces: Region[];
  regenciesByProvince: Map<string, Region[]>;
}

/**
 * Provinces and regencies. They are reference data, read-only at run time, so every api node keeps
 * all 552 in memory after the first read: lookups cost no query.
 */
@Injectable()
export class RegionsService {
  private index?: Promise<RegionIndex>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private load(): Promise<RegionIndex> {
    this.index ??= this.dataSource
      .getRepository(Region)
      .find({ order: { code: 'ASC' } })
      .then((rows) => {
        const byCode = new Map(rows.map((r) => [r.code, r]));
        const provinces = rows.filter((r) => r.level === RegionLevel.PROVINCE);
        const regenciesByProvince = new Map<string, Region[]>(provinces.map((p) => [p.code, []]));
        for (const r of rows)
          if (r.level === RegionLevel.REGENCY) regenciesByProvince.get(r.provinceCode)?.push(r);
        if (rows.length === 0) this.index = undefined; // not seeded yet: look again next time
        return { byCode, provinces, regenciesByProvince };
      })
      .catch((error: unknown) => {
        this.index = undefined;
        throw error;
      });
    return this.index;
  }

  async provinces(): Promise<Region[]> {
    return (await this.load()).provinces;
  }

  async findByCode(code: string): Promise<Region | undefined> {
    return (await this.load()).byCode.get(code);
  }

  /** The province, or `NOT_FOUND`; a malformed code is `BAD_USER_INPUT`. */
  async province(code: string): Promise<Region> {
    if (!isProvinceCode(code))
      throw AppError.badInput(`"${code}" is not a province code (two digits, e.g. 35).`, [
        { field: 'code', message: 'must be two digits' },
      ]);
    const region = (await this.load()).byCode.get(code);
    if (!region) throw AppError.notFound('Province', code);
    return region;
  }

  /** The regencies and cities of a province; an unknown province code is `BAD_USER_INPUT`. */
  async regencies(provinceCode: string): Promise<Region[]> {
    const list = (await this.load()).regenciesByProvince.get(provinceCode);
    if (!list) {
      throw AppError.badInput(`Unknown province code "${provinceCode}".`, [
        { field: 'provinceCode', message: 'is not a province code' },
      ]);
    }
    return list;
  }

  /** The region with this code; `BAD_USER_INPUT` naming `field` when there is none. */
  async require(code: string, field: string, level?: RegionLevel): Promise<Region> {
    const region =
      isProvinceCode(code) || isRegencyCode(code) ? (await this.load()).byCode.get(code) : undefined;
    if (!region || (level && region.level !== level)) {
      const what =
        level === RegionLevel.PROVINCE
          ? 'province'
          : level === RegionLevel.REGENCY
            ? 'regency/city'
            : 'region';
      throw AppError.badInput(`Unknown ${what} code "${code}".`, [
        { field, message: `is not a ${what} code` },
      ]);
    }
    return region;
  }

  /** Loads (or refreshes) every region from the idn-area-data CSV files. Idempotent. */
  async seed(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const regions = readRegions();
    await manager
      .createQueryBuilder()
      .insert()
      .into(Region)
      .values(regions)
      .orUpdate(['name', 'level', 'kind', 'province_code'], ['code'])
      .execute();
    this.index = undefined;
    return regions.length;
  }
}
