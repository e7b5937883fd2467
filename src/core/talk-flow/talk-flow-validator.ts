import { cyclesOf, nodesThatReach, reachableFrom, repeated } from '../flow-graph/flow-graph.js';
import { edgesOf, nodeIndex, type NodeId, type TalkFlowGraph, type TalkFlowNode, type TalkFlowProblem } from './talk-flow.types.js';

/**
 * Everything wrong with a talk flow, all at once, so the editor can mark every node in one pass.
 * A flow is a tree or a DAG: every path from the start must reach an end node, so any cycle is an
 * error (an agent must never go round in circles). An empty list means the flow can be published.
 * Size limits (nodes, choices, text length) are enforced by the HTTP schema, not here.
 */
export function validateTalkFlow(graph: TalkFlowGraph): TalkFlowProblem[] {
  const problems: TalkFlowProblem[] = [];
  const byId = nodeIndex(graph);

  problems.push(...duplicateIds(graph.nodes));
  if (!byId.has(graph.start)) {
    problems.push({
      code: 'missing_start', nodeId: null,
      message: { ja: `開始ノード「${graph.start}」がありません。`, en: `The start node "${graph.start}" does not exist.` },
    });
  }
  for (const node of graph.nodes) problems.push(...nodeProblems(node, byId));

  const ids = new Set(byId.keys());
  const next = (id: NodeId) => edgesOf(byId.get(id)!).map((e) => e.next);
  const reachable = reachableFrom(graph.start, ids, next);
  for (const id of byId.keys()) {
    if (!reachable.has(id)) {
      problems.push({ code: 'unreachable_node', nodeId: id, message: { ja: `ノード「${id}」は開始から到達できません。`, en: `Node "${id}" cannot be reached from the start.` } });
    }
  }
  for (const cycle of cyclesOf(ids, next)) {
    const loop = [...cycle, cycle[0]!].join(' → ');
    problems.push({
      code: 'cycle', nodeId: cycle[0]!, nodeIds: cycle,
      message: { ja: `ループしています: ${loop}。トークは必ず終了ノードで終わる必要があります。`, en: `Cycle: ${loop}. A talk flow must always come to an end node.` },
    });
  }
  const canEnd = nodesThatReach(ids, next, (id) => byId.get(id)!.type === 'end');
  for (const node of byId.values()) {
    // A question without choices is already reported as such; it is the cause, not a symptom.
    if (node.type === 'end' || canEnd.has(node.id) || (node.type === 'question' && node.choices.length === 0)) continue;
    problems.push({
      code: 'dead_end', nodeId: node.id,
      message: { ja: `ノード「${node.id}」からはどの終了ノードにも到達できません。`, en: `No end node can be reached from node "${node.id}".` },
    });
  }
  return problems;
}

function duplicateIds(nodes: readonly TalkFlowNode[]): TalkFlowProblem[] {
  return repeated(nodes.map((n) => n.id)).map((id) => ({
    code: 'duplicate_node_id', nodeId: id, message: { ja: `ノードID「${id}」が重複しています。`, en: `Node id "${id}" is used more than once.` },
  }));
}

/** Labels an agent would read as the same answer: width, case and surrounding spaces folded. */
const labelKey = (label: string) => label.normalize('NFKC').trim().toLowerCase();

function nodeProblems(node: TalkFlowNode, byId: ReadonlyMap<NodeId, TalkFlowNode>): TalkFlowProblem[] {
  const out: TalkFlowProblem[] = [];
  if (node.type === 'question') {
    if (node.choices.length === 0) {
      out.push({ code: 'no_choices', nodeId: node.id, message: { ja: `質問「${node.id}」に回答の選択肢がありません。`, en: `Question "${node.id}" has no choices.` } });
    }
    const ids = new Set<string>();
    const labels = new Set<string>();
    for (const c of node.choices) {
      if (ids.has(c.id)) {
        out.push({ code: 'duplicate_choice_id', nodeId: node.id, choiceId: c.id, message: { ja: `質問「${node.id}」の選択肢ID「${c.id}」が重複しています。`, en: `Choice id "${c.id}" is used twice in question "${node.id}".` } });
      }
      if (labels.has(labelKey(c.label))) {
        out.push({ code: 'duplicate_choice_label', nodeId: node.id, choiceId: c.id, message: { ja: `質問「${node.id}」に同じ回答「${c.label}」が複数あります。`, en: `Question "${node.id}" offers the answer "${c.label}" more than once.` } });
      }
      ids.add(c.id);
      labels.add(labelKey(c.label));
    }
  }
  for (const e of edgesOf(node)) {
    if (byId.has(e.next)) continue;
    out.push({
      code: 'dangling_next', nodeId: node.id, choiceId: e.choiceId,
      message: e.choiceId
        ? { ja: `質問「${node.id}」の選択肢「${e.choiceId}」の次のノード「${e.next}」がありません。`, en: `Choice "${e.choiceId}" of "${node.id}" leads to "${e.next}", which does not exist.` }
        : { ja: `ノード「${node.id}」の次のノード「${e.next}」がありません。`, en: `Node "${node.id}" leads to "${e.next}", which does not exist.` },
    });
  }
  return out;
}
