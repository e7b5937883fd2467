import { describe, expect, it } from 'vitest';
import type { RoutingQueue } from '../../api/routing-types.js';
import { emptyQueueForm, formToQueueInput, queueToForm, validateQueueForm } from './queue-form.js';

const queue: RoutingQueue = {
  id: 'q1',
  name: '修理受付',
  requiredSkills: [{ skillId: 's1', minLevel: 3 }],
  priority: 5,
  agingPerMinute: 1.5,
  offerTimeoutSec: 20,
  wrapUpLimitSec: 90,
  serviceLevelSec: 30,
  serviceLevelTarget: 0.85,
  stickyWindowSec: 86_400,
  overflow: [
    { afterSec: 60, kind: 'add_queue', queueId: 'q2' },
    { afterSec: 120, kind: 'relax_level', by: 2 },
  ],
  hoursId: 'h1',
  whenClosed: { email: 'queue', voice: 'reject' },
};

describe('queue form', () => {
  it('round-trips a queue through the form', () => {
    const { id: _id, ...input } = queue;
    expect(formToQueueInput(queueToForm(queue))).toEqual(input);
  });

  it('shows the target as a percentage and sends a share', () => {
    expect(queueToForm(queue).serviceLevelPercent).toBe(85);
    expect(formToQueueInput({ ...emptyQueueForm(), name: 'x', serviceLevelPercent: 92.5 }).serviceLevelTarget).toBe(0.925);
  });

  it('leaves channel defaults out of whenClosed and trims the name', () => {
    const input = formToQueueInput({ ...emptyQueueForm(), name: '  一般  ' });
    expect(input.name).toBe('一般');
    expect(input.whenClosed).toEqual({});
    expect(input.hoursId).toBeNull();
  });

  it('accepts the defaults once named', () => {
    expect(validateQueueForm(emptyQueueForm(), null)).toEqual({ name: { key: 'required' } });
    expect(validateQueueForm({ ...emptyQueueForm(), name: 'a' }, null)).toEqual({});
  });

  it('reports problems by the server field paths', () => {
    const values = {
      ...queueToForm(queue),
      requiredSkills: [
        { skillId: 's1', minLevel: 11 as const },
        { skillId: 's1', minLevel: 2 as const },
        { skillId: null, minLevel: 1 as const },
      ],
      offerTimeoutSec: 0 as const,
      overflow: [
        { afterSec: 30, kind: 'add_queue' as const, queueId: 'q1', by: 1 },
        { afterSec: '' as const, kind: 'relax_level' as const, queueId: null, by: 0 },
      ],
    };
    expect(validateQueueForm(values, 'q1')).toEqual({
      'requiredSkills.0.minLevel': { key: 'range', values: { min: 1, max: 10 } },
      'requiredSkills.1.skillId': { key: 'duplicateSkill' },
      'requiredSkills.2.skillId': { key: 'required' },
      offerTimeoutSec: { key: 'range', values: { min: 5, max: 600 } },
      'overflow.0.queueId': { key: 'ownQueue' },
      'overflow.1.afterSec': { key: 'range', values: { min: 1, max: 86_400 } },
      'overflow.1.by': { key: 'range', values: { min: 1, max: 9 } },
    });
  });
});
