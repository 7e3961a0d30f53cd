import type { SelectQueryBuilder } from 'typeorm';
import type { Innovation } from './innovation.entity';

/**
 * What a read of innovations loads. A catalogue card needs the short columns; the long texts and the
 * contact are a third of a row's bytes and most of its parsing, so a list loads them only when the
 * reader asked for them.
 */

/** Columns every read loads: a card's fields, and every column an access rule or a cursor reads. */
const CARD_COLUMNS = [
  'id',
  'slug',
  'registrationNumber',
  'title',
  'summary',
  'categoryId',
  'digital',
  'stage',
  'sdgGoals',
  'launchYear',
  'originAgencyId',
  'regionCode',
  'provinceCode',
  'originAgencyType',
  'status',
  'publishedAt',
  'archivedAt',
  'listedAt',
  'viewCount',
  'watcherCount',
  'agreedCount',
  'replicatedCount',
  'provincesReached',
  'createdByUserId',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof Innovation>;

/** The optional parts, by the GraphQL field that shows them, and the columns each needs. */
export const INNOVATION_DETAIL_COLUMNS = {
  problem: ['problem'],
  approach: ['approach'],
  novelty: ['novelty'],
  impact: ['impact'],
  referenceUrl: ['referenceUrl'],
  contact: ['contactUnit', 'contactName', 'contactEmail', 'contactPhone'],
} as const satisfies Record<string, ReadonlyArray<keyof Innovation>>;

export type InnovationDetail = keyof typeof INNOVATION_DETAIL_COLUMNS;

export const INNOVATION_DETAILS = Object.keys(INNOVATION_DETAIL_COLUMNS) as InnovationDetail[];

/** Which optional parts to load: some, or `'all'` (the whole row, for writes and exports). */
export type InnovationProjection = readonly InnovationDetail[] | 'all';

/**
 * Starts a read of innovations under alias `innovation`, with the projection's columns and its
 * to-one relations joined (whole: they are a few short columns, and any of their fields may be asked).
 */
export function selectInnovations(
  query: SelectQueryBuilder<Innovation>,
  projection: InnovationProjection = 'all',
): SelectQueryBuilder<Innovation> {
  if (projection !== 'all') {
    const columns: string[] = [...CARD_COLUMNS];
    for (const detail of projection) columns.push(...INNOVATION_DETAIL_COLUMNS[detail]);
    query.select(columns.map((column) => `innovation.${column}`));
  }
  return query
    .innerJoinAndSelect('innovation.category', 'category')
    .innerJoinAndSelect('innovation.originAgency', 'originAgency');
}
