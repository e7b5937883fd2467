import { describe, expect, it } from 'vitest';
import { defaultCallbackTime } from './callback-time.js';
import { targetOptions } from './transfer-options.js';

describe('targetOptions', () => {
  const targets = {
    queues: [{ id: 'q1', name: '修理受付', waiting: 3 }],
    agents: [
      { id: 'a1', name: '伊藤', activity: 'available' as const },
      { id: 'a2', name: '木村', activity: 'offline' as const },
    ],
  };

  it('lists queues with their waiting count', () => {
    expect(targetOptions(targets, 'queue', (a) => a, (n) => `待ち ${n} 件`)).toEqual([{ value: 'q1', label: '修理受付（待ち 3 件）' }]);
  });

  it('lists agents with their activity and disables the offline ones', () => {
    expect(targetOptions(targets, 'agent', (a) => `[${a}]`, String)).toEqual([
      { value: 'a1', label: '伊藤 — [available]', disabled: false },
      { value: 'a2', label: '木村 — [offline]', disabled: true },
    ]);
  });
});

describe('defaultCallbackTime', () => {
  it('is an hour from now, rounded up to the quarter hour', () => {
    expect(defaultCallbackTime(Date.parse('2026-11-23T05:07:30Z'))).toBe('2026-11-23T06:15:00.000Z');
    expect(defaultCallbackTime(Date.parse('2026-11-23T05:00:00Z'))).toBe('2026-11-23T06:00:00.000Z');
    expect(defaultCallbackTime(Date.parse('2026-11-23T05:50:00Z'))).toBe('2026-11-23T07:00:00.000Z');
  });
});
