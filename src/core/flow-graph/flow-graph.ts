/**
 * Reachability and cycles of a small directed graph given as node ids and a successor function:
 * what the flow validators (talk flows, IVR) ask of their graphs. Successors that are not nodes
 * are ignored here (each validator reports them as dangling links in its own words).
 */
export type Successors = (id: string) => readonly string[];

/** Nodes reachable from `start` (itself included; empty when it is not a node). */
export function reachableFrom(start: string, nodes: ReadonlySet<string>, next: Successors): Set<string> {
  const seen = new Set<string>();
  if (!nodes.has(start)) return seen;
  const todo = [start];
  seen.add(start);
  while (todo.length) {
    for (const n of next(todo.pop()!)) {
      if (nodes.has(n) && !seen.has(n)) {
        seen.add(n);
        todo.push(n);
      }
    }
  }
  return seen;
}

/** Nodes with at least one path to a target (the edges walked backwards from the targets). */
export function nodesThatReach(nodes: ReadonlySet<string>, next: Successors, isTarget: (id: string) => boolean): Set<string> {
  const into = new Map<string, string[]>();
  for (const id of nodes) {
    for (const n of next(id)) {
      const list = into.get(n);
      if (list) list.push(id);
      else into.set(n, [id]);
    }
  }
  const todo = [...nodes].filter(isTarget);
  const ok = new Set(todo);
  while (todo.length) {
    for (const from of into.get(todo.pop()!) ?? []) {
      if (!ok.has(from)) {
        ok.add(from);
        todo.push(from);
      }
    }
  }
  return ok;
}

/**
 * One cycle per back edge of a depth-first search over every node (so loops in unreachable parts
 * are found too); every graph with a cycle has a back edge. Each loop is reported once, rotated to
 * start at its entry node.
 */
export function cyclesOf(nodes: ReadonlySet<string>, next: Successors): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const keys = new Set<string>();
  for (const root of nodes) {
    if (state.has(root)) continue;
    // Iterative DFS: a 500-node chain must not depend on the call stack.
    const stack: { id: string; edges: string[]; i: number }[] = [];
    const push = (id: string) => {
      state.set(id, 'open');
      stack.push({ id, edges: next(id).filter((n) => nodes.has(n)), i: 0 });
    };
    push(root);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.i >= top.edges.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const n = top.edges[top.i++]!;
      const s = state.get(n);
      if (s === undefined) push(n);
      else if (s === 'open') {
        const from = stack.findIndex((f) => f.id === n);
        const cycle = stack.slice(from).map((f) => f.id);
        const key = [...cycle].sort().join('\u0000');
        if (!keys.has(key)) {
          keys.add(key);
          cycles.push(cycle);
        }
      }
    }
  }
  return cycles;
}

/** The values that occur more than once, each once, in order of their second occurrence. */
export function repeated<T>(values: Iterable<T>): T[] {
  const seen = new Set<T>();
  const out = new Set<T>();
  for (const v of values) {
    if (seen.has(v)) out.add(v);
    seen.add(v);
  }
  return [...out];
}
