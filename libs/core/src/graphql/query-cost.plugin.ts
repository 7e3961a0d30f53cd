import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
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

/** Variables longer than this (as JSON) are measured every time rather than kept as a cache key. */
const MAX_CACHED_VARIABLES_KEY = 512;
/** Costs kept per document: a page's `first` and filters take a handful of values. */
const MAX_COSTS_PER_DOCUMENT = 64;

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
 * Apollo keeps one parsed document per query text, so the cost of a document with the same
 * operation and variables is kept on it: walking the document with the schema cost the catalogue
 * page ~0.2 ms a request, for an answer that cannot change.
 */
export function queryCostPlugin(limits: { maxCost: number }): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();

  function measured(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown>,
  ): number {
    const key = `${operationName ?? ''}\n${JSON.stringify(variables)}`;
    if (key.length > MAX_CACHED_VARIABLES_KEY) return costOf(schema, document, operationName, variables);
    let byKey = costs.get(document);
    const known = byKey?.get(key);
    if (known !== undefined) return known;
    const fresh = costOf(schema, document, operationName, variables);
    if (!byKey) costs.set(document, (byKey = new Map()));
    if (byKey.size >= MAX_COSTS_PER_DOCUMENT) byKey.clear();
    byKey.set(key, fresh);
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
