import { describe, expect, it } from 'vitest';
import { takesContacts } from './desk-access.js';

describe('takesContacts', () => {
  it('is true for agents and supervisors in any tenant', () => {
    expect(takesContacts([{ role: 'agent' }])).toBe(true);
    expect(takesContacts([{ role: 'hq' }, { role: 'supervisor' }])).toBe(true);
    expect(takesContacts([{ role: 'admin' }, { role: 'agent' }])).toBe(true);
  });

  it('is false for admins, HQ and client viewers who have no routed role', () => {
    expect(takesContacts([{ role: 'admin' }, { role: 'admin' }])).toBe(false);
    expect(takesContacts([{ role: 'hq' }, { role: 'client_viewer' }])).toBe(false);
    expect(takesContacts([])).toBe(false);
    expect(takesContacts(undefined)).toBe(false);
  });
});
