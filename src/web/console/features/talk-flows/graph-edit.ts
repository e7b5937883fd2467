import { edgesOf, type Position, type TalkFlowGraph, type TalkFlowNode } from '../../../../core/talk-flow/talk-flow.types.js';
import { freeId, layeredLayout } from '../../common/graph-layout.js';

/**
 * Edits of a talk flow graph made by the editor. Pure: each returns a new graph and leaves problems
 * (a dangling `next`, an unreachable node) for the validator to report, so nothing is lost by a
 * half-finished edit.
 */

const PREFIX: Record<TalkFlowNode['type'], string> = { question: 'q', info: 'i', end: 'e' };

/** The first free id of the form q1, i2, e3 … */
export function freeNodeId(graph: TalkFlowGraph, type: TalkFlowNode['type']): string {
  return freeId(graph.nodes.map((n) => n.id), PREFIX[type]);
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
  return freeId(node.choices.map((c) => c.id), 'c');
}

/** Where to draw each node: its saved position, else the shared layered layout (left to right from the start). */
export function layoutOf(graph: TalkFlowGraph): Map<string, Position> {
  return layeredLayout({ start: graph.start, nodes: graph.nodes, next: (n) => edgesOf(n).map((e) => e.next), positionOf: (n) => n.position });
}
