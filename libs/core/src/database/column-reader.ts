import type { Driver, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Puts a raw value of one column onto an entity, as TypeORM's hydration would. */
export type ColumnReader = (entity: ObjectLiteral, value: unknown) => void;

/** Column types whose values mysql2 already returns as TypeORM hands them out. */
const AS_RETURNED = new Set<unknown>([
  String,
  'varchar',
  'char',
  'text',
  'tinytext',
  'mediumtext',
  'longtext',
  'int',
  'integer',
  'tinyint',
  'smallint',
  'mediumint',
  'bigint',
  'decimal',
  'float',
  'double',
  'year',
]);

/**
 * The reader of one column. The common types skip the driver's chain of type tests (one per value,
 * for each of a page's few hundred values); any other type, a transformer, an embedded or relation
 * column goes through the driver's `prepareHydratedValue` and the column's own setter, as in TypeORM.
 */
export function columnReader(column: ColumnMetadata, driver: Driver): ColumnReader {
  const general: ColumnReader = (entity, value) =>
    column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
  if (column.transformer || column.embeddedMetadata || column.relationMetadata) return general;
  const property = column.propertyName;
  const type = column.type;
  if (AS_RETURNED.has(type) || (isEnum(type) && column.enum?.every((option) => typeof option === 'string'))) {
    return (entity, value) => {
      entity[property] = value;
    };
  }
  if (type === Boolean || type === 'bool' || type === 'boolean') {
    return (entity, value) => {
      entity[property] = value === null ? null : Boolean(value);
    };
  }
  if (type === 'datetime' || type === Date) {
    return (entity, value) => {
      entity[property] = typeof value === 'string' && value !== '' ? new Date(value) : value;
    };
  }
  if (type === Number) {
    // mysql2 returns integers as numbers: only anything else needs the driver
    return (entity, value) => {
      if (Number.isInteger(value)) entity[property] = value;
      else general(entity, value);
    };
  }
  return general;
}

function isEnum(type: unknown): boolean {
  return type === 'enum' || type === 'simple-enum';
}
