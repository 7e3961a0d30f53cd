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

/** Names of the groups an answer holds: regions from memory (reference data), the rest in one query. */
@Injectable()
export class AnalyticsLabels {
  private regionNames?: Promise<Map<string, string>>;

  constructor(@InjectDataSource(ANALYTICS_CONNECTION) private readonly db: DataSource) {}

  private regions(): Promise<Map<string, string>> {
    this.regionNames ??= (
      this.db.query('SELECT code, name FROM region') as Promise<Array<{ code: string; name: string }>>
    )
      .then((rows) => new Map(rows.map((r) => [r.code, r.name])))
      .catch((error: unknown) => {
        this.regionNames = undefined; // read again next time
        throw error;
      });
    return this.regionNames;
  }

  /** Names by key (as a string) from a query selecting `k` and `name`. */
  private async names(sql: string, params: unknown[] = []): Promise<Map<string, string>> {
    const rows = (await this.db.query(sql, params)) as Array<{ k: string | number; name: string }>;
    return new Map(rows.map((r) => [String(r.k), r.name]));
  }

  /**
   * Every name of a grouping, read without knowing the answer's keys (so beside its other reads);
   * undefined for years, which name themselves.
   */
  async allOf(groupBy: SpreadGroupBy): Promise<Map<string, string> | undefined> {
    switch (groupBy) {
      case SpreadGroupBy.PROVINCE:
      case SpreadGroupBy.REGENCY:
        return this.regions();
      case SpreadGroupBy.CATEGORY:
        return this.names('SELECT id AS k, name FROM innovation_category');
      case SpreadGroupBy.HUB:
        return this.names('SELECT id AS k, name FROM network');
      case SpreadGroupBy.AGENCY_TYPE:
        return new Map(Object.entries(AGENCY_TYPE_LABELS));
      case SpreadGroupBy.YEAR:
        return undefined;
    }
  }

  async of(groupBy: SpreadGroupBy, keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    switch (groupBy) {
      case SpreadGroupBy.PROVINCE:
      case SpreadGroupBy.REGENCY: {
        const names = await this.regions();
        return new Map(keys.map((k) => [k, names.get(k) ?? k]));
      }
      case SpreadGroupBy.CATEGORY:
        return this.names('SELECT id AS k, name FROM innovation_category WHERE id IN (?)', [keys]);
      case SpreadGroupBy.HUB:
        return this.names('SELECT id AS k, name FROM network WHERE id IN (?)', [keys]);
      case SpreadGroupBy.AGENCY_TYPE:
        return new Map(keys.map((k) => [k, AGENCY_TYPE_LABELS[k] ?? k]));
      case SpreadGroupBy.YEAR:
        return new Map(keys.map((k) => [k, k]));
    }
  }
}
