import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
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

/** Refuses, before execution, operations that are too deep or too expensive. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const depth = queryDepth(document, request.operationName);
          if (depth > limits.maxDepth) {
            throw AppError.badInput(`Query is too deep: depth ${depth}, at most ${limits.maxDepth} allowed.`);
          }
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [paginationAwareEstimator],
            });
          } catch (error) {
            // the variables are coerced here, before execution: a bad value is the caller's mistake
            if (error instanceof GraphQLError) throw AppError.badInput(error.message);
            throw error;
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
