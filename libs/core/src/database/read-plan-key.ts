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
  const state: Walk = { key: '', seen: new Map(), isEntityClass };
  return walk(map, state) ? state.key : null;
}

interface Walk {
  /** The key so far (string concatenation: V8 joins the pieces once, when the key is hashed). */
  key: string;
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

/** How an object is keyed, by its prototype: walked field by field, by identity, or not at all. */
type ObjectKind = { walk: string } | 'identity' | 'unkeyable';

/** TypeORM's holders of query parts, walked field by field, and plain objects and arrays. */
const WALKED_CLASSES = new Set(['Object', 'Array', 'QueryExpressionMap', 'Alias', 'JoinAttribute']);
const METADATA_PROTOTYPES = new Set<object>([
  EntityMetadata.prototype,
  RelationMetadata.prototype,
  ColumnMetadata.prototype,
  EmbeddedMetadata.prototype,
]);
const kinds = new Map<object | null, ObjectKind>();

function kindOf(value: object): ObjectKind {
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  let kind = kinds.get(prototype);
  if (kind === undefined) {
    const className = prototype === null ? 'Object' : prototype.constructor?.name;
    kind =
      prototype !== null && METADATA_PROTOTYPES.has(prototype)
        ? 'identity'
        : className && WALKED_CLASSES.has(className)
          ? { walk: className }
          : 'unkeyable';
    kinds.set(prototype, kind);
  }
  return kind;
}

function walk(value: unknown, state: Walk): boolean {
  switch (typeof value) {
    case 'undefined':
      state.key += 'u';
      return true;
    case 'boolean':
      state.key += value ? 't' : 'f';
      return true;
    case 'number':
    case 'bigint':
      state.key += `n${value};`;
      return true;
    case 'string':
      // length-prefixed: no string can pass for the structure around it
      state.key += `s${value.length}:${value}`;
      return true;
    case 'object':
      break;
    case 'function':
      if (!state.isEntityClass(value)) return false;
      state.key += `c${identity(value)};`;
      return true;
    default:
      return false;
  }
  if (value === null) {
    state.key += '0';
    return true;
  }
  const back = state.seen.get(value);
  if (back !== undefined) {
    state.key += `r${back};`;
    return true;
  }
  const kind = kindOf(value);
  if (kind === 'unkeyable') return false;
  if (kind === 'identity') {
    state.key += `m${identity(value)};`;
    return true;
  }
  state.seen.set(value, state.seen.size);
  if (Array.isArray(value)) {
    state.key += '[';
    for (const item of value) if (!walk(item, state)) return false;
    state.key += ']';
    return true;
  }
  state.key += `{${kind.walk}`;
  for (const field in value) {
    if (!Object.prototype.hasOwnProperty.call(value, field) || SKIPPED.has(field)) continue;
    state.key += `${field}=`;
    if (!walk((value as Record<string, unknown>)[field], state)) return false;
  }
  state.key += '}';
  return true;
}
