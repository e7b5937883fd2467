import { describe, expect, it } from 'vitest';
import { validateTalkFlow } from './talk-flow-validator.js';
import { end, flow, info, q, returnsFlow } from './talk-flow-test-kit.js';

const codes = (g: Parameters<typeof validateTalkFlow>[0]) => validateTalkFlow(g).map((p) => `${p.code}:${p.nodeId ?? '-'}${p.choiceId ? `/${p.choiceId}` : ''}`);
const done = end('e', '終了', { kind: 'disposition', code: 'OK' });

describe('validateTalkFlow', () => {
  it('accepts a tree and a DAG (two answers meeting again)', () => {
    expect(validateTalkFlow(returnsFlow())).toEqual([]);
    expect(validateTalkFlow(flow('q', q('q', '？', [['a', 'はい', 'i'], ['b', 'いいえ', 'i']]), info('i', '案内', 'e'), done))).toEqual([]);
  });

  it('reports a missing start', () => {
    expect(codes(flow('nope', done))).toEqual(['missing_start:-', 'unreachable_node:e']);
    expect(codes(flow('x'))).toEqual(['missing_start:-']);
  });

  it('reports duplicate node ids once per id', () => {
    expect(codes(flow('q', q('q', '？', [['a', 'はい', 'e']]), done, { ...done, text: '別' }, { ...done }))).toEqual(['duplicate_node_id:e']);
  });

  it('reports a dangling next on a choice and on an information node', () => {
    expect(codes(flow('q', q('q', '？', [['a', 'はい', 'e'], ['b', 'いいえ', 'gone']]), done))).toEqual(['dangling_next:q/b']);
    expect(codes(flow('i', info('i', '案内', 'gone'), done))).toEqual(['dangling_next:i', 'unreachable_node:e', 'dead_end:i']);
  });

  it('reports unreachable nodes', () => {
    expect(codes(flow('q', q('q', '？', [['a', 'はい', 'e']]), done, info('orphan', '孤立', 'e')))).toEqual(['unreachable_node:orphan']);
  });

  it('reports a cycle with the node ids around it, in order', () => {
    const g = flow('q1',
      q('q1', '一', [['a', 'はい', 'q2'], ['b', 'いいえ', 'e']]),
      q('q2', '二', [['a', 'はい', 'i3'], ['b', 'いいえ', 'e']]),
      info('i3', '三', 'q1'),
      done);
    const problems = validateTalkFlow(g);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'cycle', nodeId: 'q1', nodeIds: ['q1', 'q2', 'i3'] });
    expect(problems[0]!.message.ja).toContain('q1 → q2 → i3 → q1');
    expect(problems[0]!.message.en).toContain('Cycle');
  });

  it('reports a self-loop and a loop with no way out (also a dead end)', () => {
    expect(codes(flow('q', q('q', '？', [['a', 'もう一度', 'q'], ['b', '終わり', 'e']]), done))).toEqual(['cycle:q']);
    expect(codes(flow('a', info('a', 'A', 'b'), info('b', 'B', 'a'), done))).toEqual(['unreachable_node:e', 'cycle:a', 'dead_end:a', 'dead_end:b']);
  });

  it('reports a question with no choices (not again as a dead end)', () => {
    expect(codes(flow('q', q('q', '？', [])))).toEqual(['no_choices:q']);
  });

  it('reports duplicate choice ids and labels that read the same (width, case, spaces folded)', () => {
    expect(codes(flow('q', q('q', '？', [['a', 'はい', 'e'], ['a', 'いいえ', 'e']]), done))).toEqual(['duplicate_choice_id:q/a']);
    expect(codes(flow('q', q('q', '？', [['a', 'ＯＫ', 'e'], ['b', ' ok ', 'e']]), done))).toEqual(['duplicate_choice_label:q/b']);
  });

  it('reports a branch that can never end', () => {
    expect(codes(flow('q', q('q', '？', [['a', 'はい', 'e'], ['b', 'いいえ', 'i']]), info('i', '案内', 'j'), info('j', '案内', 'k'), q('k', '？', []), done)))
      .toEqual(['no_choices:k', 'dead_end:i', 'dead_end:j']);
  });

  it('words every problem in Japanese and English', () => {
    const problems = validateTalkFlow(flow('x', q('q', '？', [['a', 'はい', 'q'], ['a', 'はい', 'gone']]), q('q', '重複', []), info('i', '案内', 'i')));
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['missing_start', 'duplicate_node_id', 'duplicate_choice_id', 'duplicate_choice_label', 'dangling_next', 'no_choices', 'unreachable_node', 'cycle', 'dead_end']));
    for (const p of problems) {
      expect(p.message.ja).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(p.message.en).toMatch(/^[A-Z][a-z]/);
      expect(p.message.en).not.toBe(p.message.ja);
    }
  });

  it('handles a 500-node chain without deep recursion', () => {
    const nodes = Array.from({ length: 499 }, (_, i) => info(`n${i}`, `案内 ${i}`, i === 498 ? 'e' : `n${i + 1}`));
    expect(validateTalkFlow(flow('n0', ...nodes, done))).toEqual([]);
    const looped = nodes.map((n, i) => (i === 498 ? { ...n, next: 'n0' } : n));
    expect(validateTalkFlow(flow('n0', ...looped, done)).find((p) => p.code === 'cycle')?.nodeIds).toHaveLength(499);
  });
});
