import type { ApolloServerOptions } from '@apollo/server';
import type { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  execute,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isNonNullType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { AppError } from '@jipp/core';

type Gateway = NonNullable<ApolloServerOptions<Record<string, unknown>>['gateway']>;
type SchemaListener = Parameters<Gateway['onSchemaLoadOrUpdate']>[0];
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type GatewayRequest = Parameters<GatewayExecutor>[0];

/** How a document runs: compiled by graphql-jit, or by graphql-js where graphql-jit would be wrong. */
type Plan = { jit: CompiledQuery } | { jitError: ExecutionResult } | 'graphql-js';

/**
 * graphql-jit leaves `extensions` undefined on an error whose original has none (a driver's error, a
 * bug's), where graphql-js gives every error an object. Apollo reads `extensions.code` before it calls
 * `formatError`: on such an error it fails and answers its own unmasked INTERNAL_SERVER_ERROR, so a
 * database or Redis outage would never become SERVICE_UNAVAILABLE. Such errors are made again as
 * graphql-js makes them, with their path and original error.
 */
function withExtensions(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((error) => error.extensions === undefined)) return result;
  return {
    ...result,
    errors: result.errors.map((error) =>
      error.extensions === undefined
        ? new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? error })
        : error,
    ),
  };
}

/**
 * graphql-jit refuses variables that do not fit their types with messages of its own (a nested
 * field's name as if it were the variable) and without the variable's definition as the error's
 * node. That node is how Apollo tells a caller's bad variable (BAD_USER_INPUT, HTTP 400) from a
 * server error (masked as INTERNAL). A result without data is a refusal before execution: the
 * variables are coerced again by graphql-js, whose errors (those Apollo recognises, and graphql-js's
 * own wording) replace graphql-jit's. Only refused requests pay for it.
 */
function withGraphqlJsVariableErrors(
  result: ExecutionResult,
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): ExecutionResult {
  if (result.data !== undefined || !result.errors?.length) return result;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return coerced.errors?.length ? { errors: coerced.errors } : result;
}

/**
 * Runs operations with graphql-jit: each document is compiled once into a function that resolves
 * exactly its fields, which spends a fraction of graphql-js's per-field work on a 20-item page.
 *
 * Apollo Server 4+ has no executor option; its gateway interface is the documented way to bring one
 * (its migration guide, "executor"). This gateway serves one schema, the one Nest built (read from
 * the schema host when Apollo starts), and never updates it. The rest of Apollo's request pipeline
 * runs as before: parsing and validation (cached per query text), plugins, error masking.
 *
 * graphql-jit 0.8 ignores the default of a non-null input field when a variable omits it (the spec
 * lets it be omitted: `inviteUser(input: { email, name })` leaves `role: InvitableRole! = MEMBER`
 * out). A document with a variable of such an input type runs on graphql-js instead.
 */
export class JitExecutorGateway implements Gateway {
  /** Plans of a document, by operation name. Apollo keeps one document per query text. */
  private readonly plans = new WeakMap<DocumentNode, Map<string, Plan>>();
  private readonly jitUnsafeInputs = new WeakMap<GraphQLSchema, Set<GraphQLInputObjectType>>();

  constructor(private readonly schemaHost: GraphQLSchemaHost) {}

  onSchemaLoadOrUpdate(listener: SchemaListener): () => void {
    listener({ apiSchema: this.schemaHost.schema, coreSupergraphSdl: '' });
    return () => undefined;
  }

  load(): Promise<{ executor: GatewayExecutor }> {
    const schema = this.schemaHost.schema;
    const executor: GatewayExecutor = async (request) => {
      // Apollo resolves the operation before it calls a gateway, and passes a null operationName when
      // the client's names none of the document's: graphql-js, given the client's name, answers with
      // the error Apollo turns into a 400 (not a document's only operation run under another name)
      if (!request.operation) {
        return this.executeWithGraphqlJs(schema, {
          ...request,
          operationName: request.request.operationName ?? null,
        });
      }
      // graphql-js 16 validates no operation type against the schema: a `subscription` here (the api
      // has none) would fail at execution as an unmasked internal error
      if (!schema.getRootType(request.operation.operation)) {
        return {
          errors: [AppError.badInput(`This API has no ${request.operation.operation} operations.`)],
        };
      }
      const plan = this.plan(schema, request.document, request.operationName);
      if (plan === 'graphql-js') return this.executeWithGraphqlJs(schema, request);
      if ('jitError' in plan) return plan.jitError;
      const variables = request.request.variables ?? {};
      const result = await plan.jit.query(undefined, request.context, variables);
      return withExtensions(withGraphqlJsVariableErrors(result, schema, request.operation, variables));
    };
    return Promise.resolve({ executor });
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  private async executeWithGraphqlJs(
    schema: GraphQLSchema,
    request: GatewayRequest,
  ): Promise<ExecutionResult> {
    return execute({
      schema,
      document: request.document,
      contextValue: request.context,
      variableValues: request.request.variables,
      operationName: request.operationName,
    });
  }

  private plan(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Plan {
    let byOperation = this.plans.get(document);
    const key = operationName ?? '';
    const known = byOperation?.get(key);
    if (known) return known;
    let fresh: Plan;
    if (this.hasJitUnsafeVariable(schema, document, operationName)) {
      fresh = 'graphql-js';
    } else {
      const compiled = compileQuery(schema, document, operationName ?? undefined);
      fresh = isCompiledQuery(compiled) ? { jit: compiled } : { jitError: compiled };
    }
    if (!byOperation) this.plans.set(document, (byOperation = new Map()));
    byOperation.set(key, fresh);
    return fresh;
  }

  private hasJitUnsafeVariable(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null,
  ): boolean {
    const unsafe = this.unsafeInputsOf(schema);
    return document.definitions.some(
      (definition) =>
        definition.kind === Kind.OPERATION_DEFINITION &&
        (operationName === null || definition.name?.value === operationName) &&
        (definition.variableDefinitions ?? []).some((variable) => {
          const type = typeFromAST(schema, variable.type);
          const named = type && getNamedType(type);
          return named !== undefined && isInputObjectType(named) && unsafe.has(named);
        }),
    );
  }

  /** Input types holding, at any depth, a non-null field with a default. */
  private unsafeInputsOf(schema: GraphQLSchema): Set<GraphQLInputObjectType> {
    const known = this.jitUnsafeInputs.get(schema);
    if (known) return known;
    const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
    const unsafe = new Set(
      inputs.filter((input) =>
        Object.values(input.getFields()).some(
          (field) => isNonNullType(field.type) && field.defaultValue !== undefined,
        ),
      ),
    );
    // an input holding an unsafe input is unsafe too
    for (let grew = true; grew;) {
      grew = false;
      for (const input of inputs) {
        if (unsafe.has(input)) continue;
        const holdsUnsafe = Object.values(input.getFields()).some((field) => {
          const named = getNamedType(field.type);
          return isInputObjectType(named) && unsafe.has(named);
        });
        if (holdsUnsafe) {
          unsafe.add(input);
          grew = true;
        }
      }
    }
    this.jitUnsafeInputs.set(schema, unsafe);
    return unsafe;
  }
}
