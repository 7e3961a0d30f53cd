import { Kind, type GraphQLResolveInfo } from 'graphql';

/** Whether the client selected `field` directly under the current field (e.g. `totalCount`). */
export function isFieldRequested(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) =>
    node.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === field),
  );
}
