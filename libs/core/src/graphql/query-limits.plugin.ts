import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { AppError } from '../errors/app-error';
import { queryDepth } from './query-depth';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/**
 * Cost of a field: 1, plus its children; a list field with a `first` argument costs its children
 * `first` times, a list without one as if it held 10 items. A connection's `edges` cost their
 * children once, since the connection field already multiplied them by `first`.
 */
export const paginationAwareEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  // a connection's `edges` were already multiplied by the connection's `first`
  if (field.name === 'edges') return 1 + childComplexity;
  const first = typeof args['first'] === 'number' ? args['first'] : undefined;
  const isList = /^\[|\]!?$/.test(String(field.type).replace(/!$/, '')) || first !== undefined;
  if (!isList) return 1 + childComplexity;
  return 1 + childComplexity * (first ?? 10);
};

/** Variables longer than this (as JSON) are measured every time rather than kept as a cache key. */
const MAX_CACHED_VARIABLES_KEY = 512;
/** Measurements kept per document: a page's `first` and filters take a handful of values. */
const MAX_MEASURES_PER_DOCUMENT = 64;

interface Measure {
  depth: number;
  cost: number;
}

/** Depth, then cost; the cost of an operation already too deep is not worth walking (it counts as 0). */
function measure(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): Measure {
  const depth = queryDepth(document, operationName ?? null);
  if (depth > limits.maxDepth) return { depth, cost: 0 };
  try {
    const cost = getComplexity({
      schema,
      query: document,
      variables,
      operationName,
      estimators: [paginationAwareEstimator],
    });
    return { depth, cost };
  } catch (error) {
    // the variables are coerced here, before execution: a bad value is the caller's mistake
    if (error instanceof GraphQLError) throw AppError.badInput(error.message);
    throw error;
  }
}

/**
 * Refuses, before execution, operations that are too deep or too expensive.
 *
 * Apollo keeps one parsed document per query text, so the measure of a document with the same
 * operation and variables is kept on it: walking the document with the schema cost the catalogue
 * page ~0.2 ms a request, for an answer that cannot change.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  const measures = new WeakMap<DocumentNode, Map<string, Measure>>();

  function measured(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown>,
  ): Measure {
    const key = `${operationName ?? ''}\n${JSON.stringify(variables)}`;
    if (key.length > MAX_CACHED_VARIABLES_KEY)
      return measure(limits, schema, document, operationName, variables);
    let byKey = measures.get(document);
    const known = byKey?.get(key);
    if (known) return known;
    const fresh = measure(limits, schema, document, operationName, variables);
    if (!byKey) measures.set(document, (byKey = new Map()));
    if (byKey.size >= MAX_MEASURES_PER_DOCUMENT) byKey.clear();
    byKey.set(key, fresh);
    return fresh;
  }

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const { depth, cost } = measured(
            schema,
            document,
            request.operationName ?? undefined,
            request.variables ?? {},
          );
          if (depth > limits.maxDepth) {
            throw AppError.badInput(`Query is too deep: depth ${depth}, at most ${limits.maxDepth} allowed.`);
          }
          if (cost > limits.maxCost) {
            throw AppError.badInput(
              `Query is too expensive: cost ${cost}, at most ${limits.maxCost} allowed. Ask for fewer items per page or fewer nested lists.`,
            );
          }
        },
      };
    },
  };
}
