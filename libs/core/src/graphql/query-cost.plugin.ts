import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode, type GraphQLSchema, type ValueNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { AppError } from '../errors/app-error';
import { ErrorCode, HTTP_STATUS_BY_CODE } from '../errors/error-code';

/**
 * Cost of a field: 1, plus its children; a list field with a `first` argument costs its children
 * `first` times, a list without one as if it held 10 items. A connection's `edges` cost their
 * children once, since the connection field already multiplied them by `first`. Introspection is
 * free: it is answered from the schema in memory, and graphql-js caps its nesting.
 */
export const paginationAwareEstimator: ComplexityEstimator = ({ args, childComplexity, field, type }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  // a connection's `edges` were already multiplied by the connection's `first`
  if (field.name === 'edges') return 1 + childComplexity;
  const first = typeof args['first'] === 'number' ? args['first'] : undefined;
  const isList = /^\[|\]!?$/.test(String(field.type).replace(/!$/, '')) || first !== undefined;
  if (!isList) return 1 + childComplexity;
  return 1 + childComplexity * (first ?? 10);
};

/** Cost-relevant variables longer than this (as JSON) are measured every time rather than kept as a cache key. */
const MAX_CACHED_VARIABLES_KEY = 512;
/** Costs kept per document: a page's `first` takes a handful of values. */
const MAX_COSTS_PER_DOCUMENT = 64;

/** The variables a value refers to (a `first: $n`, or inside a list or an input object). */
function variablesIn(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const item of value.values) variablesIn(item, into);
  else if (value.kind === Kind.OBJECT) for (const field of value.fields) variablesIn(field.value, into);
}

/**
 * The variables that can change a document's cost: those given to a `first` argument (the estimator
 * multiplies by it) and to `@skip` / `@include` (which take fields out). Any other variable (an id, a
 * slug, a post's body) leaves the cost as it is.
 */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) {
        if (argument.name.value === 'first') variablesIn(argument.value, names);
      }
    },
    Directive(directive) {
      if (directive.name.value !== 'skip' && directive.name.value !== 'include') return;
      for (const argument of directive.arguments ?? []) variablesIn(argument.value, names);
    },
  });
  return [...names].sort();
}

/**
 * A refusal before execution. Apollo answers an error thrown by a plugin with a 500 unless the error
 * names its status; `extensions.http` is read by Apollo and never reaches the client.
 */
const badInput = (message: string): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, {
    http: { status: HTTP_STATUS_BY_CODE[ErrorCode.BAD_USER_INPUT] },
  });

function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables,
      operationName,
      estimators: [paginationAwareEstimator],
    });
  } catch (error) {
    // the variables are coerced here, before execution: a bad value is the caller's mistake
    if (error instanceof GraphQLError) throw badInput(error.message);
    throw error;
  }
}

/**
 * Refuses, before execution, operations that are too expensive (depth, aliases and directives are
 * validation rules: `queryLimitRules`).
 *
 * Apollo keeps one parsed document per query text, so costs are kept on the document, keyed by the
 * operation and the values of the variables that can change the cost ({@link costVariables}): walking
 * the document with the schema cost the catalogue page ~0.2 ms a request, and a post ~0.3 ms, for an
 * answer that cannot change. So every post, and every innovation page whatever its slug, is measured
 * once per document. The first measurement also coerces all the variables, so a bad value is refused
 * here; once a document is known, the executor refuses it, with the same BAD_USER_INPUT.
 */
export function queryCostPlugin(limits: { maxCost: number }): ApolloServerPlugin {
  const known = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();

  function measured(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown>,
  ): number {
    let entry = known.get(document);
    if (!entry) known.set(document, (entry = { variables: costVariables(document), costs: new Map() }));
    // an omitted variable ([]: its default applies) and a null one ([null]) are told apart
    const key = `${operationName ?? ''}\n${JSON.stringify(entry.variables.map((name) => (name in variables ? [variables[name]] : [])))}`;
    if (key.length > MAX_CACHED_VARIABLES_KEY) return costOf(schema, document, operationName, variables);
    const cached = entry.costs.get(key);
    if (cached !== undefined) return cached;
    const fresh = costOf(schema, document, operationName, variables);
    if (entry.costs.size >= MAX_COSTS_PER_DOCUMENT) entry.costs.clear();
    entry.costs.set(key, fresh);
    return fresh;
  }

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = measured(
            schema,
            document,
            request.operationName ?? undefined,
            request.variables ?? {},
          );
          if (cost > limits.maxCost) {
            throw badInput(
              `Query is too expensive: cost ${cost}, at most ${limits.maxCost} allowed. Ask for fewer items per page or fewer nested lists.`,
            );
          }
        },
      };
    },
  };
}
