import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { readRawAndEntities } from '../database/entity-read';
import type { Connection } from './connection.type';
import { decodeCursor, encodeCursor, type CursorValue } from './cursor';

export interface SortKey<T> {
  /** SQL expression in the query builder, e.g. `agency.name`. */
  column: string;
  direction: 'ASC' | 'DESC';
  /** Reads the key's value from a loaded row (and its raw SQL row), for the cursor. */
  value: (row: T, raw: Record<string, unknown>) => CursorValue;
  /**
   * For a computed key (e.g. a relevance score): the name it is selected under, so its value can be
   * read back from the raw row.
   */
  selectAs?: string;
}

export interface PaginateOptions<T> {
  first: number;
  after?: string;
  /** Sort keys; the last one must be unique (usually the primary key) so the order is total. */
  orderBy: SortKey<T>[];
  withTotalCount?: boolean;
}

/**
 * Keyset (seek) pagination: a page starts strictly after the row the cursor names, so the list
 * stays stable while rows are added or removed elsewhere, and deep pages cost what the first does.
 * Sort keys must be non-null.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  options: PaginateOptions<T>,
): Promise<Connection<T>> {
  const { first, after, orderBy } = options;
  const totalCount = options.withTotalCount ? await query.clone().orderBy().getCount() : undefined;

  if (after) {
    const values = decodeCursor(after, orderBy.length);
    // (a > x) OR (a = x AND b > y) OR ...; flipped per key for DESC
    const ors: string[] = [];
    const params: Record<string, CursorValue> = {};
    orderBy.forEach((key, i) => {
      const ands: string[] = [];
      for (let j = 0; j < i; j++) {
        ands.push(`${orderBy[j]!.column} = :cursor${j}`);
      }
      ands.push(`${key.column} ${key.direction === 'ASC' ? '>' : '<'} :cursor${i}`);
      params[`cursor${i}`] = values[i] ?? null;
      ors.push(`(${ands.join(' AND ')})`);
    });
    query.andWhere(`(${ors.join(' OR ')})`, params);
  }

  query.orderBy();
  for (const key of orderBy) {
    if (key.selectAs) query.addSelect(key.column, key.selectAs);
    query.addOrderBy(key.column, key.direction);
  }
  // `limit` is SQL LIMIT: callers page over one row per entity (no to-many joins), so the raw rows
  // and the entities line up one to one
  const { entities: rows, raw } = await readRawAndEntities(query.limit(first + 1));

  const page = rows.slice(0, first);
  const edges = page.map((node, i) => ({
    node,
    cursor: encodeCursor(orderBy.map((k) => k.value(node, raw[i] as Record<string, unknown>))),
  }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor },
    totalCount,
  };
}
