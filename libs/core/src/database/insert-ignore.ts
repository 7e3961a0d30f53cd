import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/**
 * `INSERT IGNORE`: rows whose unique key exists are skipped. Returns how many rows were inserted.
 * TypeORM must not read generated ids back (`updateEntity(false)`): for a skipped row there is
 * none, and it would fail with "entity id is not set".
 */
export async function insertIgnore<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[],
): Promise<number> {
  if (Array.isArray(rows) && rows.length === 0) return 0;
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(rows)
    .orIgnore()
    .updateEntity(false)
    .execute();
  return (result.raw as { affectedRows?: number }).affectedRows ?? 0;
}
