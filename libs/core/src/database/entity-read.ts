import type {
  EntityMetadata,
  EntitySubscriberInterface,
  ObjectLiteral,
  QueryRunner,
  SelectQueryBuilder,
} from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { columnReader, type ColumnReader } from './column-reader';
import { readPlanKey } from './read-plan-key';

/**
 * A faster `getRawAndEntities()` for the api's hot reads: an entity with its to-one relations (joined
 * and selected, or mapped with `leftJoinAndMapOne`).
 *
 * TypeORM rebuilds a query's SQL from its expression map on every call (escaping each column of
 * each joined entity, rewriting property names in each condition) and hydrates rows through a
 * general transformer that groups rows for to-many joins. On a 20-item catalogue page that was a
 * quarter of the api's CPU. Here a query's plan (its SQL with named parameters, and a row mapper
 * built from the entity metadata) is kept by the query's shape, so a repeated shape costs a
 * parameter substitution, the round trip and a flat copy of each row.
 *
 * The result equals TypeORM's: the same SQL and parameters (the driver's own substitution), the
 * same values (the driver's own `prepareHydratedValue`), a to-one relation that matched nothing is
 * null, rows sharing a primary key make one entity (the first row's). A query this does not cover
 * (to-many joins, relation ids, skip/take, locks, result caching, inheritance, lazy relations,
 * load listeners or subscribers, find options) goes to TypeORM unchanged.
 */
