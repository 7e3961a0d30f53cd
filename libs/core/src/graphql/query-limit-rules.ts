import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

export interface DocumentLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
}

/**
 * graphql-armor's rules throw out of `validate()` by default, which Apollo would answer with a 500;
 * reported on the context instead, they are validation errors like any other (400, BAD_USER_INPUT).
 * The message is ours, in the words of the cost limit's; armor's ends with "found <n>.".
 */
function reportOnContext(describe: (found: string) => string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError): void => {
        const found = /found (\d+)\.?$/.exec(error.message)?.[1] ?? 'more';
        context?.reportError(new GraphQLError(describe(found)));
      },
    ],
  };
}

/**
 * Validation rules that refuse a document too deep, with too many aliases or too many directives
 * (graphql-armor's). Apollo validates a query text once and keeps the validated document, so these
 * walk each distinct document once, not each request.
 *
 * Depth: fragments add no level (as if written inline), and introspection is left out, since
 * graphql-js's own MaxIntrospectionDepthRule (one of the specified rules) caps its nesting.
 */
export function queryLimitRules(limits: DocumentLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      ...reportOnContext((found) => `Query is too deep: depth ${found}, at most ${limits.maxDepth} allowed.`),
    }) as ValidationRule,
    maxAliasesRule({
      n: limits.maxAliases,
      ...reportOnContext(
        (found) => `Query has too many aliases: ${found}, at most ${limits.maxAliases} allowed.`,
      ),
    }) as ValidationRule,
    maxDirectivesRule({
      n: limits.maxDirectives,
      ...reportOnContext(
        (found) => `Query has too many directives: ${found}, at most ${limits.maxDirectives} allowed.`,
      ),
    }) as ValidationRule,
  ];
}
