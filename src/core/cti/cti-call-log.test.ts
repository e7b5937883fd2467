import { describe, expect, it } from 'vitest';
import { applyCtiEvent, type CtiCallLog, type CtiEvent } from './cti-call-log.js';

const newCall: CtiEvent = { event: 'newCall', callId: 'c-1', from: '09012345678', to: '0312345678', direction: 'in', users: ['受付'], queue: 'support' };
const answer: CtiEvent = { event: 'answer', callId: 'c-1', direction: 'in', answeringNumber: '201', users: [] };
const hangup = (cause: 'normalClearing' | 'noAnswer' | 'cancel' | 'busy'): CtiEvent => ({ event: 'hangup', callId: 'c-1', direction: 'in', cause, answeringNumber: null });

/** Applies the events in order, one second apart; the log and each effect. */
function replay(events: CtiEvent[]): { log: CtiCallLog | null; effects: string[] } {
  let log: CtiCallLog | null = null;
  const effects: string[] = [];
  events.forEach((e, i) => {
    const r = applyCtiEvent(log, e, 1000 * (i + 1));
    log = r.log;
    effects.push(r.effect);
  });
  return { log, effects };
}

describe('the CTI call log', () => {
  it('logs a call answered by extension 201 and hung up normally', () => {
    const { log, effects } = replay([newCall, answer, hangup('normalClearing')]);
    expect(effects).toEqual(['started', 'answered', 'ended']);
    expect(log).toEqual({
      callId: 'c-1', direction: 'in', from: '09012345678', to: '0312345678', queue: 'support', status: 'ended', answeredBy: '201',
      cause: 'normalClearing', missed: false, startedAt: 1000, answeredAt: 2000, endedAt: 3000,
    });
  });

  it('marks a call that ended unanswered as missed, with its cause', () => {
    for (const cause of ['noAnswer', 'cancel', 'busy'] as const) {
      expect(replay([newCall, hangup(cause)]).log).toMatchObject({ status: 'ended', missed: true, cause, answeredBy: null, answeredAt: null });
    }
  });

  it('takes the answering user when the PBX names no extension', () => {
    expect(replay([newCall, { ...answer, answeringNumber: null, users: ['jdoe'] } as CtiEvent]).log?.answeredBy).toBe('jdoe');
  });

  it('ignores resent events: nothing changes and nothing pops twice', () => {
    const once = replay([newCall, answer, hangup('normalClearing')]);
    const twice = replay([newCall, newCall, answer, answer, hangup('normalClearing'), hangup('noAnswer'), answer]);
    expect(twice.effects).toEqual(['started', 'duplicate', 'answered', 'duplicate', 'ended', 'duplicate', 'duplicate']);
    expect(twice.log).toMatchObject({ status: 'ended', cause: 'normalClearing', missed: false, answeredBy: '201', answeredAt: 3000 });
    expect(once.log?.missed).toBe(false);
  });

  it('accepts an answer or a hang-up for a call it never saw start, and logs nothing', () => {
    expect(replay([answer])).toEqual({ log: null, effects: ['unknown_call'] });
    expect(replay([hangup('normalClearing')])).toEqual({ log: null, effects: ['unknown_call'] });
  });

  it('never changes the log it is given', () => {
    const started = applyCtiEvent(null, newCall, 1).log!;
    const before = JSON.stringify(started);
    applyCtiEvent(started, answer, 2);
    applyCtiEvent(started, hangup('busy'), 3);
    expect(JSON.stringify(started)).toBe(before);
  });
});
