import { cyclesOf, nodesThatReach, reachableFrom, repeated } from '../flow-graph/flow-graph.js';
import {
  DTMF_KEYS,
  INPUT_TYPES,
  IVR_LIMITS,
  TERMINAL_TYPES,
  ivrLinksOf,
  ivrNodeIndex,
  type IvrFlow,
  type IvrNode,
  type IvrNodeId,
  type IvrProblem,
} from './ivr.types.js';

/**
 * Everything wrong with an IVR flow, all at once, each with the node and the reason: the start
 * exists, every link leads to a node, every node is reachable, every path can end (enqueue,
 * voicemail, callback, transfer, hang-up), and every loop waits for the caller's keys (a loop of
 * announcements alone would never end). With the per-call cap on prompts, a flow without problems
 * ends for every sequence of keys (ivr.property.test.ts). Queue ids are the server's to check.
 */
export function validateIvrFlow(flow: IvrFlow): IvrProblem[] {
  const problems: IvrProblem[] = [];
  const byId = ivrNodeIndex(flow);
  for (const id of repeated(flow.nodes.map((n) => n.id))) {
    problems.push({ code: 'duplicate_node_id', nodeId: id, message: { ja: `ノードID「${id}」が重複しています。`, en: `Node id "${id}" is used more than once.` } });
  }
  if (!byId.has(flow.start)) {
    problems.push({ code: 'missing_start', nodeId: null, message: { ja: `開始ノード「${flow.start}」がありません。`, en: `The start node "${flow.start}" does not exist.` } });
  }
  for (const node of byId.values()) problems.push(...nodeProblems(node, byId));

  const ids = new Set(byId.keys());
  const next = (id: IvrNodeId) => ivrLinksOf(byId.get(id)!).map((l) => l.next);
  const reachable = reachableFrom(flow.start, ids, next);
  for (const id of ids) {
    if (!reachable.has(id)) problems.push({ code: 'unreachable_node', nodeId: id, message: { ja: `ノード「${id}」は開始から到達できません。`, en: `Node "${id}" cannot be reached from the start.` } });
  }
  const canEnd = nodesThatReach(ids, next, (id) => TERMINAL_TYPES.includes(byId.get(id)!.type));
  for (const id of ids) {
    if (canEnd.has(id)) continue;
    problems.push({ code: 'dead_end', nodeId: id, message: { ja: `ノード「${id}」からは通話を終える処理（キュー・留守録・折り返し・転送・切断）に到達できません。`, en: `From node "${id}" the call can never end (queue, voicemail, callback, transfer or hang-up).` } });
  }
  for (const cycle of cyclesOf(ids, next)) {
    if (cycle.some((id) => INPUT_TYPES.includes(byId.get(id)!.type))) continue;
    const loop = [...cycle, cycle[0]!].join(' → ');
    problems.push({
      code: 'loop_without_input', nodeId: cycle[0]!, nodeIds: cycle,
      message: { ja: `入力待ちのないループです: ${loop}。ループにはメニューか番号入力を含めてください。`, en: `Loop without input: ${loop}. A loop must pass a menu or a digit entry.` },
    });
  }
  return problems;
}

function nodeProblems(node: IvrNode, byId: ReadonlyMap<IvrNodeId, IvrNode>): IvrProblem[] {
  const out: IvrProblem[] = [];
  const limit = (what: string, value: number, min: number, max: number) => {
    if (Number.isInteger(value) && value >= min && value <= max) return;
    out.push({ code: 'bad_limit', nodeId: node.id, message: { ja: `ノード「${node.id}」の${what}は${min}〜${max}の整数にしてください（${value}）。`, en: `The ${what} of node "${node.id}" must be an integer from ${min} to ${max} (${value}).` } });
  };
  if (node.type === 'menu') {
    if (node.options.length === 0) out.push({ code: 'no_options', nodeId: node.id, message: { ja: `メニュー「${node.id}」に選択肢がありません。`, en: `Menu "${node.id}" has no options.` } });
    for (const o of node.options) {
      if (!DTMF_KEYS.includes(o.key)) out.push({ code: 'bad_digits', nodeId: node.id, message: { ja: `メニュー「${node.id}」のキー「${o.key}」は電話のボタンではありません。`, en: `Key "${o.key}" of menu "${node.id}" is not a phone key.` } });
    }
    for (const key of repeated(node.options.map((o) => o.key))) {
      out.push({ code: 'duplicate_key', nodeId: node.id, message: { ja: `メニュー「${node.id}」でキー「${key}」が複数の選択肢に使われています。`, en: `Menu "${node.id}" uses key "${key}" for more than one option.` } });
    }
  }
  if (node.type === 'menu' || node.type === 'gather') {
    limit('リトライ回数 / retries', node.retries, 0, IVR_LIMITS.retries);
    limit('タイムアウト秒数 / timeout', node.timeoutSec, 1, IVR_LIMITS.timeoutSec);
  }
  if (node.type === 'gather') {
    limit('最小桁数 / minimum digits', node.minDigits, 1, IVR_LIMITS.maxDigits);
    limit('最大桁数 / maximum digits', node.maxDigits, 1, IVR_LIMITS.maxDigits);
    if (node.minDigits > node.maxDigits) {
      out.push({ code: 'bad_digits', nodeId: node.id, message: { ja: `番号入力「${node.id}」の最小桁数が最大桁数を超えています。`, en: `Digit entry "${node.id}" asks for more digits at least than at most.` } });
    }
  }
  if (node.type === 'voicemail') limit('録音秒数 / recording length', node.maxSec, 5, 600);
  for (const link of ivrLinksOf(node)) {
    if (byId.has(link.next)) continue;
    out.push({ code: 'dangling_next', nodeId: node.id, message: { ja: `ノード「${node.id}」（${link.via}）の次のノード「${link.next}」がありません。`, en: `Node "${node.id}" (${link.via}) leads to "${link.next}", which does not exist.` } });
  }
  return out;
}
