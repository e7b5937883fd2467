import { describe, expect, it } from 'vitest';
import { conflictMessageKey } from './desk-errors.js';

describe('conflictMessageKey', () => {
  it('explains the refusals an agent can act on', () => {
    expect(conflictMessageKey({ kind: 'presence', body: { change: 'logout' } })).toBe('desk.conflict.logout');
    expect(conflictMessageKey({ kind: 'presence', body: { change: 'ready' } })).toBeNull();
    expect(conflictMessageKey({ kind: 'accept', contactId: 'c1' })).toBe('desk.conflict.offerGone');
    expect(conflictMessageKey({ kind: 'wrapUp', contactId: 'c1', body: {} })).toBe('desk.conflict.notInWrapUp');
    expect(conflictMessageKey({ kind: 'transfer', contactId: 'c1', body: { queueId: 'q', note: 'x' } })).toBe('desk.conflict.targetUnavailable');
    expect(conflictMessageKey({ kind: 'notes', contactId: 'c1', notes: '' })).toBeNull();
  });
});
