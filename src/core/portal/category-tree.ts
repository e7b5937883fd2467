export interface CategoryNode {
  id: string;
  parentId: string | null;
  name: string;
  position: number;
}

export interface CategoryWithCount extends CategoryNode {
  /** Public articles in this category and everything below it. */
  count: number;
}

/**
 * Adds to each category the number of articles in its subtree (direct counts per category in,
 * totals out). Cycles cannot occur in stored data (a parent must exist first), but a visited set
 * keeps a bad row from looping.
 */
export function countSubtrees(categories: readonly CategoryNode[], direct: ReadonlyMap<string, number>): CategoryWithCount[] {
  const children = new Map<string | null, CategoryNode[]>();
  for (const c of categories) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  const totals = new Map<string, number>();
  const visiting = new Set<string>();
  const total = (c: CategoryNode): number => {
    const known = totals.get(c.id);
    if (known !== undefined) return known;
    if (visiting.has(c.id)) return 0;
    visiting.add(c.id);
    const sum = (direct.get(c.id) ?? 0) + (children.get(c.id) ?? []).reduce((s, k) => s + total(k), 0);
    totals.set(c.id, sum);
    return sum;
  };
  return categories.map((c) => ({ ...c, count: total(c) }));
}

/** A category and everything below it (an unknown id: nothing). */
export function subtreeIds(categories: readonly { id: string; parentId: string | null }[], rootId: string): string[] {
  if (!categories.some((c) => c.id === rootId)) return [];
  const out = [rootId];
  for (let i = 0; i < out.length; i++) for (const c of categories) if (c.parentId === out[i] && !out.includes(c.id)) out.push(c.id);
  return out;
}
