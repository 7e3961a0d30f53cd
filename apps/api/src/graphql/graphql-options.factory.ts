import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';
import { Injectable, Logger } from '@nestjs/common';
import { GraphQLSchemaHost, type GqlOptionsFactory } from '@nestjs/graphql';
import {
  AppConfig,
  formatGraphqlError,
  LoaderRegistry,
  queryCostPlugin,
  queryLimitRules,
  serviceUnavailableStatusPlugin,
  withoutSchemaHints,
  type GraphqlContext,
  type RequestLike,
} from '@jipp/core';
import { MetricsService } from '../metrics/metrics.service';
import { GraphqlRateLimits } from '../rate-limits/graphql-rate-limits';
import { JitExecutorGateway } from './jit-executor.gateway';
import { PlainFieldResolvers } from './plain-field-resolvers';

/**
 * The parsed and validated documents Apollo keeps, by their JSON length. A document costs about ten
 * times its JSON in heap (measured by the fuzzer), so Apollo's default of 30 MiB let anyone sending
 * unique queries hold ~300 MB; 3 MiB still holds thousands of documents, far more than the clients
 * of this api send.
 */
const DOCUMENT_STORE_BYTES = 3 * 1024 * 1024;

/**
 * An optional boolean setting, undefined when unset. For a setting whose validated value is undefined,
 * ConfigService returns the raw variable instead: `GRAPHQL_SANDBOX=` would come back as ''.
 */
const flag = (value: boolean | undefined): boolean | undefined =>
  typeof value === 'boolean' ? value : undefined;

/**
 * Apollo, code-first: the schema comes from the resolvers; errors are masked by `formatGraphqlError`.
 *
 * What a request may be: one operation per request (no batches), CSRF prevention on (a request must
 * be JSON or carry a preflight header), at most GRAPHQL_MAX_TOKENS tokens (graphql-js stops parsing
 * there), GRAPHQL_MAX_SELECTIONS selections with fragments expanded, then depth, aliases and
 * directives (validation rules, once per query text) and cost (per variables, before execution).
 * In production the sandbox, introspection and the schema hints of errors are off unless configured.
 */
@Injectable()
export class GraphqlOptionsFactory implements GqlOptionsFactory<ApolloDriverConfig> {
  private readonly logger = new Logger('GraphQL');

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly rateLimits: GraphqlRateLimits,
    private readonly plainFields: PlainFieldResolvers,
  ) {}

  createGqlOptions(): ApolloDriverConfig {
    const sandbox = flag(this.config.get('GRAPHQL_SANDBOX')) ?? !this.config.isProduction;
    const introspection =
      flag(this.config.get('GRAPHQL_INTROSPECTION')) ?? (sandbox || !this.config.isProduction);
    // the hints name fields and values of the schema: hidden whenever the schema itself is
    const hideSchemaHints = !introspection;
    return {
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      // hot fields resolved without Nest's per-call wrapper (see PlainFieldResolvers)
      transformSchema: (schema) => this.plainFields.apply(schema),
      playground: false,
      introspection,
      includeStacktraceInErrorResponses: false,
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      hideSchemaDetailsFromClientErrors: hideSchemaHints,
      parseOptions: { maxTokens: this.config.get('GRAPHQL_MAX_TOKENS') },
      documentStore: new InMemoryLRUCache<DocumentNode>({
        maxSize: DOCUMENT_STORE_BYTES,
        sizeCalculation: InMemoryLRUCache.sizeCalculation,
      }),
      maxRecursiveSelections: this.config.get('GRAPHQL_MAX_SELECTIONS'),
      validationRules: queryLimitRules({
        maxDepth: this.config.get('GRAPHQL_MAX_DEPTH'),
        maxAliases: this.config.get('GRAPHQL_MAX_ALIASES'),
        maxDirectives: this.config.get('GRAPHQL_MAX_DIRECTIVES'),
      }),
      // not in Nest's ApolloDriverConfig type, but passed to Apollo as given (see JitExecutorGateway)
      ...(this.config.get('GRAPHQL_EXECUTOR') === 'jit'
        ? { gateway: new JitExecutorGateway(this.schemaHost) }
        : {}),
      // Nest loads @apollo/server's ESM build and this file its CJS build: the same plugin shape with
      // two declarations of its types, hence the cast.
      plugins: [
        ...this.rateLimits.apolloPlugins(),
        queryCostPlugin({ maxCost: this.config.get('GRAPHQL_MAX_COST') }),
        serviceUnavailableStatusPlugin(),
        this.metrics.apolloPlugin(),
        // no HTTP cache hints are used; the default cache-control plugin would wrap every field resolver
        ApolloServerPluginCacheControlDisabled(),
        ...(sandbox
          ? [ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })]
          : []),
      ] as unknown as ApolloDriverConfig['plugins'],
      context: (request: RequestLike): GraphqlContext => ({ req: request, loaders: new LoaderRegistry() }),
      formatError: (formatted, error) => {
        const masked = formatGraphqlError(formatted, error, {
          onInternalError: (_f, original) => {
            const cause = (original as { originalError?: unknown }).originalError ?? original;
            this.logger.error(
              { err: cause, path: formatted.path },
              'unexpected error in a GraphQL operation',
            );
          },
        });
        return hideSchemaHints ? withoutSchemaHints(masked) : masked;
      },
    };
  }
}
