/**
 * Properties of the validator and the runner over random flows. The cycle oracle (Kahn's
 * topological sort) is written independently of the validator's depth-first search on purpose.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choose, next, startRun } from './talk-flow-runner.js';
import { validateTalkFlow } from './talk-flow-validator.js';
import { arbAnyFlow, arbValidFlow } from './talk-flow-test-kit.js';
import { edgesOf, nodeIndex, type RunCursor, type TalkFlowGraph } from './talk-flow.types.js';

function hasCycleOracle(g: TalkFlowGraph): boolean {
  const byId = nodeIndex(g);
  const indegree = new Map([...byId.keys()].map((id) => [id, 0]));
  for (const n of byId.values()) for (const e of edgesOf(n)) if (byId.has(e.next)) indegree.set(e.next, indegree.get(e.next)! + 1);
  const todo = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  let removed = 0;
  while (todo.length) {
    const id = todo.pop()!;
    removed++;
    for (const e of edgesOf(byId.get(id)!)) {
      if (!byId.has(e.next)) continue;
      const d = indegree.get(e.next)! - 1;
      indegree.set(e.next, d);
      if (d === 0) todo.push(e.next);
    }
  }
  return removed < byId.size;
}

/** Follows the flow answering with `picks` (taken modulo the number of choices); the steps it took. */
function walk(g: TalkFlowGraph, picks: readonly number[]): { cursor: RunCursor; steps: number } {
  const started = startRun(g);
  if (!started.ok) throw new Error(started.message);
  let cursor = started.cursor;
  const byId = nodeIndex(g);
  for (let steps = 0; ; steps++) {
    if (cursor.done || steps > g.nodes.length) return { cursor, steps };
    const node = byId.get(cursor.nodeId)!;
    const r = node.type === 'question' ? choose(g, cursor, node.choices[picks[steps % Math.max(1, picks.length)]! % node.choices.length]!.id) : next(g, cursor);
    if (!r.ok) throw new Error(`${r.error}: ${r.message}`);
    cursor = r.cursor;
  }
}

/** A loop is real when each node leads to the next one and the last back to the first. */
function isRealCycle(g: TalkFlowGraph, ids: readonly string[]): boolean {
  const byId = nodeIndex(g);
  return ids.length > 0 && ids.every((id, i) => edgesOf(byId.get(id)!).some((e) => e.next === ids[(i + 1) % ids.length]));
}

describe('talk flow properties', () => {
  it('a generated DAG validates', () => {
    fc.assert(fc.property(arbValidFlow, (g) => {
      expect(validateTalkFlow(g)).toEqual([]);
    }), { numRuns: 300 });
  });

  it('a flow that validates reaches an end node for every sequence of answers, in at most as many steps as it has nodes', () => {
    const arb = fc.oneof(arbValidFlow, arbAnyFlow.filter((g) => validateTalkFlow(g).length === 0));
    fc.assert(fc.property(arb, fc.array(fc.nat({ max: 11 }), { minLength: 1, maxLength: 30 }), (g, picks) => {
      const { cursor, steps } = walk(g, picks);
      expect(cursor.done).toBe(true);
      expect(steps).toBeLessThanOrEqual(g.nodes.length);
      expect(cursor.path.length).toBe(steps + 1);
    }), { numRuns: 500 });
  });

  it('any flow with a cycle is reported as cyclic, with a real loop; a flow without one never is', () => {
    fc.assert(fc.property(arbAnyFlow, (g) => {
      const cycles = validateTalkFlow(g).filter((p) => p.code === 'cycle');
      expect(cycles.length > 0).toBe(hasCycleOracle(g));
      for (const c of cycles) expect(isRealCycle(g, c.nodeIds!)).toBe(true);
    }), { numRuns: 1000 });
  });

  it('pointing any edge of a valid flow back to a node above it is always reported as a cycle', () => {
    const arb = arbValidFlow
      .filter((g) => g.nodes.some((n) => n.type !== 'end'))
      .chain((g) => fc.record({ g: fc.constant(g), from: fc.nat(), edge: fc.nat(), to: fc.nat() }));
    fc.assert(fc.property(arb, ({ g, from, edge, to }) => {
      const movable = g.nodes.filter((n) => n.type !== 'end');
      const source = movable[from % movable.length]!;
      // The nodes the source can be reached from (itself included): any of them closes a loop.
      const byId = nodeIndex(g);
      const above = g.nodes.filter((n) => reaches(byId, n.id, source.id));
      const target = above[to % above.length]!.id;
      const mutated: TalkFlowGraph = {
        start: g.start,
        nodes: g.nodes.map((n) => {
          if (n.id !== source.id) return n;
          if (n.type === 'info') return { ...n, next: target };
          if (n.type === 'question') return { ...n, choices: n.choices.map((c, i) => (i === edge % n.choices.length ? { ...c, next: target } : c)) };
          return n;
        }),
      };
      const cycles = validateTalkFlow(mutated).filter((p) => p.code === 'cycle');
      expect(cycles.length).toBeGreaterThan(0);
      expect(cycles.some((c) => c.nodeIds!.includes(source.id) && c.nodeIds!.includes(target))).toBe(true);
      for (const c of cycles) expect(isRealCycle(mutated, c.nodeIds!)).toBe(true);
    }), { numRuns: 500 });
  });
});

function reaches(byId: ReturnType<typeof nodeIndex>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const todo = [from];
  while (todo.length) {
    const id = todo.pop()!;
    if (id === to) return true;
    for (const e of edgesOf(byId.get(id)!)) if (!seen.has(e.next) && byId.has(e.next)) { seen.add(e.next); todo.push(e.next); }
  }
  return false;
}
