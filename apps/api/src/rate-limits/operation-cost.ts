import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** The kinds of request that have limits of their own. */
export const OPERATION_CLASSES = ['reads', 'mutations', 'logins', 'posts'] as const;
export type OperationClass = (typeof OPERATION_CLASSES)[number];

/** What a request costs: points per class it touches (most requests touch one). */
export type OperationCost = ReadonlyArray<readonly [OperationClass, number]>;

/** The forum's writing fields: flooding a hub with posts is what the `posts` limit is about. */
const POST_FIELDS = new Set(['createThread', 'createPost', 'editPost']);
const LOGIN_FIELD = 'login';

/** A query (or anything not a mutation) is one read, whatever it asks for: its size has its own limits. */
const READ_COST: OperationCost = [['reads', 1]];

function classOfMutationField(name: string): OperationClass {
  if (name === LOGIN_FIELD) return 'logins';
  if (POST_FIELDS.has(name)) return 'posts';
  return 'mutations';
}

/**
 * The root fields of a mutation, each aliased copy apart (`a: createPost … b: createPost …` is two
 * posts), through fragments spread at the root. `@skip`/`@include` are not evaluated: a skipped
 * field still counts, which only errs on the strict side.
 */
function countRootFields(
  selectionSet: SelectionSetNode,
  document: DocumentNode,
  counts: Map<OperationClass, number>,
  seenFragments: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const operationClass = classOfMutationField(selection.name.value);
      counts.set(operationClass, (counts.get(operationClass) ?? 0) + 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      countRootFields(selection.selectionSet, document, counts, seenFragments);
    } else {
      const name = selection.name.value;
      // validation already refused fragment cycles; this guard only keeps a bad document finite
      if (seenFragments.has(name)) continue;
      seenFragments.add(name);
      const fragment = document.definitions.find(
        (definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === name,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) {
        countRootFields(fragment.selectionSet, document, counts, seenFragments);
      }
    }
  }
}

/**
 * What an operation costs against the rate limits: a query is one read; a mutation costs one point
 * per root field, in the class of that field (sign-ins, forum posts, other mutations). A request
 * whose operation Apollo could not pick (a wrong `operationName`) is refused later, and counts as a read.
 */
export function operationCost(
  operation: OperationDefinitionNode | undefined,
  document: DocumentNode,
): OperationCost {
  if (operation?.operation !== 'mutation') return READ_COST;
  const counts = new Map<OperationClass, number>();
  countRootFields(operation.selectionSet, document, counts, new Set());
  return [...counts];
}
