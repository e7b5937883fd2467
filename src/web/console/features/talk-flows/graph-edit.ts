import { edgesOf, nodeIndex, type Position, type TalkFlowGraph, type TalkFlowNode } from '../../../../core/talk-flow/talk-flow.types.js';

/**
 * Edits of a talk flow graph made by the editor. Pure: each returns a new graph and leaves problems
 * (a dangling `next`, an unreachable node) for the validator to report, so nothing is lost by a
 * half-finished edit.
 */

const PREFIX: Record<TalkFlowNode['type'], string> = { question: 'q', info: 'i', end: 'e' };

/** The first free id of the form q1, i2, e3 … */
export function freeNodeId(graph: TalkFlowGraph, type: TalkFlowNode['type']): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${PREFIX[type]}${i}`)) return `${PREFIX[type]}${i}`;
}

/** A new node of the type, pointing nowhere yet (the validator says so until it is wired). */
export function addNode(graph: TalkFlowGraph, type: TalkFlowNode['type'], position: Position, text: string): { graph: TalkFlowGraph; id: string } {
  const id = freeNodeId(graph, type);
  const node: TalkFlowNode =
    type === 'question'
      ? { type, id, text, choices: [], position }
      : type === 'info'
        ? { type, id, text, next: '', position }
        : { type, id, text, outcome: { kind: 'disposition', code: 'resolved' }, position };
  return { graph: { start: graph.start || id, nodes: [...graph.nodes, node] }, id };
}

export function replaceNode(graph: TalkFlowGraph, node: TalkFlowNode): TalkFlowGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === node.id ? node : n)) };
}

/** Removes the node; links that led to it are cut (a choice to it keeps its label with no target). */
export function removeNode(graph: TalkFlowGraph, id: string): TalkFlowGraph {
  const nodes = graph.nodes
    .filter((n) => n.id !== id)
    .map((n): TalkFlowNode => {
      if (n.type === 'question') return { ...n, choices: n.choices.map((c) => (c.next === id ? { ...c, next: '' } : c)) };
      if (n.type === 'info' && n.next === id) return { ...n, next: '' };
      return n;
    });
  return { start: graph.start === id ? (nodes[0]?.id ?? '') : graph.start, nodes };
}

export function moveNode(graph: TalkFlowGraph, id: string, position: Position): TalkFlowGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, position } : n)) };
}

/** The first free choice id of a question (c1, c2 …). */
export function freeChoiceId(node: Extract<TalkFlowNode, { type: 'question' }>): string {
  const taken = new Set(node.choices.map((c) => c.id));
  for (let i = 1; ; i++) if (!taken.has(`c${i}`)) return `c${i}`;
}

const COLUMN = 300;
const ROW = 150;

/**
 * Where to draw each node: its saved position, else a layered layout (depth from the start by
 * breadth-first search, nodes of one depth stacked in order), so imported or hand-written flows read
 * left to right.
 */
export function layoutOf(graph: TalkFlowGraph): Map<string, Position> {
  const byId = nodeIndex(graph);
  const depth = new Map<string, number>();
  const queue = graph.start && byId.has(graph.start) ? [graph.start] : [];
  if (queue[0] !== undefined) depth.set(queue[0], 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const node = byId.get(id);
    if (!node) continue;
    for (const { next } of edgesOf(node)) {
      if (!byId.has(next) || depth.has(next)) continue;
      depth.set(next, (depth.get(id) ?? 0) + 1);
      queue.push(next);
    }
  }
  const maxDepth = Math.max(-1, ...depth.values());
  const rows = new Map<number, number>();
  const out = new Map<string, Position>();
  for (const node of graph.nodes) {
    if (node.position) {
      out.set(node.id, node.position);
      continue;
    }
    // Unreachable nodes go in a column of their own after the flow.
    const d = depth.get(node.id) ?? maxDepth + 1;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    out.set(node.id, { x: d * COLUMN, y: row * ROW });
  }
  return out;
}