export async function readRawAndEntities<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
): Promise<{ entities: T[]; raw: ObjectLiteral[] }> {
  const plan = planOf(query);
  if (!plan) return query.getRawAndEntities();
  const [sql, parameters] = query.dataSource.driver.escapeQueryWithParameters(
    plan.sql,
    query.getParameters(),
  );
  const own = (query as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const runner = own ?? query.dataSource.createQueryRunner();
  try {
    const result = (await runner.query(sql, parameters, true)) as { records: ObjectLiteral[] };
    const raw = result.records;
    return { entities: plan.map(raw, runner) as T[], raw };
  } finally {
    if (runner !== own) await runner.release();
  }
}

/** `getOne()` through the same plans. */
export async function readOne<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<T | null> {
  return (await readRawAndEntities(query)).entities[0] ?? null;
}

/** `getMany()` through the same plans. */
export async function readMany<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<T[]> {
  return (await readRawAndEntities(query)).entities;
}

// ------------------------------------------------------------------ plans

interface ReadPlan {
  sql: string;
  map(rows: ObjectLiteral[], runner: QueryRunner): ObjectLiteral[];
}

/** How one alias's entity is made from a row: its columns, then its selected to-one joins. */
interface AliasMapper {
  metadata: EntityMetadata;
  /** Makes the empty entity, as TypeORM does for a row (without its constructor, unless asked). */
  create(runner: QueryRunner): ObjectLiteral;
  /** Each selected column: its key in the row, its reader, whether a value says the entity exists. */
  columns: Array<{ key: string; read: ColumnReader; counts: boolean }>;
  joins: Array<{ assign(entity: ObjectLiteral, value: ObjectLiteral | null): void; mapper: AliasMapper }>;
}

/**
 * Plans by shape. The shapes of a running api are few (one per filter combination a client uses);
 * the bound only keeps a client that invents shapes from growing the map: past it, the map starts
 * over.
 */
const MAX_PLANS = 512;
const plans = new Map<string, ReadPlan | null>();

/** Plans held now (not counting shapes found to be TypeORM's): for tests. */
export function readPlanCount(): number {
  let count = 0;
  for (const plan of plans.values()) if (plan) count++;
  return count;
}

function planOf(query: SelectQueryBuilder<ObjectLiteral>): ReadPlan | null {
  const map = query.expressionMap;
  // as getRawAndEntities() does before it builds the SQL (it adds unselected primary columns)
  map.queryEntity = true;
  if (!isCovered(query)) return null;
  const shape = readPlanKey(map, (value) => query.dataSource.hasMetadata(value as new () => unknown));
  if (shape === null) return compile(query);
  // a subscriber added later (they hear loads) must see the reads planned before it
  const key = `${query.dataSource.subscribers.length}|${shape}`;
  const known = plans.get(key);
  if (known !== undefined) return known;
  const plan = compile(query);
  if (plans.size >= MAX_PLANS) plans.clear();
  plans.set(key, plan);
  return plan;
}

function isCovered(query: SelectQueryBuilder<ObjectLiteral>): boolean {
  const map = query.expressionMap;
  const findOptions = (query as unknown as { findOptions?: object }).findOptions;
  return (
    map.queryType === 'select' &&
    map.mainAlias?.hasMetadata === true &&
    map.mainAlias.subQuery === undefined &&
    map.skip === undefined &&
    map.take === undefined &&
    map.lockMode === undefined &&
    map.cache !== true &&
    map.useTransaction === false &&
    map.relationLoadStrategy === 'join' &&
    map.relationIdAttributes.length === 0 &&
    !map.options.includes('create-pojo') &&
    typeof query.dataSource.options.cache !== 'object' &&
    query.dataSource.options.cache !== true &&
    !query.dataSource.options.typename &&
    (findOptions === undefined || Object.keys(findOptions).length === 0)
  );
}

/** Whether a subscriber's `afterLoad` would be called for this entity (as TypeORM's broadcaster decides). */
function hearsLoadsOf(subscriber: EntitySubscriberInterface, metadata: EntityMetadata): boolean {
  if (!subscriber.afterLoad) return false;
  const target = subscriber.listenTo?.() as unknown;
  if (!target || target === Object) return true;
  return (
    target === metadata.target ||
    (typeof target === 'function' && Object.prototype.isPrototypeOf.call(target, metadata.target))
  );
}

/** The plan of a query, or null when a part of it is not covered (then TypeORM reads it). */
function compile(query: SelectQueryBuilder<ObjectLiteral>): ReadPlan | null {
  const map = query.expressionMap;
  const driver = query.dataSource.driver;
  const selections = new Set(map.selects.map((select) => select.selection));
  const aliasKey = (alias: string, column: ColumnMetadata): string => `${alias}_${column.databaseName}`;

  const mapperOf = (aliasName: string, metadata: EntityMetadata): AliasMapper | null => {
    if (
      metadata.tableType === 'view' ||
      metadata.discriminatorColumn ||
      metadata.childEntityMetadatas.length > 0 ||
      metadata.lazyRelations.length > 0 ||
      metadata.relationIds.length > 0 ||
      (map.callListeners &&
        (metadata.afterLoadListeners.length > 0 ||
          query.dataSource.subscribers.some((subscriber) => hearsLoadsOf(subscriber, metadata))))
    ) {
      return null;
    }
    const columns = metadata.columns
      .filter(
        (column) =>
          !column.isVirtual &&
          (selections.has(aliasName) || selections.has(`${aliasName}.${column.propertyPath}`)),
      )
      .map((column) => ({
        key: aliasKey(aliasName, column),
        read: columnReader(column, driver),
        counts: !column.isVirtualProperty,
      }));
    const joins: AliasMapper['joins'] = [];
    for (const join of map.joinAttributes) {
      if (!join.metadata || !join.isSelected) continue;
      const relation = join.relation;
      if (relation && !metadata.relations.includes(relation)) continue;
      let assign: (entity: ObjectLiteral, value: ObjectLiteral | null) => void;
      if (join.mapToProperty) {
        // leftJoinAndMapOne: an entity set on a property that is no relation
        if (join.mapToPropertyParentAlias !== aliasName) continue;
        if (join.isMany) return null;
        const property = join.mapToPropertyPropertyName!;
        assign = (entity, value) => {
          entity[property] = value;
        };
      } else {
        if (
          !relation ||
          join.parentAlias !== aliasName ||
          join.relationPropertyPath !== relation.propertyPath
        )
          continue;
        if (join.isMany || relation.isLazy) return null;
        assign = (entity, value) => relation.setEntityValue(entity, value);
      }
      const mapper = mapperOf(join.alias.name, join.metadata);
      if (!mapper) return null;
      joins.push({ assign, mapper });
    }
    const target = metadata.target;
    const create: AliasMapper['create'] =
      typeof target === 'function' &&
      !metadata.isAlwaysUsingConstructor &&
      metadata.lazyRelations.length === 0
        ? () => Object.create(target.prototype as object) as ObjectLiteral
        : (runner) => metadata.create(runner, { fromDeserializer: true }) as ObjectLiteral;
    return { metadata, create, columns, joins };
  };

  // a selected to-many join repeats rows, which only TypeORM's grouping folds into lists
  for (const join of map.joinAttributes) {
    if (join.isSelected && join.isMany) return null;
  }
  const main = map.mainAlias!;
  const root = mapperOf(main.name, main.metadata);
  if (!root) return null;

  const entityOf = (mapper: AliasMapper, row: ObjectLiteral, runner: QueryRunner): ObjectLiteral | null => {
    const entity = mapper.create(runner);
    let hasData = false;
    for (const { key, read, counts } of mapper.columns) {
      const value: unknown = row[key];
      if (value === undefined) continue;
      if (value !== null && counts) hasData = true;
      read(entity, value);
    }
    let hasRelations = false;
    for (const { assign, mapper: joined } of mapper.joins) {
      assign(entity, entityOf(joined, row, runner));
      hasRelations = true;
    }
    if (hasData) return entity;
    const onlyVirtualPrimary = mapper.metadata.primaryColumns.every((column) => column.isVirtual);
    return onlyVirtualPrimary && hasRelations ? entity : null;
  };

  const primaryKeys = main.metadata.primaryColumns.map((column) => aliasKey(main.name, column));
  return {
    sql: query.getQuery(),
    map(rows, runner) {
      const entities: ObjectLiteral[] = [];
      if (rows.length === 0) return entities;
      const grouped = primaryKeys.some((key) => key in rows[0]!);
      const seen = grouped ? new Set<unknown>() : undefined;
      for (const row of rows) {
        if (seen) {
          const id = primaryKeys.map((key) => String(row[key])).join('_');
          if (seen.has(id)) continue;
          seen.add(id);
        }
        const entity = entityOf(root, row, runner);
        if (entity) entities.push(entity);
      }
      return entities;
    },
  };
}
