import { describe, expect, it } from 'vitest';
import type { RoutingAgent } from '../../api/routing-types.js';
import { agentToForm, capacitySummary, formToAgentInput, validateAgentForm } from './agent-form.js';

const agent: RoutingAgent = {
  userId: 'u1',
  displayName: '佐藤 花子',
  capacity: { voice: 1, chat: 3 },
  voiceBlocksOthers: true,
  othersBlockVoice: false,
  skills: [{ skillId: 's1', level: 7 }],
  extension: '201',
  phone: '+819012345678',
};

describe('agent form', () => {
  it('fills every channel and sends them all back', () => {
    const form = agentToForm(agent);
    expect(form.capacity).toEqual({ voice: 1, chat: 3, email: 0, line: 0, web: 0 });
    expect(formToAgentInput(form)).toEqual({
      capacity: { voice: 1, chat: 3, email: 0, line: 0, web: 0 },
      voiceBlocksOthers: true,
      othersBlockVoice: false,
      extension: '201',
      phone: '090-1234-5678',
      skills: [{ skillId: 's1', level: 7 }],
    });
  });

  it('shows the phone as dialled at home and removes an emptied extension or phone', () => {
    const form = agentToForm(agent);
    expect(form.phone).toBe('090-1234-5678');
    expect(agentToForm({ ...agent, extension: null, phone: null })).toMatchObject({ extension: '', phone: '' });
    expect(formToAgentInput({ ...form, extension: '  ', phone: '' })).toMatchObject({ extension: null, phone: null });
  });

  it('checks the extension and the phone before sending', () => {
    const form = agentToForm(agent);
    expect(validateAgentForm({ ...form, extension: '2 01', phone: '123' })).toEqual({ extension: { key: 'extension' }, phone: { key: 'phone' } });
    expect(validateAgentForm({ ...form, extension: '*201#', phone: '03(1234)5678' })).toEqual({});
  });

  it('allows one call at most and levels 1–10', () => {
    const form = agentToForm(agent);
    expect(validateAgentForm(form)).toEqual({});
    expect(
      validateAgentForm({ ...form, capacity: { ...form.capacity, voice: 2, chat: -1 }, skills: [{ skillId: 's1', level: 11 }, { skillId: 's1', level: 3 }] }),
    ).toEqual({
      'capacity.voice': { key: 'range', values: { min: 0, max: 1 } },
      'capacity.chat': { key: 'range', values: { min: 0, max: 20 } },
      'skills.0.level': { key: 'range', values: { min: 1, max: 10 } },
      'skills.1.skillId': { key: 'duplicateSkill' },
    });
  });

  it('summarises the capacity', () => {
    expect(capacitySummary({ voice: 1, chat: 3, email: 0 }, (c) => c)).toBe('voice 1・chat 3');
  });
});
