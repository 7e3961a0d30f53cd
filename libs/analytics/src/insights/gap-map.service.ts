import { AppError } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ANALYTICS_CONNECTION } from '../analytics-connection';
import { checkProvinceCode } from '../spread/spread-filter';

export interface GapRegionResult {
  code: string;
  name: string;
  replications: number;
  replicated: number;
  adopterAgencies: number;
  innovationsReplicated: number;
}

export interface GapMapResult {
  provinceCode: string;
  provinceName: string;
  categoryId: number | null;
  regions: GapRegionResult[];
  withoutAdoption: GapRegionResult[];
}

type Row = Record<string, unknown>;

/**
 * Every regency and city of a province with what it adopted, and those that adopted nothing:
 * where a coordinator should push. All years; from the rollups, or from the fact table for one
 * category.
 */
@Injectable()
export class GapMapService {
  constructor(@InjectDataSource(ANALYTICS_CONNECTION) private readonly db: DataSource) {}

  async gapMap(provinceCode: string, categoryId: number | null = null): Promise<GapMapResult> {
    checkProvinceCode(provinceCode);
    const [province] = (await this.db.query("SELECT name FROM region WHERE code = ? AND level = 'PROVINCE'", [
      provinceCode,
    ])) as Row[];
    if (!province) throw AppError.notFound('Province', provinceCode);
    const regions = (await this.db.query(
      "SELECT code, name FROM region WHERE province_code = ? AND level <> 'PROVINCE' ORDER BY code",
      [provinceCode],
    )) as Row[];
    const counts = new Map<string, GapRegionResult>(
      regions.map((r) => [
        String(r['code']),
        {
          code: String(r['code']),
          name: String(r['name']),
          replications: 0,
          replicated: 0,
          adopterAgencies: 0,
          innovationsReplicated: 0,
        },
      ]),
    );
    const like = `${provinceCode}.%`;
    if (categoryId === null) {
      const cells = (await this.db.query(
        `SELECT dim_key AS k, SUM(replications) AS n,
                SUM(IF(status IN ('IMPLEMENTED', 'SUSTAINED'), replications, 0)) AS live
           FROM analytics_spread_total WHERE dim = 'R' AND dim_key LIKE ? GROUP BY dim_key`,
        [like],
      )) as Row[];
      for (const c of cells) {
        const region = counts.get(String(c['k']));
        if (region) {
          region.replications = Number(c['n']);
          region.replicated = Number(c['live']);
        }
      }
      const distinct = (await this.db.query(
        `SELECT dim_key AS k, member_kind AS kind, SUM(members) AS n FROM analytics_spread_distinct
          WHERE dim = 'R' AND bucket = 'A' AND dim_key LIKE ? GROUP BY dim_key, member_kind`,
        [like],
      )) as Row[];
      for (const d of distinct) {
        const region = counts.get(String(d['k']));
        if (!region) continue;
        if (d['kind'] === 'A') region.adopterAgencies = Number(d['n']);
        else region.innovationsReplicated = Number(d['n']);
      }
    } else {
      const rows = (await this.db.query(
        `SELECT f.regency_code AS k, COUNT(*) AS n, SUM(f.status IN ('IMPLEMENTED', 'SUSTAINED')) AS live,
                COUNT(DISTINCT f.adopter_agency_id) AS a, COUNT(DISTINCT f.innovation_id) AS i
           FROM analytics_replication_fact f
          WHERE f.province_code = ? AND f.category_id = ? AND f.regency_code IS NOT NULL
          GROUP BY f.regency_code`,
        [provinceCode, categoryId],
      )) as Row[];
      for (const r of rows) {
        const region = counts.get(String(r['k']));
        if (!region) continue;
        region.replications = Number(r['n']);
        region.replicated = Number(r['live']);
        region.adopterAgencies = Number(r['a']);
        region.innovationsReplicated = Number(r['i']);
      }
    }
    const all = [...counts.values()];
    return {
      provinceCode,
      provinceName: String(province['name']),
      categoryId,
      regions: all,
      withoutAdoption: all.filter((r) => r.replications === 0),
    };
  }
}
