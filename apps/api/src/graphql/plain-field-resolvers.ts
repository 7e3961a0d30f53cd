import { Injectable } from '@nestjs/common';
import type { GraphqlContext } from '@jipp/core';
import { isObjectType, type GraphQLSchema } from 'graphql';

/** A field's resolver as GraphQL calls it: the parent object and the request's context. */
export type PlainFieldResolver = (parent: never, context: GraphqlContext) => unknown;

/**
 * Field resolvers that GraphQL calls directly, without Nest's per-call wrapper.
 *
 * Nest wraps each `@ResolveField` method in its context creator: it builds the arguments from the
 * parameter decorators and runs the pipes on each, on every call. A 20-item catalogue page makes
 * about 120 such calls, 7 % of the api's CPU. A resolver class whose field methods need only the
 * parent and the context registers them here (from its constructor), and `apply`, Apollo's
 * `transformSchema` step, sets them as the fields' resolvers. The `@ResolveField` methods stay where
 * they are: they declare the fields in the schema and hold the logic the plain resolvers call. No
 * field here has guards or interceptors (`fieldResolverEnhancers` is not set), so nothing is skipped.
 */
@Injectable()
export class PlainFieldResolvers {
  private readonly byType = new Map<string, Record<string, PlainFieldResolver>>();

  /** The plain resolvers of some fields of a GraphQL object type, by field name. */
  register<T>(
    typeName: string,
    fields: Record<string, (parent: T, context: GraphqlContext) => unknown>,
  ): void {
    this.byType.set(typeName, {
      ...this.byType.get(typeName),
      ...(fields as Record<string, PlainFieldResolver>),
    });
  }

  /** Sets the registered resolvers on the schema's fields; a name that is not in the schema fails the start. */
  apply(schema: GraphQLSchema): GraphQLSchema {
    for (const [typeName, fields] of this.byType) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`plain field resolvers: no object type ${typeName}`);
      const schemaFields = type.getFields();
      for (const [fieldName, resolve] of Object.entries(fields)) {
        const field = schemaFields[fieldName];
        if (!field) throw new Error(`plain field resolvers: ${typeName} has no field ${fieldName}`);
        field.resolve = (parent: unknown, _args: unknown, context: GraphqlContext) =>
          resolve(parent as never, context);
      }
    }
    return schema;
  }
}
