/**
 * Places a lineage (a tree: the origin innovation, then who copied whom) in layers: x is the depth,
 * leaves take one row each in depth-first order, and a parent sits midway between its first and
 * last child. Deterministic and linear in the number of nodes, unlike a force layout, so a popular
 * innovation's hundreds of replications draw at once and the same way every time.
 */
export interface LayoutNode {
  id: string;
}
export interface LayoutEdge {
  source: string;
  target: string;
}
export interface Position {
  x: number;
  y: number;
}

export function layoutLineage(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, Position> {
  const known = new Set(nodes.map((node) => node.id));
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const edge of edges) {
    if (!known.has(edge.source) || !known.has(edge.target) || hasParent.has(edge.target)) continue;
    hasParent.add(edge.target);
    const list = children.get(edge.source) ?? [];
    list.push(edge.target);
    children.set(edge.source, list);
  }
  const positions = new Map<string, Position>();
  let nextRow = 0;
  // depth-first without recursion: a lineage can be deep
  for (const root of nodes.filter((node) => !hasParent.has(node.id))) {
    const stack: Array<{ id: string; depth: number; expanded: boolean }> = [
      { id: root.id, depth: 0, expanded: false },
    ];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const kids = (children.get(top.id) ?? []).filter((id) => !positions.has(id));
      if (!top.expanded && kids.length > 0) {
        top.expanded = true;
        for (const kid of [...kids].reverse()) stack.push({ id: kid, depth: top.depth + 1, expanded: false });
        continue;
      }
      stack.pop();
      if (positions.has(top.id)) continue;
      const placed = (children.get(top.id) ?? [])
        .map((id) => positions.get(id))
        .filter((p) => p !== undefined);
      const y = placed.length > 0 ? (placed[0]!.y + placed[placed.length - 1]!.y) / 2 : nextRow++;
      positions.set(top.id, { x: top.depth, y });
    }
  }
  // anything left (a cycle the data should never hold) goes on rows of its own
  for (const node of nodes) if (!positions.has(node.id)) positions.set(node.id, { x: 0, y: nextRow++ });
  return positions;
}

/**
 * The same tree around its origin, for lineages too large to read as rows: each depth is a ring,
 * and the rows of the layered layout are spread around the circle, so a parent still sits between
 * its children. Coordinates are in ring widths, the origin at (0, 0).
 */
export function radialLineage(layered: Map<string, Position>): Map<string, Position> {
  const rows = Math.max(1, ...[...layered.values()].map((position) => position.y + 1));
  const radial = new Map<string, Position>();
  for (const [id, { x, y }] of layered) {
    const angle = (2 * Math.PI * (y + 0.5)) / rows;
    radial.set(id, { x: x * Math.cos(angle), y: x * Math.sin(angle) });
  }
  return radial;
}
