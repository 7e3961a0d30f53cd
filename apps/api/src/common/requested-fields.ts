import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Whether the client selected `field` directly under the current field (e.g. `totalCount`). */
export function isFieldRequested(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) =>
    node.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === field),
  );
}

/**
 * The names of the fields the client selected at `path` below the current field (`['edges', 'node']`
 * for a connection's nodes; `[]` for the field's own object), through fragments. `@skip` and
 * `@include` are not evaluated: a field they may leave out counts as selected, so a loader that
 * trusts the answer loads at worst a little more than needed.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, depth: number, seen: Set<string>): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, depth, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        // a fragment cannot spread itself (validation refuses cycles); `seen` is a guard all the same
        if (seen.has(name)) continue;
        visit(info.fragments[name]?.selectionSet, depth, new Set(seen).add(name));
      } else if (depth === path.length) {
        names.add(selection.name.value);
      } else if (selection.name.value === path[depth]) {
        visit(selection.selectionSet, depth + 1, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, 0, new Set());
  return names;
}
