import { describe, expect, it } from 'vitest';
import { computeTalkFlowStats, type RunRecord } from './talk-flow-stats.js';
import { returnsFlow } from './talk-flow-test-kit.js';

// Eight runs of 返品受付, counted by hand:
//   破損→交換→e_case ×2, 破損→返金→e_esc ×3, イメージ違い→i1→e_done ×1,
//   破損 then abandoned at q2 ×1, open at i1 ×1.
const runs: RunRecord[] = [
  ...Array.from({ length: 2 }, (): RunRecord => ({ status: 'completed', endNodeId: 'e_case', outcome: 'create_case', path: [{ nodeId: 'q1', choiceId: 'c1' }, { nodeId: 'q2', choiceId: 'c1' }, { nodeId: 'e_case' }] })),
  ...Array.from({ length: 3 }, (): RunRecord => ({ status: 'completed', endNodeId: 'e_esc', outcome: 'escalate', path: [{ nodeId: 'q1', choiceId: 'c1' }, { nodeId: 'q2', choiceId: 'c2' }, { nodeId: 'e_esc' }] })),
  { status: 'completed', endNodeId: 'e_done', outcome: 'disposition', path: [{ nodeId: 'q1', choiceId: 'c2' }, { nodeId: 'i1' }, { nodeId: 'e_done' }] },
  { status: 'abandoned', path: [{ nodeId: 'q1', choiceId: 'c1' }, { nodeId: 'q2' }] },
  { status: 'in_progress', path: [{ nodeId: 'q1', choiceId: 'c2' }, { nodeId: 'i1' }] },
];

describe('computeTalkFlowStats', () => {
  const sut = computeTalkFlowStats(returnsFlow(), runs);

  it('counts runs by status', () => {
    expect(sut.runs).toEqual({ total: 8, completed: 6, abandoned: 1, inProgress: 1 });
  });

  it('counts visits, drop-offs and open runs per node', () => {
    expect(sut.nodes).toEqual([
      { nodeId: 'q1', type: 'question', visits: 8, dropOffs: 0, inProgress: 0 },
      { nodeId: 'q2', type: 'question', visits: 6, dropOffs: 1, inProgress: 0 },
      { nodeId: 'i1', type: 'info', visits: 2, dropOffs: 0, inProgress: 1 },
      { nodeId: 'e_case', type: 'end', visits: 2, dropOffs: 0, inProgress: 0 },
      { nodeId: 'e_esc', type: 'end', visits: 3, dropOffs: 0, inProgress: 0 },
      { nodeId: 'e_done', type: 'end', visits: 1, dropOffs: 0, inProgress: 0 },
    ]);
  });

  it('counts answers and, per answer, the share of ended runs that were escalated', () => {
    expect(sut.choices).toEqual([
      // 破損: 6 runs took it, 5 ended, 3 of them escalated.
      { nodeId: 'q1', choiceId: 'c1', label: '破損していた', runs: 6, completed: 5, escalated: 3, escalationShare: 0.6 },
      { nodeId: 'q1', choiceId: 'c2', label: 'イメージと違った', runs: 2, completed: 1, escalated: 0, escalationShare: 0 },
      { nodeId: 'q2', choiceId: 'c1', label: '交換', runs: 2, completed: 2, escalated: 0, escalationShare: 0 },
      { nodeId: 'q2', choiceId: 'c2', label: '返金', runs: 3, completed: 3, escalated: 3, escalationShare: 1 },
    ]);
  });

  it('counts outcomes per end node', () => {
    expect(sut.outcomes).toEqual([
      { nodeId: 'e_case', kind: 'create_case', count: 2 },
      { nodeId: 'e_esc', kind: 'escalate', count: 3 },
      { nodeId: 'e_done', kind: 'disposition', count: 1 },
    ]);
  });

  it('has no share for an answer no ended run took, and ignores steps of other versions', () => {
    const s = computeTalkFlowStats(returnsFlow(), [
      { status: 'abandoned', path: [{ nodeId: 'q1', choiceId: 'c2' }, { nodeId: 'old' }] },
      { status: 'completed', endNodeId: 'gone', outcome: 'escalate', path: [{ nodeId: 'q0', choiceId: 'c1' }, { nodeId: 'gone' }] },
    ]);
    expect(s.choices.find((c) => c.choiceId === 'c2' && c.nodeId === 'q1')).toMatchObject({ runs: 1, completed: 0, escalationShare: null });
    expect(s.nodes.reduce((n, x) => n + x.visits + x.dropOffs, 0)).toBe(1);
    expect(s.outcomes.every((o) => o.count === 0)).toBe(true);
    expect(s.runs.total).toBe(2);
  });
});
