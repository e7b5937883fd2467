/** Builders and generators for talk-flow tests (unit, property and API tests share them). */
import fc from 'fast-check';
import type { Choice, EndNode, InfoNode, QuestionNode, TalkFlowGraph, TalkFlowNode, TalkFlowOutcome } from './talk-flow.types.js';

export const q = (id: string, text: string, choices: [id: string, label: string, next: string][]): QuestionNode => ({
  type: 'question', id, text, choices: choices.map(([cid, label, next]): Choice => ({ id: cid, label, next })),
});
export const info = (id: string, text: string, next: string, articleIds?: string[]): InfoNode => ({ type: 'info', id, text, next, ...(articleIds ? { articleIds } : {}) });
export const end = (id: string, text: string, outcome: TalkFlowOutcome): EndNode => ({ type: 'end', id, text, outcome });
export const flow = (start: string, ...nodes: TalkFlowNode[]): TalkFlowGraph => ({ start, nodes });

/**
 * 返品受付: the hand-built example used by the runner, statistics and API tests.
 *   q1 商品の状態は？ ─ c1 破損 → q2 ─ c1 交換 → e_case (create_case)
 *                    │              └ c2 返金 → e_esc  (escalate)
 *                    └ c2 イメージ違い → i1 (info) → e_done (disposition RETURN_OK)
 */
export const returnsFlow = (): TalkFlowGraph => flow('q1',
  q('q1', '商品の状態はいかがですか？', [['c1', '破損していた', 'q2'], ['c2', 'イメージと違った', 'i1']]),
  q('q2', '交換と返金のどちらをご希望ですか？', [['c1', '交換', 'e_case'], ['c2', '返金', 'e_esc']]),
  info('i1', '未使用で到着後8日以内なら返品できます。返送先をご案内してください。', 'e_done'),
  end('e_case', '交換の案件を作成します。', { kind: 'create_case', category: '返品・交換', priority: 'high' }),
  end('e_esc', '返金はSVへエスカレーションします。', { kind: 'escalate' }),
  end('e_done', '返品方法をご案内しました。', { kind: 'disposition', code: 'RETURN_OK' }),
);

const OUTCOMES: TalkFlowOutcome[] = [{ kind: 'disposition', code: 'OK' }, { kind: 'create_case' }, { kind: 'schedule_callback' }, { kind: 'escalate' }];

/**
 * A valid flow: nodes only lead to later nodes (so no cycle), the last node is an end, and only
 * the part reachable from the first node is kept (so nothing is unreachable or dangling).
 */
export const arbValidFlow: fc.Arbitrary<TalkFlowGraph> = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.array(
    fc.record({ kind: fc.constantFrom('question', 'question', 'info', 'end'), targets: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), outcome: fc.nat({ max: 3 }) }),
    { minLength: n, maxLength: n },
  ).map((specs) => {
    const nodes = specs.map((s, i): TalkFlowNode => {
      const id = `n${i}`;
      const later = (t: number) => `n${i + 1 + (t % (n - 1 - i))}`;
      if (i === n - 1 || s.kind === 'end') return end(id, `終了 ${i}`, OUTCOMES[s.outcome]!);
      if (s.kind === 'info') return info(id, `案内 ${i}`, later(s.targets[0]!));
      return q(id, `質問 ${i}`, s.targets.map((t, k) => [`c${k}`, `回答 ${k}`, later(t)]));
    });
    return keepReachable(flow('n0', ...nodes));
  }));

/**
 * Any flow, mostly broken: edges to any node (cycles), to missing nodes, questions without
 * choices, repeated labels. For properties that must hold whatever the editor sends.
 */
export const arbAnyFlow: fc.Arbitrary<TalkFlowGraph> = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom('question', 'info', 'end'),
      targets: fc.array(fc.integer({ min: 0, max: n }), { minLength: 0, maxLength: 3 }),
      dupLabel: fc.boolean(),
    }),
    { minLength: n, maxLength: n },
  ).map((specs) => flow('n0', ...specs.map((s, i): TalkFlowNode => {
    const id = `n${i}`;
    // Target n is past the last node: a dangling edge.
    if (s.kind === 'end') return end(id, `終了 ${i}`, { kind: 'escalate' });
    if (s.kind === 'info') return info(id, `案内 ${i}`, `n${s.targets[0] ?? i}`);
    return q(id, `質問 ${i}`, s.targets.map((t, k) => [`c${k}`, s.dupLabel ? 'はい' : `回答 ${k}`, `n${t}`]));
  }))));

function keepReachable(graph: TalkFlowGraph): TalkFlowGraph {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const seen = new Set([graph.start]);
  const todo = [graph.start];
  while (todo.length) {
    const node = byId.get(todo.pop()!)!;
    const nexts = node.type === 'question' ? node.choices.map((c) => c.next) : node.type === 'info' ? [node.next] : [];
    for (const next of nexts) if (!seen.has(next)) { seen.add(next); todo.push(next); }
  }
  return { start: graph.start, nodes: graph.nodes.filter((n) => seen.has(n.id)) };
}
