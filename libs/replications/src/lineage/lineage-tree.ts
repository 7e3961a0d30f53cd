import { ReplicationStatus } from '../state/replication-state';

/** Lineages deeper than this are not answered in one piece (the `maxDepth` argument's ceiling). */
export const MAX_LINEAGE_DEPTH = 20;
export const DEFAULT_LINEAGE_DEPTH = 10;

/** Requests that ended without adoption; left out of a lineage unless asked for. */
export const CLOSED_STATES: readonly ReplicationStatus[] = [
  ReplicationStatus.REJECTED,
  ReplicationStatus.WITHDRAWN,
];

/** The key of the origin node (the innovation itself). */
export const ORIGIN_KEY = 'origin';

export const replicationKey = (id: number): string => `replication:${id}`;

/** What the tree builder needs to know about a replication. */
export interface LineageReplicationInput {
  id: number;
  sourceReplicationId: number | null;
  status: ReplicationStatus;
  requestedAt: Date;
}

export interface LineageTreeNode<R extends LineageReplicationInput> {
  key: string;
  /** Null for the origin. */
  replication: R | null;
  /** Null for the origin; `origin` for replications copied from the original. */
  parentKey: string | null;
  /** The source replication; null when copied from the origin (and for the origin). */
  parentReplicationId: number | null;
  /** The origin is 0; a replication copied from it is 1; a copy of that copy is 2... */
  depth: number;
}

export interface LineageTreeEdge {
  from: string;
  to: string;
  fromReplicationId: number | null;
  toReplicationId: number;
}

export interface LineageTree<R extends LineageReplicationInput> {
  /** Pre-order: every parent before its children, siblings by request date; the origin first. */
  nodes: Array<LineageTreeNode<R>>;
  edges: LineageTreeEdge[];
  /** The deepest node's depth (0 when nobody replicated it). */
  depth: number;
  /** Per status, in the order of the enum, only those present. */
  statusCounts: Array<{ status: ReplicationStatus; count: number }>;
}

/** Why this `maxDepth` is not allowed, or null. */
export function maxDepthProblem(maxDepth: number): string | null {
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_LINEAGE_DEPTH)
    return `must be a whole number from 1 to ${MAX_LINEAGE_DEPTH}`;
  return null;
}

/** The error message when a lineage is deeper than the caller allowed, or null when it fits. */
export function depthCapProblem(depth: number, maxDepth: number): string | null {
  if (depth <= maxDepth) return null;
  if (depth > MAX_LINEAGE_DEPTH) {
    return `lineage is ${depth} levels deep, more than the largest maxDepth (${MAX_LINEAGE_DEPTH}) allows`;
  }
  return `lineage is ${depth} levels deep; ask with maxDepth ≥ ${depth} (max ${MAX_LINEAGE_DEPTH})`;
}

/**
 * Builds the tree of who copied whom, rooted at the origin. Every replication of the innovation is a
 * child of its source replication, or of the origin when it copied the original (or when its source
 * is unknown, which the service never allows). Closed replications (rejected, withdrawn) are left out
 * unless `includeClosed`, except when a kept replication descends from one: then it stays, so no
 * node loses its parent. A cycle, which the service cannot produce, is broken at the origin.
 */
export function buildLineageTree<R extends LineageReplicationInput>(
  replications: readonly R[],
  options: { includeClosed: boolean },
): LineageTree<R> {
  const byId = new Map(replications.map((r) => [r.id, r]));

  // the parent of each replication (null = the origin), with cycles broken
  const parentOf = new Map<number, number | null>();
  for (const r of replications) {
    const source = r.sourceReplicationId;
    parentOf.set(r.id, source !== null && source !== r.id && byId.has(source) ? source : null);
  }
  const settled = new Set<number>();
  for (const r of replications) {
    const path = new Set<number>();
    let current: number | null = r.id;
    while (current !== null && !settled.has(current)) {
      if (path.has(current)) {
        parentOf.set(current, null); // a loop: hang it from the origin
        break;
      }
      path.add(current);
      current = parentOf.get(current) ?? null;
    }
    for (const id of path) settled.add(id);
  }

  // which replications to show: the open ones, and the closed ancestors of open ones
  const kept = new Set<number>();
  for (const r of replications) {
    if (!options.includeClosed && CLOSED_STATES.includes(r.status)) continue;
    let current: number | null = r.id;
    while (current !== null && !kept.has(current)) {
      kept.add(current);
      current = parentOf.get(current) ?? null;
    }
  }

  const children = new Map<number | null, R[]>();
  for (const r of replications) {
    if (!kept.has(r.id)) continue;
    const parent = parentOf.get(r.id) ?? null;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  for (const list of children.values()) {
    list.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a.id - b.id);
  }

  const nodes: Array<LineageTreeNode<R>> = [
    { key: ORIGIN_KEY, replication: null, parentKey: null, parentReplicationId: null, depth: 0 },
  ];
  const edges: LineageTreeEdge[] = [];
  let depth = 0;
  // iterative pre-order walk (a deep lineage must not overflow the stack)
  const stack: Array<{ replication: R; depth: number }> = [...(children.get(null) ?? [])]
    .reverse()
    .map((replication) => ({ replication, depth: 1 }));
  while (stack.length > 0) {
    const { replication, depth: d } = stack.pop()!;
    const parent = parentOf.get(replication.id) ?? null;
    const key = replicationKey(replication.id);
    const parentKey = parent === null ? ORIGIN_KEY : replicationKey(parent);
    nodes.push({ key, replication, parentKey, parentReplicationId: parent, depth: d });
    edges.push({ from: parentKey, to: key, fromReplicationId: parent, toReplicationId: replication.id });
    depth = Math.max(depth, d);
    const below = children.get(replication.id) ?? [];
    for (let i = below.length - 1; i >= 0; i--) stack.push({ replication: below[i]!, depth: d + 1 });
  }

  const counts = new Map<ReplicationStatus, number>();
  for (const node of nodes) {
    if (node.replication) counts.set(node.replication.status, (counts.get(node.replication.status) ?? 0) + 1);
  }
  const statusCounts = (Object.values(ReplicationStatus) as ReplicationStatus[])
    .filter((status) => counts.has(status))
    .map((status) => ({ status, count: counts.get(status)! }));

  return { nodes, edges, depth, statusCounts };
}
