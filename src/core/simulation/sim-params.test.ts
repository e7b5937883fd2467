import { describe, expect, it } from 'vitest';
import { DEFAULT_SIM_PARAMS, offeredLoad, resolveSimParams, SimParamsError } from './sim-params.js';

describe('resolveSimParams', () => {
  it('gives the defaults for no input', () => {
    expect(resolveSimParams()).toEqual(DEFAULT_SIM_PARAMS);
  });

  it('reads command-line strings', () => {
    const p = resolveSimParams({
      ratePerMinute: '12.5', agents: '20', durationSec: '600', handleMeanSec: '180', acwMeanSec: '0', patienceMeanSec: '0',
      seed: '7', channels: 'voice, chat,voice', answerDelaySec: '1,2', knownCustomerShare: '0.5',
    });
    expect(p).toMatchObject({ ratePerMinute: 12.5, agents: 20, durationSec: 600, handleMeanSec: 180, acwMeanSec: 0, patienceMeanSec: 0, seed: 7, knownCustomerShare: 0.5 });
    expect(p.channels).toEqual(['voice', 'chat']);
    expect(p.answerDelaySec).toEqual([1, 2]);
    expect(resolveSimParams({ answerDelaySec: '0' }).answerDelaySec).toEqual([0, 0]);
    expect(resolveSimParams({ agents: 5, channels: ['chat'] })).toMatchObject({ agents: 5, channels: ['chat'] });
  });

  it('lists every problem at once', () => {
    let err: unknown;
    try {
      resolveSimParams({ ratePerMinute: 'fast', agents: '0', handleMeanSec: '0', channels: 'voice,fax', answerDelaySec: '3,1', agentsX: 1 } as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SimParamsError);
    const problems = (err as SimParamsError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/--rate must be a number/);
    expect(problems.join('\n')).toMatch(/--agents must be at least 1/);
    expect(problems.join('\n')).toMatch(/--handle-mean must be more than 0/);
    expect(problems.join('\n')).toMatch(/"fax"/);
    expect(problems.join('\n')).toMatch(/--answer-delay/);
    expect(() => resolveSimParams({ agents: '2.5' })).toThrow(/whole number/);
    expect(() => resolveSimParams({ ratePerMinute: '1000000' })).toThrow(/at most/);
  });

  it('computes the offered load', () => {
    const { erlangs, occupancy } = offeredLoad(resolveSimParams({ ratePerMinute: 6, handleMeanSec: 50, acwMeanSec: 10, agents: 8 }));
    expect(erlangs).toBeCloseTo(6, 10);
    expect(occupancy).toBeCloseTo(0.75, 10);
  });
});
