import { describe, expect, it } from 'vitest';
import { validateTalkFlow } from '../../../../core/talk-flow/talk-flow-validator.js';
import type { TalkFlowGraph } from '../../../../core/talk-flow/talk-flow.types.js';
import { addNode, freeNodeId, layoutOf, moveNode, removeNode } from './graph-edit.js';

const sut: TalkFlowGraph = {
  start: 'q1',
  nodes: [
    { type: 'question', id: 'q1', text: 'ご用件は？', choices: [{ id: 'c1', label: '返品', next: 'i1' }, { id: 'c2', label: 'その他', next: 'e2' }] },
    { type: 'info', id: 'i1', text: '返品条件を案内', next: 'e1' },
    { type: 'end', id: 'e1', text: '完了', outcome: { kind: 'disposition', code: 'resolved' } },
    { type: 'end', id: 'e2', text: 'エスカレーション', outcome: { kind: 'escalate' } },
  ],
};

describe('talk flow graph edits', () => {
  it('the sample is valid', () => {
    expect(validateTalkFlow(sut)).toEqual([]);
  });

  it('adds a node with a free id that the validator then reports as unwired', () => {
    expect(freeNodeId(sut, 'end')).toBe('e3');
    const { graph, id } = addNode(sut, 'question', { x: 1, y: 2 }, '新しい質問');
    expect(id).toBe('q2');
    const codes = validateTalkFlow(graph).map((p) => p.code);
    expect(codes).toContain('unreachable_node');
    expect(codes).toContain('no_choices');
  });

  it('an empty graph gets its first node as start', () => {
    expect(addNode({ start: '', nodes: [] }, 'question', { x: 0, y: 0 }, 'Q').graph.start).toBe('q1');
  });

  it('removing a node cuts the links to it and keeps everything else', () => {
    const graph = removeNode(sut, 'i1');
    expect(graph.nodes.map((n) => n.id)).toEqual(['q1', 'e1', 'e2']);
    const q1 = graph.nodes[0];
    expect(q1?.type === 'question' && q1.choices.map((c) => [c.label, c.next])).toEqual([['返品', ''], ['その他', 'e2']]);
    expect(validateTalkFlow(graph).map((p) => p.code)).toContain('dangling_next');
    expect(removeNode(sut, 'q1').start).toBe('i1');
  });

  it('lays out by depth from the start, keeps saved positions, and puts unreachable nodes last', () => {
    const moved = moveNode(sut, 'e2', { x: 999, y: 5 });
    const withOrphan = addNode(moved, 'end', { x: 0, y: 0 }, 'x').graph;
    const orphan = { ...withOrphan, nodes: withOrphan.nodes.map((n) => (n.id === 'e3' ? { ...n, position: undefined } : n)) };
    const layout = layoutOf(orphan);
    expect(layout.get('q1')).toEqual({ x: 0, y: 0 });
    expect(layout.get('i1')).toEqual({ x: 300, y: 0 });
    expect(layout.get('e1')).toEqual({ x: 600, y: 0 });
    expect(layout.get('e2')).toEqual({ x: 999, y: 5 });
    expect(layout.get('e3')).toEqual({ x: 900, y: 0 });
  });
});
