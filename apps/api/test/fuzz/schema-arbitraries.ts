import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import {
  anyText,
  dateTimeText,
  deeplyNested,
  EnumValue,
  hugeText,
  outOfRangeInt,
  RawLiteral,
  textFor,
  validInt,
  type InputValue,
} from './input-values';

/** One GraphQL request's payload, as a client would put it in a JSON body. */
export interface GraphqlOperation {
  /** `Query.innovations (near-valid, variables)`: which field, how it was built. */
  label: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  isMutation: boolean;
}

/** How far selection sets reach below the root field (the api refuses past 10 levels anyway). */
const MAX_SELECTION_DEPTH = 4;

type Mode = 'valid' | 'near-valid';

/** A value as GraphQL text. */
export function literal(value: InputValue): string {
  if (value === null) return 'null';
  if (value instanceof EnumValue) return value.name;
  if (value instanceof RawLiteral) return value.graphql;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([field, inner]) => `${field}: ${literal(inner)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A value as variables carry it (JSON). */
export function jsonValue(value: InputValue): unknown {
  if (value instanceof EnumValue) return value.name;
  if (value instanceof RawLiteral) return value.json;
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([field, inner]) => [field, jsonValue(inner)]));
  }
  return value;
}

/**
 * How many copies of `item` a long list may hold: a few thousand small ones, fewer big ones, so that
 * the request stays near the api's 1 MB body limit (5,000 copies of a 1 MB string would fill the
 * fuzzer's own heap instead).
 */
function longListLength(item: InputValue): number {
  return Math.max(1, Math.floor(1_200_000 / Math.max(1, literal(item).length)));
}

/** `valid` mostly, and one time in four a flaw of the value's kind when near-valid. */
function flawed(
  mode: Mode,
  valid: fc.Arbitrary<InputValue>,
  flaws: fc.Arbitrary<InputValue>,
): fc.Arbitrary<InputValue> {
  return mode === 'valid'
    ? valid
    : fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: flaws });
}

const wrongKind: fc.Arbitrary<InputValue> = fc.oneof<fc.Arbitrary<InputValue>[]>(
  anyText,
  fc.integer(),
  fc.boolean(),
  fc.constant({ bogus: 1 }),
  fc.constant([1, 'a']),
);

/**
 * Arbitraries of arguments, values and selection sets for one schema, built once per type and mode.
 */
export class SchemaArbitraries {
  private readonly values = new Map<string, fc.Arbitrary<InputValue>>();
  private readonly selections = new Map<string, fc.Arbitrary<string>>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** Root fields (Query.x, Mutation.y) minus the skipped ones. */
  rootFields(
    skip: ReadonlySet<string> = new Set(),
  ): Array<{ root: GraphQLObjectType; field: GraphQLField<unknown, unknown> }> {
    const roots = [this.schema.getQueryType(), this.schema.getMutationType()].filter(
      (root): root is GraphQLObjectType => Boolean(root),
    );
    return roots.flatMap((root) =>
      Object.values(root.getFields())
        .filter((field) => !skip.has(`${root.name}.${field.name}`))
        .map((field) => ({ root, field })),
    );
  }

  /** Operations on every root field: valid and near-valid, inline and through variables, deep ones. */
  operation(skip: ReadonlySet<string> = new Set()): fc.Arbitrary<GraphqlOperation> {
    const fields = this.rootFields(skip);
    return fc
      .constantFrom(...fields)
      .chain(({ root, field }) =>
        fc.oneof(
          { weight: 5, arbitrary: this.rootOperation(root, field, 'valid') },
          { weight: 5, arbitrary: this.rootOperation(root, field, 'near-valid') },
          { weight: 1, arbitrary: this.deepOperation(root, field) },
          { weight: 1, arbitrary: this.oddDocument(root, field) },
        ),
      );
  }

  private rootOperation(
    root: GraphQLObjectType,
    field: GraphQLField<unknown, unknown>,
    mode: Mode,
  ): fc.Arbitrary<GraphqlOperation> {
    const keyword = root.name === 'Mutation' ? 'mutation' : 'query';
    return fc
      .record({
        args: this.argumentValues(field.args, mode),
        selection: this.selection(field.type, 1, mode),
        viaVariables: fc.boolean(),
        declaredTypes: fc.array(
          fc.constantFrom('keep', 'keep', 'keep', 'keep', 'String', 'Int', 'drop-bang', '[ID]'),
          {
            minLength: field.args.length,
            maxLength: field.args.length,
          },
        ),
        leaveOutVariable: fc.boolean(),
      })
      .map(({ args, selection, viaVariables, declaredTypes, leaveOutVariable }) => {
        const label = `${root.name}.${field.name} (${mode}, ${viaVariables ? 'variables' : 'inline'})`;
        if (!viaVariables || args.length === 0) {
          const argText = args.length
            ? `(${args.map(([name, value]) => `${name}: ${literal(value)}`).join(', ')})`
            : '';
          return {
            label,
            query: `${keyword} { ${field.name}${argText}${selection} }`,
            isMutation: keyword === 'mutation',
          };
        }
        const declarations: string[] = [];
        const variables: Record<string, unknown> = {};
        const uses: string[] = [];
        args.forEach(([name, value], index) => {
          const arg = field.args.find((a) => a.name === name);
          const declared = mode === 'valid' || !arg ? 'keep' : (declaredTypes[index] ?? 'keep');
          const type = String(arg?.type ?? 'String');
          const typeText =
            declared === 'keep' ? type : declared === 'drop-bang' ? type.replace(/!$/, '') : declared;
          declarations.push(`$${name}: ${typeText}`);
          uses.push(`${name}: $${name}`);
          if (!(mode === 'near-valid' && leaveOutVariable && index === 0)) variables[name] = jsonValue(value);
        });
        const operationName = `Fuzz_${field.name}`;
        return {
          label,
          query: `${keyword} ${operationName}(${declarations.join(', ')}) { ${field.name}(${uses.join(', ')})${selection} }`,
          variables,
          operationName,
          isMutation: keyword === 'mutation',
        };
      });
  }

  /** A selection that walks object fields far past the depth limit. */
  private deepOperation(
    root: GraphQLObjectType,
    field: GraphQLField<unknown, unknown>,
  ): fc.Arbitrary<GraphqlOperation> {
    const keyword = root.name === 'Mutation' ? 'mutation' : 'query';
    return fc
      .record({
        args: this.argumentValues(field.args, 'valid'),
        choices: fc.array(fc.nat(), { minLength: 8, maxLength: 80 }),
      })
      .map(({ args, choices }) => {
        let type = getNamedType(field.type);
        let opened = 0;
        let text = '';
        for (const choice of choices) {
          if (!isObjectType(type)) break;
          const objectFields = Object.values(type.getFields()).filter(
            (f) => isObjectType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)),
          );
          const next = objectFields[choice % Math.max(1, objectFields.length)];
          if (!next) break;
          text += ` { ${next.name}`;
          opened++;
          type = getNamedType(next.type);
        }
        text += ' { __typename }' + ' }'.repeat(opened);
        const argText = args.length
          ? `(${args.map(([name, value]) => `${name}: ${literal(value)}`).join(', ')})`
          : '';
        const selection = isLeafType(getNamedType(field.type)) ? '' : text;
        return {
          label: `${root.name}.${field.name} (deep selection, ${opened} levels)`,
          query: `${keyword} { ${field.name}${argText}${selection} }`,
          isMutation: keyword === 'mutation',
        };
      });
  }

  /** Documents that are valid text but odd: many aliases, several operations, fragments, directives. */
  private oddDocument(
    root: GraphQLObjectType,
    field: GraphQLField<unknown, unknown>,
  ): fc.Arbitrary<GraphqlOperation> {
    const keyword = root.name === 'Mutation' ? 'mutation' : 'query';
    return fc
      .record({
        args: this.argumentValues(field.args, 'valid'),
        selection: this.selection(field.type, 1, 'valid'),
        shape: fc.constantFrom(
          'aliases',
          'two-operations',
          'fragment',
          'directives',
          'subscription',
          'wrong-name',
        ),
        count: fc.integer({ min: 2, max: 400 }),
      })
      .map(({ args, selection, shape, count }) => {
        const argText = args.length
          ? `(${args.map(([name, value]) => `${name}: ${literal(value)}`).join(', ')})`
          : '';
        const call = `${field.name}${argText}${selection}`;
        const label = `${root.name}.${field.name} (${shape})`;
        const isMutation = keyword === 'mutation';
        switch (shape) {
          case 'aliases':
            return {
              label,
              query: `${keyword} { ${Array.from({ length: Math.min(count, Math.ceil(1_200_000 / call.length)) }, (_, i) => `a${i}: ${call}`).join(' ')} }`,
              isMutation,
            };
          case 'two-operations':
            return { label, query: `${keyword} A { ${call} } query B { __typename }`, isMutation };
          case 'fragment': {
            const onType = getNamedType(field.type);
            const spread = isObjectType(onType) ? `{ ...F }` : '';
            const fragment = isObjectType(onType) ? ` fragment F on ${onType.name} { __typename ...F }` : '';
            return {
              label,
              query: `${keyword} { ${field.name}${argText} ${spread} }${fragment}`,
              isMutation,
            };
          }
          case 'directives':
            return {
              label,
              query: `${keyword} { ${field.name}${argText} @include(if: true) @skip(if: false) @deprecated ${selection} }`,
              isMutation,
            };
          case 'subscription':
            return { label, query: `subscription { ${call} }`, isMutation: false };
          default:
            return { label, query: `${keyword} Fuzz { ${call} }`, operationName: 'NotThere', isMutation };
        }
      });
  }

  /** Name/value pairs for a field's arguments: required ones (near-valid may leave one out), some optional ones. */
  private argumentValues(
    args: readonly GraphQLArgument[],
    mode: Mode,
  ): fc.Arbitrary<Array<[string, InputValue]>> {
    const required = args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    const optional = args.filter((a) => !required.includes(a));
    return fc
      .record({
        optionalPicked: fc.subarray(optional),
        dropOne: mode === 'near-valid' ? fc.option(fc.nat(), { freq: 4 }) : fc.constant(null),
        extra: mode === 'near-valid' ? fc.option(wrongKind, { freq: 5 }) : fc.constant(null),
      })
      .chain(({ optionalPicked, dropOne, extra }) => {
        let chosen = [...required, ...optionalPicked];
        if (dropOne !== null && required.length)
          chosen = chosen.filter((a) => a !== required[dropOne % required.length]);
        return fc
          .tuple(
            ...chosen.map((arg) =>
              this.value(arg.type, arg.name, mode).map((v): [string, InputValue] => [arg.name, v]),
            ),
          )
          .map((pairs) =>
            extra === null ? pairs : [...pairs, ['bogusArgument', extra] as [string, InputValue]],
          );
      });
  }

  /** A value for an input type; when near-valid, now and then of the wrong kind. */
  value(type: GraphQLInputType, name: string, mode: Mode): fc.Arbitrary<InputValue> {
    const key = `${String(type)}|${name}|${mode}`;
    let known = this.values.get(key);
    if (!known) {
      known = this.buildValue(type, name, mode);
      this.values.set(key, known);
    }
    return known;
  }

  private buildValue(type: GraphQLInputType, name: string, mode: Mode): fc.Arbitrary<InputValue> {
    if (isNonNullType(type)) {
      const inner = this.presentValue(type.ofType, name, mode);
      return mode === 'valid'
        ? inner
        : fc.oneof({ weight: 12, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) });
    }
    return fc.oneof(
      { weight: 9, arbitrary: this.presentValue(type, name, mode) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }

  /** A value that is not null (a flaw of a near-valid one may still be). */
  private presentValue(type: GraphQLInputType, name: string, mode: Mode): fc.Arbitrary<InputValue> {
    if (isNonNullType(type)) return this.presentValue(type.ofType, name, mode);
    if (isListType(type)) {
      const item = this.value(type.ofType, name, mode);
      const list = fc.array(item, { maxLength: 4 });
      return flawed(
        mode,
        fc.oneof({ weight: 4, arbitrary: list as fc.Arbitrary<InputValue> }, { weight: 1, arbitrary: item }),
        fc.oneof(
          fc
            .tuple(item, fc.integer({ min: 100, max: 5_000 }))
            .map(([v, n]) => Array.from({ length: Math.min(n, longListLength(v)) }, () => v)),
          deeplyNested,
          wrongKind,
        ),
      );
    }
    if (isEnumType(type)) {
      const names = type.getValues().map((v) => v.name);
      return flawed(
        mode,
        fc.constantFrom(...names).map((n) => new EnumValue(n)),
        fc.oneof(
          fc.constantFrom('NOT_A_VALUE', 'true', 'null_').map((n) => new EnumValue(n)),
          fc.constantFrom(...names).map((n) => new EnumValue(n.toLowerCase())),
          fc.constantFrom(...names),
          wrongKind,
        ),
      );
    }
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      const shape = Object.fromEntries(fields.map((f) => [f.name, this.value(f.type, f.name, mode)]));
      const requiredKeys = fields
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => f.name);
      const record = fc.record(shape, { requiredKeys }) as fc.Arbitrary<InputValue>;
      return flawed(
        mode,
        record,
        fc.oneof(
          record.map((v) => {
            const copy = { ...(v as Record<string, InputValue>) };
            delete copy[requiredKeys[0] ?? ''];
            return copy;
          }),
          fc
            .tuple(record, wrongKind)
            .map(([v, extra]) => ({ ...(v as Record<string, InputValue>), bogusField: extra })),
          deeplyNested,
          wrongKind,
        ),
      );
    }
    if (isScalarType(type)) return flawed(mode, this.scalar(type.name, name), this.scalarFlaws(type.name));
    return fc.constant(null);
  }

  private scalar(scalar: string, name: string): fc.Arbitrary<InputValue> {
    switch (scalar) {
      case 'Int':
        return validInt;
      case 'Float':
        return fc.oneof(
          fc.integer({ min: -10, max: 1_000 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.constantFrom(0, 100, 100.5, -0.001, 1e300),
        );
      case 'Boolean':
        return fc.boolean();
      case 'ID':
        return fc.oneof(validInt.map(String), validInt, anyText);
      case 'DateTime':
        return dateTimeText;
      case 'String':
        return fc.oneof({ weight: 20, arbitrary: textFor(name) }, { weight: 1, arbitrary: hugeText });
      default:
        // Upload (and any scalar added later): a client cannot say it inline; the api must refuse it
        return fc.oneof(fc.constant(null), anyText, fc.constant({ filename: 'x.csv' }));
    }
  }

  private scalarFlaws(scalar: string): fc.Arbitrary<InputValue> {
    switch (scalar) {
      case 'Int':
        return fc.oneof(outOfRangeInt, wrongKind);
      case 'Float':
        return fc.oneof(
          fc.constant(new RawLiteral('1e400', '1e400')),
          fc.constant(new RawLiteral('-1e400', '-Infinity')),
          wrongKind,
        );
      case 'DateTime':
        return fc.oneof(
          fc.integer(),
          fc.constantFrom('', '2026-13-45T99:99:99Z', 'NaN', '0'),
          anyText,
          hugeText,
        );
      case 'String':
        return fc.oneof(hugeText, wrongKind);
      default:
        return wrongKind;
    }
  }

  /** A selection set for an output type: '' for leaves; near-valid may ask for fields that are not there. */
  selection(type: GraphQLOutputType, depth: number, mode: Mode): fc.Arbitrary<string> {
    const named: GraphQLNamedType = getNamedType(type);
    const key = `${named.name}|${depth}|${mode}`;
    let known = this.selections.get(key);
    if (!known) {
      known = this.buildSelection(named, depth, mode);
      this.selections.set(key, known);
    }
    return known;
  }

  private buildSelection(named: GraphQLNamedType, depth: number, mode: Mode): fc.Arbitrary<string> {
    if (isLeafType(named)) {
      return mode === 'valid'
        ? fc.constant('')
        : fc.oneof(
            { weight: 9, arbitrary: fc.constant('') },
            { weight: 1, arbitrary: fc.constant(' { id }') },
          );
    }
    if (!isObjectType(named)) return fc.constant(' { __typename }');
    const fields = Object.values(named.getFields());
    const candidates =
      depth >= MAX_SELECTION_DEPTH ? fields.filter((f) => isLeafType(getNamedType(f.type))) : fields;
    if (candidates.length === 0) return fc.constant(' { __typename }');
    const picked = fc
      .subarray(candidates, { minLength: 1, maxLength: Math.min(4, candidates.length) })
      .chain((chosen) => fc.tuple(...chosen.map((field) => this.fieldSelection(field, depth, mode))));
    const extras =
      mode === 'valid'
        ? fc.constant<string[]>([])
        : fc.subarray(
            [
              'bogusField',
              '__typename',
              '... on Query { __typename }',
              'id(x: 1)',
              '__schema { types { name } }',
            ],
            {
              maxLength: 1,
            },
          );
    return fc.tuple(picked, extras).map(([parts, extra]) => ` { ${[...parts, ...extra].join(' ')} }`);
  }

  private fieldSelection(
    field: GraphQLField<unknown, unknown>,
    depth: number,
    mode: Mode,
  ): fc.Arbitrary<string> {
    return fc
      .record({
        // an alias of the field's own: two fields under one alias conflict, and the document is refused
        alias: fc.option(fc.constantFrom(`${field.name}_a`, `${field.name}Alias`), { freq: 8 }),
        args: field.args.length
          ? this.argumentValues(field.args, mode)
          : fc.constant<Array<[string, InputValue]>>([]),
        inner: isLeafType(getNamedType(field.type)) ? fc.constant('') : fc.constant(null),
      })
      .chain(({ alias, args, inner }) =>
        (inner === null ? this.selection(field.type, depth + 1, mode) : fc.constant(inner)).map(
          (selection) => {
            const argText = args.length
              ? `(${args.map(([name, value]) => `${name}: ${literal(value)}`).join(', ')})`
              : '';
            return `${alias ? `${alias}: ` : ''}${field.name}${argText}${selection}`;
          },
        ),
      );
  }
}
