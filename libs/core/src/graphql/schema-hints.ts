import type { GraphQLFormattedError } from 'graphql';

/** graphql-js's hint at the end of a message; the same pattern Apollo's DisableSuggestions plugin removes. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * The error without its "Did you mean ...?" hint, which names fields, arguments or enum values of the
 * schema: with introspection off, they would let a client rebuild the schema one guess at a time.
 * Apollo's `hideSchemaDetailsFromClientErrors` removes them from validation errors only; variable
 * coercion errors (`Value "X" does not exist in "Role" enum. Did you mean ...?`) come later.
 */
export function withoutSchemaHints(error: GraphQLFormattedError): GraphQLFormattedError {
  if (!SUGGESTION.test(error.message)) return error;
  return { ...error, message: error.message.replace(SUGGESTION, '') };
}
