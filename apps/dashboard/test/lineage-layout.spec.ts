import { layoutLineage } from '../src/lineage-layout';

describe('lineage layout', () => {
  const nodes = (...ids: string[]) => ids.map((id) => ({ id }));

  it('puts each node one column right of what it copied, leaves on rows of their own, parents between their children', () => {
    //   o ─ a ─ c
    //   │    └─ d
    //   └─ b
    const positions = layoutLineage(nodes('o', 'a', 'b', 'c', 'd'), [
      { source: 'o', target: 'a' },
      { source: 'o', target: 'b' },
      { source: 'a', target: 'c' },
      { source: 'a', target: 'd' },
    ]);
    expect(Object.fromEntries(positions)).toEqual({
      c: { x: 2, y: 0 },
      d: { x: 2, y: 1 },
      a: { x: 1, y: 0.5 },
      b: { x: 1, y: 2 },
      o: { x: 0, y: 1.25 },
    });
  });

  it('places every node once, even from data that is not a tree', () => {
    const positions = layoutLineage(nodes('o', 'a', 'b', 'x', 'y'), [
      { source: 'o', target: 'a' },
      { source: 'b', target: 'a' }, // a second parent: ignored
      { source: 'x', target: 'y' },
      { source: 'y', target: 'x' }, // a cycle
      { source: 'o', target: 'ghost' }, // an unknown node
    ]);
    expect([...positions.keys()].sort()).toEqual(['a', 'b', 'o', 'x', 'y']);
    const rows = [...positions.values()].filter((p) => Number.isInteger(p.y)).map((p) => `${p.x}:${p.y}`);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('lays out a deep chain without recursion', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id }));
    const positions = layoutLineage(nodes(...ids), edges);
    expect(positions.get('n4999')).toEqual({ x: 4999, y: 0 });
    expect(positions.get('n0')).toEqual({ x: 0, y: 0 });
  });
});
