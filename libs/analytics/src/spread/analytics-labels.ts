import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ANALYTICS_CONNECTION } from '../analytics-connection';
import { SpreadGroupBy } from './spread-types';

/** How agency types read on a dashboard. */
const AGENCY_TYPE_LABELS: Record<string, string> = {
  KEMENTERIAN: 'Kementerian',
  LEMBAGA: 'Lembaga',
  PEMPROV: 'Pemerintah Provinsi',
  PEMKAB: 'Pemerintah Kabupaten',
  PEMKOT: 'Pemerintah Kota',
  BUMN: 'BUMN',
  BUMD: 'BUMD',
};

/** Names of the groups an answer holds, read in one query per answer. */
@Injectable()
export class AnalyticsLabels {
  constructor(@InjectDataSource(ANALYTICS_CONNECTION) private readonly db: DataSource) {}

  async of(groupBy: SpreadGroupBy, keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows = async (sql: string): Promise<Map<string, string>> =>
      new Map(
        ((await this.db.query(sql, [keys])) as Array<{ k: string | number; name: string }>).map((r) => [
          String(r.k),
          r.name,
        ]),
      );
    switch (groupBy) {
      case SpreadGroupBy.PROVINCE:
      case SpreadGroupBy.REGENCY:
        return rows('SELECT code AS k, name FROM region WHERE code IN (?)');
      case SpreadGroupBy.CATEGORY:
        return rows('SELECT id AS k, name FROM innovation_category WHERE id IN (?)');
      case SpreadGroupBy.HUB:
        return rows('SELECT id AS k, name FROM network WHERE id IN (?)');
      case SpreadGroupBy.AGENCY_TYPE:
        return new Map(keys.map((k) => [k, AGENCY_TYPE_LABELS[k] ?? k]));
      case SpreadGroupBy.YEAR:
        return new Map(keys.map((k) => [k, k]));
    }
  }
}
