import { describe, expect, it } from 'vitest';
import { freeId, layeredLayout, problemNodeIds } from './graph-layout.js';

interface N { id: string; next: string[]; at?: { x: number; y: number } }
const graph = (nodes: N[], start = 'a') => layeredLayout({ start, nodes, next: (n) => n.next, positionOf: (n) => n.at });

describe('shared flow-editor helpers', () => {
  it('lays a flow out in columns by depth from the start, stacking nodes of one depth in order', () => {
    const sut = graph([
      { id: 'a', next: ['b', 'c'] },
      { id: 'b', next: ['d'] },
      { id: 'c', next: ['d', 'a'] },
      { id: 'd', next: [] },
    ]);
    expect(Object.fromEntries(sut)).toEqual({ a: { x: 0, y: 0 }, b: { x: 300, y: 0 }, c: { x: 300, y: 150 }, d: { x: 600, y: 0 } });
  });

  it('keeps a node’s own position, ignores links to nowhere, and puts unreachable nodes in a last column', () => {
    const sut = graph([
      { id: 'a', next: ['ghost', 'b'] },
      { id: 'b', next: [''] },
      { id: 'x', next: ['a'] },
      { id: 'y', next: [], at: { x: 7, y: 9 } },
      { id: 'z', next: [] },
    ]);
    expect(sut.get('b')).toEqual({ x: 300, y: 0 });
    expect(sut.get('x')).toEqual({ x: 600, y: 0 });
    expect(sut.get('y')).toEqual({ x: 7, y: 9 });
    expect(sut.get('z')).toEqual({ x: 600, y: 150 });
  });

  it('without a start every node is "unreachable", in one column', () => {
    const sut = graph([{ id: 'a', next: [] }, { id: 'b', next: [] }], '');
    expect([...sut.values()]).toEqual([{ x: 0, y: 0 }, { x: 0, y: 150 }]);
  });

  it('finds the first free id with a prefix', () => {
    expect(freeId([], 'menu')).toBe('menu1');
    expect(freeId(['menu1', 'menu3', 'say2'], 'menu')).toBe('menu2');
  });

  it('collects the nodes problems name, loops included', () => {
    expect([...problemNodeIds([{ nodeId: 'a' }, { nodeId: null }, { nodeId: 'b', nodeIds: ['b', 'c'] }])].sort()).toEqual(['a', 'b', 'c']);
  });
});
