import { describe, expect, it } from 'vitest';
import { back, choose, cursorFromPath, next, startRun } from './talk-flow-runner.js';
import { summarizeTalkPath } from './talk-flow-summary.js';
import { end, flow, q, returnsFlow } from './talk-flow-test-kit.js';
import type { RunCursor, RunResult } from './talk-flow.types.js';

const ok = (r: RunResult): RunCursor => {
  if (!r.ok) throw new Error(`${r.error}: ${r.message}`);
  return r.cursor;
};
const errorOf = (r: RunResult) => (r.ok ? null : r.error);

describe('talk flow runner', () => {
  const g = returnsFlow();

  it('starts at the start node and records each answer on the step it was given', () => {
    const s = ok(startRun(g));
    expect(s).toEqual({ path: [{ nodeId: 'q1' }], nodeId: 'q1', done: false });
    const a = ok(choose(g, s, 'c1'));
    expect(a).toEqual({ path: [{ nodeId: 'q1', choiceId: 'c1' }, { nodeId: 'q2' }], nodeId: 'q2', done: false });
    const b = ok(choose(g, a, 'c2'));
    expect(b).toEqual({ path: [{ nodeId: 'q1', choiceId: 'c1' }, { nodeId: 'q2', choiceId: 'c2' }, { nodeId: 'e_esc' }], nodeId: 'e_esc', done: true });
    // Pure: the earlier cursors are unchanged.
    expect(s.path).toEqual([{ nodeId: 'q1' }]);
  });

  it('goes on from an information node without a choice', () => {
    const at = ok(choose(g, ok(startRun(g)), 'c2'));
    expect(at.nodeId).toBe('i1');
    expect(ok(next(g, at))).toEqual({ path: [{ nodeId: 'q1', choiceId: 'c2' }, { nodeId: 'i1' }, { nodeId: 'e_done' }], nodeId: 'e_done', done: true });
  });

  it('goes back one step and clears the answer given there', () => {
    const s = ok(startRun(g));
    const twice = ok(choose(g, ok(choose(g, s, 'c1')), 'c1'));
    const once = ok(back(g, twice));
    expect(once).toEqual({ path: [{ nodeId: 'q1', choiceId: 'c1' }, { nodeId: 'q2' }], nodeId: 'q2', done: false });
    expect(ok(back(g, once))).toEqual(s);
    expect(errorOf(back(g, s))).toBe('at_start');
  });

  it('refuses wrong moves with an error code', () => {
    const s = ok(startRun(g));
    expect(errorOf(choose(g, s, 'nope'))).toBe('unknown_choice');
    expect(errorOf(next(g, s))).toBe('not_an_info');
    const atInfo = ok(choose(g, s, 'c2'));
    expect(errorOf(choose(g, atInfo, 'c1'))).toBe('not_a_question');
    const done = ok(next(g, atInfo));
    expect(errorOf(next(g, done))).toBe('finished');
    expect(errorOf(choose(g, done, 'c1'))).toBe('finished');
    expect(errorOf(choose(g, { path: [{ nodeId: 'gone' }], nodeId: 'gone', done: false }, 'c1'))).toBe('unknown_node');
  });

  it('refuses to start an invalid flow', () => {
    expect(errorOf(startRun(flow('q', q('q', '？', [['a', 'はい', 'q']]))))).toBe('invalid_graph');
  });

  it('resumes from a stored path', () => {
    expect(ok(cursorFromPath(g, [{ nodeId: 'q1', choiceId: 'c2' }, { nodeId: 'i1' }]))).toMatchObject({ nodeId: 'i1', done: false });
    expect(ok(cursorFromPath(g, [{ nodeId: 'q1', choiceId: 'c1' }, { nodeId: 'q2', choiceId: 'c1' }, { nodeId: 'e_case' }])).done).toBe(true);
    expect(errorOf(cursorFromPath(g, []))).toBe('unknown_node');
    expect(errorOf(cursorFromPath(g, [{ nodeId: 'x' }]))).toBe('unknown_node');
  });

  it('summarizes the questions, answers and end for the interaction notes', () => {
    const path = ok(choose(g, ok(choose(g, ok(startRun(g)), 'c1')), 'c2')).path;
    expect(summarizeTalkPath('返品受付', g, path)).toBe('トーク「返品受付」: 商品の状態はいかがですか？ → 破損していた → 交換と返金のどちらをご希望ですか？ → 返金 → 終了: エスカレーション');
    const viaInfo = ok(next(g, ok(choose(g, ok(startRun(g)), 'c2')))).path;
    expect(summarizeTalkPath('返品受付', g, viaInfo)).toBe('トーク「返品受付」: 商品の状態はいかがですか？ → イメージと違った → 終了: 対応結果 RETURN_OK');
    const long = flow('q', q('q', 'あ'.repeat(100), [['a', 'い'.repeat(100), 'e']]), end('e', '終', { kind: 'schedule_callback' }));
    expect(summarizeTalkPath('長い', long, [{ nodeId: 'q', choiceId: 'a' }, { nodeId: 'e' }])).toBe(`トーク「長い」: ${'あ'.repeat(39)}… → ${'い'.repeat(39)}… → 終了: コールバック予約`);
  });
});
