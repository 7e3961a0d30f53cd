import { EntityMetadata, RelationMetadata } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { EmbeddedMetadata } from 'typeorm/metadata/EmbeddedMetadata';
import type { QueryExpressionMap } from 'typeorm/query-builder/QueryExpressionMap';

/**
 * The shape of a select query: a string equal for two expression maps exactly when TypeORM builds
 * the same SQL text (with named parameters) and the same entities from them.
 *
 * Walked generically, every own field of the map and of what it holds, so that a field TypeORM adds
 * or a builder call sets changes the key without anyone listing it here. Left out: parameter values
 * (the SQL names them; they are substituted per call), the connection and query runner, and caches
 * TypeORM fills while it builds. Metadata objects count by identity (they live as long as the data
 * source), and so do entity classes. Anything else that is not plain data (a function, a date, an
 * unknown class) makes the query keyless: it is then planned afresh, never shared.
 */
export function readPlanKey(
  map: QueryExpressionMap,
  isEntityClass: (value: unknown) => boolean,
): string | null {
  const parts: string[] = [];
  return walk(map, { parts, seen: new Map(), isEntityClass }) ? parts.join('') : null;
}

interface Walk {
  parts: string[];
  /** Objects met so far, by order of meeting: a second meeting is a back reference. */
  seen: Map<object, number>;
  /** Entity classes (a join's target, e.g. `leftJoinAndMapOne`) count by identity, as metadata does. */
  isEntityClass: (value: unknown) => boolean;
}

/** Fields that are not the query's shape. */
const SKIPPED = new Set([
  'dataSource',
  'connection',
  'queryRunner',
  'parameters',
  'nativeParameters',
  'locallyGenerated',
  'queryExpressionMap',
  'isSelectedCache',
  'isSelectedEvaluated',
  'relationCache',
  'relationEvaluated',
  'parameterIndex',
]);

let nextIdentity = 1;
const identities = new WeakMap<object, number>();

function identity(value: object): number {
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = nextIdentity++));
  return id;
}

/** Class instances walked field by field (TypeORM's own holders of query parts). */
const WALKED_CLASSES = new Set(['Object', 'Array', 'QueryExpressionMap', 'Alias', 'JoinAttribute']);

function walk(value: unknown, state: Walk): boolean {
  const { parts, seen } = state;
  switch (typeof value) {
    case 'undefined':
      parts.push('u');
      return true;
    case 'boolean':
      parts.push(value ? 't' : 'f');
      return true;
    case 'number':
    case 'bigint':
      parts.push('n', String(value), ';');
      return true;
    case 'string':
      // length-prefixed: no string can pass for the structure around it
      parts.push('s', String(value.length), ':', value);
      return true;
    case 'object':
      break;
    case 'function':
      if (!state.isEntityClass(value)) return false;
      parts.push('c', String(identity(value)), ';');
      return true;
    default:
      return false;
  }
  if (value === null) {
    parts.push('0');
    return true;
  }
  if (
    value instanceof EntityMetadata ||
    value instanceof RelationMetadata ||
    value instanceof ColumnMetadata ||
    value instanceof EmbeddedMetadata
  ) {
    parts.push('m', String(identity(value)), ';');
    return true;
  }
  const back = seen.get(value);
  if (back !== undefined) {
    parts.push('r', String(back), ';');
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  const className = prototype === null ? 'Object' : prototype.constructor?.name;
  if (!className || !WALKED_CLASSES.has(className)) return false;
  seen.set(value, seen.size);
  if (Array.isArray(value)) {
    parts.push('[');
    for (const item of value) if (!walk(item, state)) return false;
    parts.push(']');
    return true;
  }
  parts.push('{', className);
  for (const key of Object.keys(value)) {
    if (SKIPPED.has(key)) continue;
    parts.push(key, '=');
    if (!walk((value as Record<string, unknown>)[key], state)) return false;
  }
  parts.push('}');
  return true;
}
