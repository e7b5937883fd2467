import { describe, expect, it } from 'vitest';
import type { WallboardAgent, WallboardQueue } from '../../api/routing-types.js';
import { countByActivity, longestWaitTone, serviceLevelTone, sortAgents, tenantServiceLevel } from './thresholds.js';

describe('serviceLevelTone', () => {
  it('is bad below the target, warn just above it, ok beyond the margin', () => {
    expect(serviceLevelTone(0.79, 0.8)).toBe('bad');
    expect(serviceLevelTone(0.8, 0.8)).toBe('warn');
    expect(serviceLevelTone(0.849, 0.8)).toBe('warn');
    expect(serviceLevelTone(0.85, 0.8)).toBe('ok');
    expect(serviceLevelTone(1, 0.8)).toBe('ok');
  });

  it('has no tone without data', () => {
    expect(serviceLevelTone(null, 0.8)).toBe('none');
    expect(serviceLevelTone(0.9, null)).toBe('none');
  });
});

describe('longestWaitTone', () => {
  it('is bad over the service-level time and warn over three quarters of it', () => {
    expect(longestWaitTone(21, 20)).toBe('bad');
    expect(longestWaitTone(20, 20)).toBe('warn');
    expect(longestWaitTone(16, 20)).toBe('warn');
    expect(longestWaitTone(15, 20)).toBe('ok');
    expect(longestWaitTone(0, 20)).toBe('ok');
  });

  it('has no tone when nobody waits or no time is set', () => {
    expect(longestWaitTone(null, 20)).toBe('none');
    expect(longestWaitTone(30, 0)).toBe('none');
  });
});

describe('tenantServiceLevel', () => {
  const queue = (tenantId: string, serviceLevelTarget: number, serviceLevelSec: number): WallboardQueue => ({
    queueId: `${tenantId}-${serviceLevelSec}`, tenantId, name: 'q', serviceLevelSec, serviceLevelTarget,
    figures: { waiting: 0, longestWaitSec: null, offered: 0, answered: 0, abandoned: 0, answerRate: null, serviceLevel: null, asaSec: null, ahtSec: null, acwSec: null },
  });

  it('takes the strictest promise of the tenant’s queues', () => {
    expect(tenantServiceLevel([queue('t1', 0.8, 20), queue('t1', 0.9, 30), queue('t2', 0.95, 10)], 't1')).toEqual({ target: 0.9, seconds: 20 });
    expect(tenantServiceLevel([], 't1')).toEqual({ target: null, seconds: null });
  });
});

describe('agents', () => {
  const agent = (name: string, activity: WallboardAgent['activity'], since: string): WallboardAgent => ({
    agentId: name, name, activity, reason: null, reasonLabel: null, since, tenantIds: ['t1'], load: {},
  });

  it('sorts by activity, then longest in state', () => {
    const sorted = sortAgents([
      agent('c', 'busy', '2026-11-23T05:00:00Z'),
      agent('a', 'available', '2026-11-23T05:10:00Z'),
      agent('b', 'available', '2026-11-23T05:05:00Z'),
      agent('d', 'missed', '2026-11-23T05:20:00Z'),
    ]);
    expect(sorted.map((a) => a.name)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('counts agents per activity', () => {
    expect(countByActivity([agent('a', 'busy', ''), agent('b', 'busy', ''), agent('c', 'acw', '')])).toEqual({
      available: 0, busy: 2, acw: 1, break: 0, missed: 0, offline: 0,
    });
  });
});
