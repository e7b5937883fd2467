import { describe, expect, it } from 'vitest';
import { walkIvrFlow } from '../../../../core/ivr/ivr-walk.js';
import { supportFlow } from '../../../../core/ivr/ivr-test-kit.js';
import { attributeValue, currentStep, isPhoneKeys, parseAttributes, transcriptOf, type TestEvent, type TestWalk } from './ivr-test-walk.js';

/** A walk as the API answers it (ivr-flow.service testFlow runs the same core walk). */
function walkOf(events: TestEvent[]): TestWalk {
  const walk = walkIvrFlow(supportFlow(), { from: '0312345678', open: true }, events);
  if (!walk.ok) throw new Error(walk.message);
  return { steps: walk.steps, outcome: walk.outcome, unused: 0, error: null };
}

describe('the test panel’s transcript', () => {
  it('interleaves what the caller did with what was said, prompted and done, up to the queue', () => {
    const events: TestEvent[] = [{ type: 'digits', digits: '1' }, { type: 'digits', digits: '450123004#' }, { type: 'lookup_result', found: true, attributes: { vip: true } }];
    const walk = walkOf(events);
    const sut = transcriptOf(walk, events);
    expect(sut.map((l) => (l.kind === 'caller' ? `caller ${l.event.type}` : l.kind === 'system' ? `system ${l.action.type}` : l.kind === 'prompt' ? `prompt ${l.nodeId}` : l.kind))).toEqual([
      'say', 'prompt main',
      'caller digits', 'prompt serial',
      'caller digits', 'system lookup',
      'caller lookup_result', 'say', 'system enqueue',
    ]);
    expect(sut[1]).toMatchObject({ kind: 'prompt', mode: 'menu', minDigits: 1, maxDigits: 1, timeoutSec: 5 });
    expect(sut[3]).toMatchObject({ kind: 'prompt', mode: 'digits', minDigits: 8, maxDigits: 12 });
    expect(sut.at(-1)).toMatchObject({ kind: 'system', action: { type: 'enqueue', queueId: 'q-support', priority: 5 } });
    expect(currentStep(walk)).toMatchObject({ status: 'ended', nodeId: 'find' });
    expect(currentStep(null)).toBeNull();
  });

  it('starts with the greeting alone before any event', () => {
    const sut = transcriptOf(walkOf([]), []);
    expect(sut.map((l) => l.kind)).toEqual(['say', 'prompt']);
  });
});

describe('test panel input', () => {
  it('reads customer attributes as name=value lines with typed values', () => {
    expect(parseAttributes('vip=true\nrank = 3, name=山田\n\n')).toEqual({ ok: true, attributes: { vip: true, rank: 3, name: '山田' } });
    expect(parseAttributes('')).toEqual({ ok: true, attributes: {} });
    expect(parseAttributes('vip＝false、score=-1.5')).toEqual({ ok: true, attributes: { vip: false, score: -1.5 } });
    expect(parseAttributes('vip')).toEqual({ ok: false, line: 'vip' });
    expect(parseAttributes('=1')).toEqual({ ok: false, line: '=1' });
  });

  it('types a value as the branch compares it', () => {
    expect([attributeValue('true'), attributeValue('false'), attributeValue('42'), attributeValue('gold'), attributeValue('')]).toEqual([true, false, 42, 'gold', '']);
  });

  it('takes phone keys only', () => {
    expect(isPhoneKeys('450123004#')).toBe(true);
    expect(isPhoneKeys('*9')).toBe(true);
    expect(isPhoneKeys('')).toBe(false);
    expect(isPhoneKeys('12a')).toBe(false);
    expect(isPhoneKeys('1 2')).toBe(false);
  });
});
