import { nodeIndex, type PathStep, type TalkFlowGraph, type TalkFlowOutcome } from './talk-flow.types.js';

const SEGMENT = 40;
const MAX = 1000;

const clip = (s: string, n: number) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** How an outcome reads in a note (Japanese first: notes are for the center's staff). */
export function outcomeLabelJa(outcome: TalkFlowOutcome): string {
  switch (outcome.kind) {
    case 'disposition': return `対応結果 ${outcome.code}`;
    case 'create_case': return '案件作成';
    case 'schedule_callback': return 'コールバック予約';
    case 'escalate': return 'エスカレーション';
  }
}

/**
 * One line for the interaction's notes: the questions asked and the answers chosen, then the end.
 * 「トーク「返品受付」: 商品の状態は？ → 破損していた → 終了: 案件作成」. Information steps are left
 * out (they were read, not decided); long texts are clipped so the line stays readable.
 */
export function summarizeTalkPath(flowName: string, graph: TalkFlowGraph, path: readonly PathStep[]): string {
  const byId = nodeIndex(graph);
  const parts: string[] = [];
  for (const step of path) {
    const node = byId.get(step.nodeId);
    if (node?.type === 'question') {
      parts.push(clip(node.text, SEGMENT));
      const choice = node.choices.find((c) => c.id === step.choiceId);
      if (choice) parts.push(clip(choice.label, SEGMENT));
    } else if (node?.type === 'end') {
      parts.push(`終了: ${outcomeLabelJa(node.outcome)}`);
    }
  }
  return clip(`トーク「${clip(flowName, SEGMENT)}」: ${parts.join(' → ')}`, MAX);
}
