import { ReplicationStatus } from '../state/replication-state';
import {
  buildLineageTree,
  depthCapProblem,
  type LineageReplicationInput,
  maxDepthProblem,
  ORIGIN_KEY,
} from './lineage-tree';

const S = ReplicationStatus;
const day = (n: number): Date => new Date(Date.UTC(2025, 0, 1 + n));
const rep = (
  id: number,
  sourceReplicationId: number | null,
  status: ReplicationStatus = S.IMPLEMENTED,
  requestedDay = id,
): LineageReplicationInput => ({ id, sourceReplicationId, status, requestedAt: day(requestedDay) });
const shape = (tree: ReturnType<typeof buildLineageTree>) =>
  tree.nodes.map((n) => [n.replication?.id ?? null, n.parentReplicationId, n.depth]);

describe('lineage tree', () => {
  it('is just the origin when nobody replicated', () => {
    const tree = buildLineageTree([], { includeClosed: false });
    expect(tree).toEqual({
      nodes: [{ key: ORIGIN_KEY, replication: null, parentKey: null, parentReplicationId: null, depth: 0 }],
      edges: [],
      depth: 0,
      statusCounts: [],
    });
  });

  it('hangs each replication from its source, parents before children, siblings by request date', () => {
    // 1 and 2 copy the origin; 3 copies 1; 4 copies 3; 5 copies 1 but asked before 3
    const tree = buildLineageTree(
      [
        rep(1, null),
        rep(2, null),
        rep(3, 1, S.IMPLEMENTED, 10),
        rep(4, 3, S.OBSERVING, 12),
        rep(5, 1, S.REQUESTED, 5),
      ],
      { includeClosed: false },
    );
    expect(shape(tree)).toEqual([
      [null, null, 0],
      [1, null, 1],
      [5, 1, 2],
      [3, 1, 2],
      [4, 3, 3],
      [2, null, 1],
    ]);
    expect(tree.depth).toBe(3);
    expect(tree.nodes[4]).toMatchObject({ key: 'replication:4', parentKey: 'replication:3' });
    expect(tree.edges).toEqual([
      { from: 'origin', to: 'replication:1', fromReplicationId: null, toReplicationId: 1 },
      { from: 'replication:1', to: 'replication:5', fromReplicationId: 1, toReplicationId: 5 },
      { from: 'replication:1', to: 'replication:3', fromReplicationId: 1, toReplicationId: 3 },
      { from: 'replication:3', to: 'replication:4', fromReplicationId: 3, toReplicationId: 4 },
      { from: 'origin', to: 'replication:2', fromReplicationId: null, toReplicationId: 2 },
    ]);
    expect(tree.statusCounts).toEqual([
      { status: S.REQUESTED, count: 1 },
      { status: S.OBSERVING, count: 1 },
      { status: S.IMPLEMENTED, count: 3 },
    ]);
  });

  it('leaves closed requests out unless asked, but keeps a closed ancestor of an open one', () => {
    const rows = [rep(1, null), rep(2, null, S.REJECTED), rep(3, null, S.WITHDRAWN), rep(4, 3, S.OBSERVING)];
    const open = buildLineageTree(rows, { includeClosed: false });
    // 3 was withdrawn but 4 copied it (the service never allows that; direct data might)
    expect(shape(open)).toEqual([
      [null, null, 0],
      [1, null, 1],
      [3, null, 1],
      [4, 3, 2],
    ]);
    expect(open.statusCounts.map((c) => c.status)).toEqual([S.OBSERVING, S.IMPLEMENTED, S.WITHDRAWN]);
    const all = buildLineageTree(rows, { includeClosed: true });
    expect(all.nodes).toHaveLength(5);
    expect(all.statusCounts).toContainEqual({ status: S.REJECTED, count: 1 });
  });

  it('hangs replications with an unknown source, or in a loop, from the origin', () => {
    const tree = buildLineageTree([rep(1, 99), rep(2, 3), rep(3, 2), rep(4, 4)], { includeClosed: false });
    expect(tree.nodes).toHaveLength(5);
    expect(new Set(tree.nodes.map((n) => n.key)).size).toBe(5);
    const depths = new Map(tree.nodes.map((n) => [n.replication?.id ?? 0, n.depth]));
    expect(depths.get(1)).toBe(1);
    expect(depths.get(4)).toBe(1);
    expect([depths.get(2), depths.get(3)].sort()).toEqual([1, 2]);
  });

  it('walks a very deep lineage without recursion', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => rep(i + 1, i === 0 ? null : i));
    const tree = buildLineageTree(rows, { includeClosed: false });
    expect(tree.depth).toBe(5000);
    expect(tree.nodes.at(-1)!.depth).toBe(5000);
  });

  it('explains depths and caps', () => {
    for (const ok of [1, 10, 20]) expect(maxDepthProblem(ok)).toBeNull();
    for (const bad of [0, -1, 21, 2.5, Number.NaN]) expect(maxDepthProblem(bad)).toMatch(/1 to 20/);
    expect(depthCapProblem(3, 3)).toBeNull();
    expect(depthCapProblem(4, 3)).toBe('lineage is 4 levels deep; ask with maxDepth ≥ 4 (max 20)');
    expect(depthCapProblem(25, 20)).toBe(
      'lineage is 25 levels deep, more than the largest maxDepth (20) allows',
    );
  });
});
