import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The rows of many replications in one statement, grouped by replication, oldest first (by id): the
 * read behind every per-replication DataLoader of evidence.
 */
export async function rowsByReplication<T extends ObjectLiteral & { replicationId: number | null }>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  ids: readonly number[],
): Promise<Map<number, T[]>> {
  const byReplication = new Map<number, T[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byReplication;
  const rows = await dataSource
    .getRepository(entity)
    .createQueryBuilder('row')
    .where('row.replicationId IN (:...ids)', { ids: [...ids] })
    .orderBy('row.id', 'ASC')
    .getMany();
  for (const row of rows) if (row.replicationId !== null) byReplication.get(row.replicationId)?.push(row);
  return byReplication;
}
