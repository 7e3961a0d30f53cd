import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The text of the committed `apps/api/schema.gql`: sorted SDL with a final newline. */
export function schemaFileText(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
