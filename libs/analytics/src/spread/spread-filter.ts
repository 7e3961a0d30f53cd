import { AppError } from '@jipp/core';
import type { SpreadFilterInput } from './spread-types';

const FIRST_YEAR = 1990;
const LAST_YEAR = 2100;

/** Refuses anything but a province's two-digit Kemendagri code (BAD_USER_INPUT). */
export function checkProvinceCode(provinceCode: string): void {
  if (!/^\d{2}$/.test(provinceCode)) {
    throw AppError.badInput('provinceCode is a two-digit Kemendagri code such as "35".', [
      { field: 'provinceCode', message: 'not a province code' },
    ]);
  }
}

/** Refuses a filter no answer can come from, naming the field (BAD_USER_INPUT). */
export function checkSpreadFilter(filter: SpreadFilterInput): void {
  for (const field of ['yearFrom', 'yearTo'] as const) {
    const year = filter[field];
    if (
      year !== null &&
      year !== undefined &&
      (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR)
    ) {
      throw AppError.badInput(`${field} must be a year between ${FIRST_YEAR} and ${LAST_YEAR}.`, [
        { field, message: `not a year between ${FIRST_YEAR} and ${LAST_YEAR}` },
      ]);
    }
  }
  if (filter.yearFrom && filter.yearTo && filter.yearFrom > filter.yearTo) {
    throw AppError.badInput('yearFrom is after yearTo.', [{ field: 'yearFrom', message: 'after yearTo' }]);
  }
  if (filter.provinceCode) checkProvinceCode(filter.provinceCode);
}

/** The SQL conditions and parameters of a filter's year range on `column`. */
export function yearConditions(
  filter: SpreadFilterInput,
  column = 'year',
): { where: string; params: unknown[] } {
  const parts = ['1 = 1'];
  const params: unknown[] = [];
  if (filter.yearFrom) {
    parts.push(`${column} >= ?`);
    params.push(filter.yearFrom);
  }
  if (filter.yearTo) {
    parts.push(`${column} <= ?`);
    params.push(filter.yearTo);
  }
  return { where: parts.join(' AND '), params };
}

/** The SQL conditions and parameters of a filter over `analytics_replication_fact f`. */
export function factConditions(filter: SpreadFilterInput): { where: string; params: unknown[] } {
  const years = yearConditions(filter, 'f.year');
  const parts: string[] = [years.where];
  const params: unknown[] = [...years.params];
  if (filter.categoryId) {
    parts.push('f.category_id = ?');
    params.push(filter.categoryId);
  }
  if (filter.provinceCode) {
    parts.push('f.province_code = ?');
    params.push(filter.provinceCode);
  }
  if (filter.hubId) {
    parts.push('FIND_IN_SET(?, f.hub_ids) > 0');
    params.push(String(filter.hubId));
  }
  if (filter.awardLevel) {
    parts.push(
      'EXISTS (SELECT 1 FROM innovation_award w WHERE w.innovation_id = f.innovation_id AND w.level = ?)',
    );
    params.push(filter.awardLevel);
  }
  return { where: parts.join(' AND '), params };
}
