import { describe, expect, it } from 'vitest';
import { walkIvrFlow } from './ivr-walk.js';
import { supportFlow } from './ivr-test-kit.js';

describe('a test walk of a flow', () => {
  it('names where each step stopped: the waiting node, then the node the call ended at', () => {
    const walk = walkIvrFlow(supportFlow(), { from: '0312345678', open: true }, [
      { type: 'digits', digits: '1' }, { type: 'digits', digits: '12345678#' }, { type: 'lookup_result', found: false }, { type: 'digits', digits: '3' }, { type: 'timeout' },
    ]);
    if (!walk.ok) throw new Error(walk.message);
    expect(walk.steps.map((s) => [s.event, s.status, s.nodeId, s.lastNodeId])).toEqual([
      [null, 'waiting_input', 'main', 'main'],
      ['digits 1', 'waiting_input', 'serial', 'serial'],
      ['digits 12345678#', 'waiting_lookup', 'find', 'find'],
      ['lookup_result', 'waiting_input', 'main', 'main'],
      ['digits 3', 'ended', 'main', 'dealer'],
    ]);
    expect(walk.outcome).toEqual({ kind: 'transfer', number: '0312345678' });
    expect(walk.unused).toBe(1);
  });

  it('stops at an event the call cannot take, and refuses an invalid flow', () => {
    const walk = walkIvrFlow(supportFlow(), { from: '', open: false }, [{ type: 'lookup_result', found: true }]);
    expect(walk.ok && walk.steps[0]!.lastNodeId).toBe('message');
    const wrong = walkIvrFlow(supportFlow(), { from: '', open: true }, [{ type: 'lookup_result', found: true }]);
    expect(wrong.ok && [wrong.error !== null, wrong.unused]).toEqual([true, 1]);
    expect(walkIvrFlow({ start: 'nowhere', nodes: [] }, { from: '', open: true }, []).ok).toBe(false);
  });
});
