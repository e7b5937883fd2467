import { describe, expect, it } from 'vitest';
import { validateIvrFlow } from './ivr-validator.js';
import { supportFlow } from './ivr-test-kit.js';
import type { IvrFlow, IvrNode } from './ivr.types.js';

const withNodes = (flow: IvrFlow, change: (nodes: IvrNode[]) => IvrNode[]): IvrFlow => ({ ...flow, nodes: change(flow.nodes.map((n) => ({ ...n }) as IvrNode)) });
const problemsOf = (flow: IvrFlow) => validateIvrFlow(flow).map((p) => [p.code, p.nodeId]);

describe('validateIvrFlow', () => {
  it('accepts the support line (a menu that loops back to itself waits for keys)', () => {
    expect(validateIvrFlow(supportFlow())).toEqual([]);
  });

  it('names a missing start, a link to nowhere and the nodes it leaves unreachable', () => {
    expect(problemsOf({ ...supportFlow(), start: 'nope' })).toContainEqual(['missing_start', null]);
    const dangling = withNodes(supportFlow(), (ns) => ns.map((n) => (n.id === 'find' ? { ...n, notFound: 'ghost' } as IvrNode : n)));
    const problems = validateIvrFlow(dangling);
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([['dangling_next', 'find'], ['unreachable_node', 'unknown']]);
    expect(problems[0]!.message.ja).toContain('「ghost」');
    expect(problems[0]!.message.en).toBe('Node "find" (notFound) leads to "ghost", which does not exist.');
  });

  it('rejects a loop of announcements and branches that never waits for a key', () => {
    const flow = withNodes(supportFlow(), (ns) => ns.map((n) => (n.id === 'unknown' ? { ...n, next: 'find' } as IvrNode : n)));
    const loop = validateIvrFlow(flow).find((p) => p.code === 'loop_without_input');
    expect(loop?.nodeIds).toEqual(['find', 'unknown']);
    expect(loop?.message.en).toBe('Loop without input: find → unknown → find. A loop must pass a menu or a digit entry.');
  });

  it('rejects nodes from which the call can never end', () => {
    const flow: IvrFlow = {
      start: 'menu',
      nodes: [
        { type: 'menu', id: 'menu', prompt: '1を押してください', options: [{ key: '1', next: 'menu' }], timeoutSec: 5, retries: 1, onFail: 'menu' },
      ],
    };
    expect(problemsOf(flow)).toEqual([['dead_end', 'menu']]);
  });

  it('checks menus and digit entries: keys, limits and ranges', () => {
    const flow = withNodes(supportFlow(), (ns) =>
      ns.map((n) => {
        if (n.type === 'menu') return { ...n, options: [...n.options, { key: '1', next: 'bye' }, { key: 'A' as never, next: 'bye' }], retries: 9 };
        if (n.type === 'gather') return { ...n, minDigits: 13, timeoutSec: 0 };
        return n;
      }),
    );
    expect(problemsOf(flow)).toEqual([
      ['bad_digits', 'main'], ['duplicate_key', 'main'], ['bad_limit', 'main'],
      ['bad_limit', 'serial'], ['bad_digits', 'serial'],
    ]);
    expect(problemsOf(withNodes(supportFlow(), (ns) => ns.map((n) => (n.type === 'menu' ? { ...n, options: [] } : n))))).toContainEqual(['no_options', 'main']);
  });

  it('reports a repeated node id once', () => {
    const flow = withNodes(supportFlow(), (ns) => [...ns, { type: 'hangup', id: 'bye' }, { type: 'hangup', id: 'bye' }]);
    expect(problemsOf(flow)).toEqual([['duplicate_node_id', 'bye']]);
  });
});
