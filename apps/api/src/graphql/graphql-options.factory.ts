import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable, Logger } from '@nestjs/common';
import { GraphQLSchemaHost, type GqlOptionsFactory } from '@nestjs/graphql';
import {
  AppConfig,
  formatGraphqlError,
  LoaderRegistry,
  queryLimitsPlugin,
  type GraphqlContext,
  type RequestLike,
} from '@jipp/core';
import { MetricsService } from '../metrics/metrics.service';
import { JitExecutorGateway } from './jit-executor.gateway';

/** Apollo, code-first: the schema comes from the resolvers; errors are masked by `formatGraphqlError`. */
@Injectable()
export class GraphqlOptionsFactory implements GqlOptionsFactory<ApolloDriverConfig> {
  private readonly logger = new Logger('GraphQL');

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly schemaHost: GraphQLSchemaHost,
  ) {}

  createGqlOptions(): ApolloDriverConfig {
    const sandbox = this.config.get('GRAPHQL_SANDBOX');
    return {
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      playground: false,
      introspection: sandbox || !this.config.isProduction,
      includeStacktraceInErrorResponses: false,
      // not in Nest's ApolloDriverConfig type, but passed to Apollo as given (see JitExecutorGateway)
      ...(this.config.get('GRAPHQL_EXECUTOR') === 'jit'
        ? { gateway: new JitExecutorGateway(this.schemaHost) }
        : {}),
      // Nest loads @apollo/server's ESM build and this file its CJS build: the same plugin shape with
      // two declarations of its types, hence the cast.
      plugins: [
        queryLimitsPlugin({
          maxDepth: this.config.get('GRAPHQL_MAX_DEPTH'),
          maxCost: this.config.get('GRAPHQL_MAX_COST'),
        }),
        this.metrics.apolloPlugin(),
        // no HTTP cache hints are used; the default cache-control plugin would wrap every field resolver
        ApolloServerPluginCacheControlDisabled(),
        ...(sandbox
          ? [ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })]
          : []),
      ] as unknown as ApolloDriverConfig['plugins'],
      context: (request: RequestLike): GraphqlContext => ({ req: request, loaders: new LoaderRegistry() }),
      formatError: (formatted, error) =>
        formatGraphqlError(formatted, error, {
          onInternalError: (_f, original) => {
            const cause = (original as { originalError?: unknown }).originalError ?? original;
            this.logger.error(
              { err: cause, path: formatted.path },
              'unexpected error in a GraphQL operation',
            );
          },
        }),
    };
  }
}
