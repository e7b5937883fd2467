import { validateTalkFlow } from './talk-flow-validator.js';
import { nodeIndex, type PathStep, type RunCursor, type RunErrorCode, type RunResult, type TalkFlowGraph, type TalkFlowNode } from './talk-flow.types.js';

/**
 * Following a flow step by step. Pure: cursors in, cursors out; the server stamps times and stores
 * the path. The last step of the path is the node on screen; every earlier step records the choice
 * taken there (questions) or none (info nodes read and passed).
 */

const fail = (error: RunErrorCode, message: string): RunResult => ({ ok: false, error, message });

function cursorAt(path: PathStep[], node: TalkFlowNode): RunResult {
  return { ok: true, cursor: { path, nodeId: node.id, done: node.type === 'end' } };
}

/** The first node of a flow that validates (only such flows are run). */
export function startRun(graph: TalkFlowGraph): RunResult {
  const problems = validateTalkFlow(graph);
  if (problems.length) return fail('invalid_graph', `The flow has ${problems.length} problem(s): ${problems[0]!.message.en}`);
  return cursorAt([{ nodeId: graph.start }], nodeIndex(graph).get(graph.start)!);
}

/** The cursor of a stored path (a run resumed from the database). */
export function cursorFromPath(graph: TalkFlowGraph, path: readonly PathStep[]): RunResult {
  const last = path[path.length - 1];
  const node = last && nodeIndex(graph).get(last.nodeId);
  if (!node) return fail('unknown_node', 'The run’s path does not lead to a node of this flow');
  return cursorAt(path.map((s) => ({ ...s })), node);
}

function current(graph: TalkFlowGraph, cursor: RunCursor): { node: TalkFlowNode; byId: Map<string, TalkFlowNode> } | RunResult {
  const byId = nodeIndex(graph);
  const node = byId.get(cursor.nodeId);
  if (!node) return fail('unknown_node', `Node "${cursor.nodeId}" is not in this flow`);
  if (node.type === 'end') return fail('finished', 'The run has reached an end node');
  return { node, byId };
}

function moveTo(cursor: RunCursor, taken: PathStep, target: TalkFlowNode | undefined, nextId: string): RunResult {
  if (!target) return fail('unknown_node', `Node "${nextId}" is not in this flow`);
  return cursorAt([...cursor.path.slice(0, -1), taken, { nodeId: target.id }], target);
}

/** Answer the question on screen. */
export function choose(graph: TalkFlowGraph, cursor: RunCursor, choiceId: string): RunResult {
  const at = current(graph, cursor);
  if ('ok' in at) return at;
  if (at.node.type !== 'question') return fail('not_a_question', `Node "${at.node.id}" is not a question: continue without a choice`);
  const choice = at.node.choices.find((c) => c.id === choiceId);
  if (!choice) return fail('unknown_choice', `Question "${at.node.id}" has no choice "${choiceId}"`);
  return moveTo(cursor, { nodeId: at.node.id, choiceId: choice.id }, at.byId.get(choice.next), choice.next);
}

/** Go on from the information on screen. */
export function next(graph: TalkFlowGraph, cursor: RunCursor): RunResult {
  const at = current(graph, cursor);
  if ('ok' in at) return at;
  if (at.node.type !== 'info') return fail('not_an_info', `Node "${at.node.id}" is a question: choose an answer`);
  return moveTo(cursor, { nodeId: at.node.id }, at.byId.get(at.node.next), at.node.next);
}

/** Undo the last step: the previous node is on screen again, its answer cleared. */
export function back(graph: TalkFlowGraph, cursor: RunCursor): RunResult {
  if (cursor.path.length <= 1) return fail('at_start', 'The run is at its first node');
  const path = cursor.path.slice(0, -1);
  const last = path[path.length - 1]!;
  path[path.length - 1] = { nodeId: last.nodeId };
  const node = nodeIndex(graph).get(last.nodeId);
  if (!node) return fail('unknown_node', `Node "${last.nodeId}" is not in this flow`);
  return cursorAt(path, node);
}
