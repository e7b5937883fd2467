import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { en } from '../../../ui/i18n/en.js';
import { ja } from '../../../ui/i18n/ja.js';
import type { AgentCommand } from './agent-command.js';
import { conflictMessageKey, DESK_REFUSAL_REASONS, refusalMessageKey, withDeskMessage } from './desk-errors.js';

const problem = (status: number, code: string, reason?: string) =>
  new ApiError({ type: 'about:blank', title: 'x', status, code, detail: 'engine words', ...(reason ? { reason } : {}) });

const accept: AgentCommand = { kind: 'accept', contactId: 'c1' };
const logout: AgentCommand = { kind: 'presence', body: { change: 'logout' } };
const transfer: AgentCommand = { kind: 'transfer', contactId: 'c1', body: { queueId: 'q', note: 'x' } };

describe('conflictMessageKey', () => {
  it('explains the refusals an agent can act on', () => {
    expect(conflictMessageKey(logout)).toBe('desk.conflict.logout');
    expect(conflictMessageKey({ kind: 'presence', body: { change: 'ready' } })).toBeNull();
    expect(conflictMessageKey(accept)).toBe('desk.conflict.offerGone');
    expect(conflictMessageKey({ kind: 'wrapUp', contactId: 'c1', body: {} })).toBe('desk.conflict.notInWrapUp');
    expect(conflictMessageKey(transfer)).toBe('desk.conflict.targetUnavailable');
    expect(conflictMessageKey({ kind: 'notes', contactId: 'c1', notes: '' })).toBeNull();
  });
});

describe('refusalMessageKey', () => {
  it('words a refusal by the rule the server names, whatever the command', () => {
    expect(refusalMessageKey(logout, problem(409, 'conflict', 'agent_has_contacts'))).toBe('desk.refused.agent_has_contacts');
    expect(refusalMessageKey(accept, problem(409, 'conflict', 'offer_not_found'))).toBe('desk.refused.offer_not_found');
    // the rule, not the command, decides: an end refused because the contact is no longer connected
    expect(refusalMessageKey({ kind: 'end', contactId: 'c1' }, problem(409, 'conflict', 'contact_not_connected'))).toBe('desk.refused.contact_not_connected');
    expect(refusalMessageKey(transfer, problem(409, 'conflict', 'contact_not_connected'))).toBe('desk.refused.contact_not_connected');
    // 404 refusals carry a reason too
    expect(refusalMessageKey(accept, problem(404, 'not_found', 'unknown_contact'))).toBe('desk.refused.unknown_contact');
    expect(refusalMessageKey({ kind: 'wrapUp', contactId: 'c1', body: {} }, problem(409, 'conflict', 'not_in_wrap_up'))).toBe('desk.refused.not_in_wrap_up');
  });

  it('falls back to the command for a 409 without (or with an unknown) reason, and to the server otherwise', () => {
    expect(refusalMessageKey(accept, problem(409, 'conflict'))).toBe('desk.conflict.offerGone');
    expect(refusalMessageKey(accept, problem(409, 'conflict', 'some_new_rule'))).toBe('desk.conflict.offerGone');
    expect(refusalMessageKey(accept, problem(404, 'not_found'))).toBeNull();
    expect(refusalMessageKey(transfer, problem(400, 'validation_failed'))).toBeNull();
    expect(refusalMessageKey(accept, new Error('boom'))).toBeNull();
  });

  it('has words for every rule in both languages', () => {
    for (const reason of DESK_REFUSAL_REASONS) {
      expect(ja.desk.refused[reason], reason).toBeTruthy();
      expect(en.desk.refused[reason], reason).toBeTruthy();
    }
  });
});

describe('withDeskMessage', () => {
  it('keeps status, code and reason, and puts our words in the detail', () => {
    const sut = withDeskMessage(transfer, problem(409, 'conflict', 'target_unavailable')) as ApiError;
    expect(sut).toBeInstanceOf(ApiError);
    expect(sut.status).toBe(409);
    expect(sut.reason).toBe('target_unavailable');
    expect(sut.detail).not.toBe('engine words');
  });

  it('leaves errors it has no words for alone (field errors stay on the form)', () => {
    const invalid = problem(400, 'validation_failed');
    expect(withDeskMessage(transfer, invalid)).toBe(invalid);
  });
});
