/**
 * Helpers the visual flow editors (talk flows, IVR) share: where to draw each node, free ids for new
 * nodes, and which nodes a list of problems points at. Pure.
 */

export interface Position {
  x: number;
  y: number;
}

const COLUMN = 300;
const ROW = 150;

/**
 * Where to draw each node: its own position when it has one, else a layered layout (depth from the
 * start by breadth-first search, nodes of one depth stacked in order), so flows without saved
 * positions read left to right. Unreachable nodes go in a column of their own after the flow.
 */
export function layeredLayout<N extends { id: string }>(input: {
  start: string;
  nodes: readonly N[];
  next: (node: N) => readonly string[];
  positionOf?: (node: N) => Position | undefined;
}): Map<string, Position> {
  const byId = new Map<string, N>();
  for (const n of input.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const depth = new Map<string, number>();
  const queue = input.start && byId.has(input.start) ? [input.start] : [];
  if (queue[0] !== undefined) depth.set(queue[0], 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const node = byId.get(id);
    if (!node) continue;
    for (const next of input.next(node)) {
      if (!byId.has(next) || depth.has(next)) continue;
      depth.set(next, (depth.get(id) ?? 0) + 1);
      queue.push(next);
    }
  }
  const maxDepth = Math.max(-1, ...depth.values());
  const rows = new Map<number, number>();
  const out = new Map<string, Position>();
  for (const node of input.nodes) {
    const own = input.positionOf?.(node);
    if (own) {
      out.set(node.id, own);
      continue;
    }
    const d = depth.get(node.id) ?? maxDepth + 1;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    out.set(node.id, { x: d * COLUMN, y: row * ROW });
  }
  return out;
}

/** The first id of the form `${prefix}1`, `${prefix}2` … not taken. */
export function freeId(taken: Iterable<string>, prefix: string): string {
  const used = new Set(taken);
  for (let i = 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** The nodes a validator's problems name (the node itself, and every node of a loop). */
export function problemNodeIds(problems: readonly { nodeId: string | null; nodeIds?: readonly string[] | undefined }[]): Set<string> {
  return new Set(problems.flatMap((p) => [...(p.nodeId ? [p.nodeId] : []), ...(p.nodeIds ?? [])]));
}
