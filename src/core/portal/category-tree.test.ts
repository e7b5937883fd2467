import { describe, expect, it } from 'vitest';
import { countSubtrees, subtreeIds } from './category-tree.js';

describe('category tree', () => {
  const cats = [
    { id: 'a', parentId: null, name: '配送', position: 0 },
    { id: 'b', parentId: 'a', name: '送料', position: 0 },
    { id: 'c', parentId: 'b', name: '離島', position: 0 },
    { id: 'd', parentId: null, name: '返品', position: 1 },
  ];
  it('sums article counts over each subtree', () => {
    const counted = countSubtrees(cats, new Map([['a', 1], ['c', 2], ['d', 0]]));
    expect(Object.fromEntries(counted.map((c) => [c.id, c.count]))).toEqual({ a: 3, b: 2, c: 2, d: 0 });
  });
  it('expands a subtree; unknown ids give nothing', () => {
    expect(subtreeIds(cats, 'a')).toEqual(['a', 'b', 'c']);
    expect(subtreeIds(cats, 'zz')).toEqual([]);
  });
});
