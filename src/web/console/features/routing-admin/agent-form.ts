import { normalizePhone } from '../../../../core/text-ja/phone.util.js';
import { ROUTING_CHANNELS, type AgentProfileInput, type RoutingAgent, type RoutingChannel } from '../../api/routing-types.js';
import { formatPhone } from '../../../ui/format/phone.js';
import type { NumberValue } from './queue-form.js';
import { issue, range, type Issue } from './validation.js';

export interface AgentSkillRow {
  skillId: string | null;
  level: NumberValue;
}

/** Most contacts at once per channel (the server's limits). */
export const CAPACITY_LIMITS: Record<RoutingChannel, number> = { voice: 1, chat: 20, email: 50, line: 20, web: 50 };

export interface AgentFormValues {
  capacity: Record<RoutingChannel, NumberValue>;
  voiceBlocksOthers: boolean;
  othersBlockVoice: boolean;
  /** PBX extension (内線); '' for none. */
  extension: string;
  /** Phone for Twilio calls without a softphone, any common form; '' for none. */
  phone: string;
  skills: AgentSkillRow[];
}

/** What a PBX may name as an extension (the server's rule). */
const EXTENSION = /^[0-9A-Za-z*#._-]{1,32}$/;

export function agentToForm(agent: RoutingAgent): AgentFormValues {
  const capacity = { voice: 0, chat: 0, email: 0, line: 0, web: 0 } as Record<RoutingChannel, NumberValue>;
  for (const channel of ROUTING_CHANNELS) capacity[channel] = agent.capacity?.[channel] ?? 0;
  return {
    capacity,
    voiceBlocksOthers: agent.voiceBlocksOthers ?? true,
    othersBlockVoice: agent.othersBlockVoice ?? false,
    extension: agent.extension ?? '',
    phone: agent.phone ? formatPhone(agent.phone) : '',
    skills: (agent.skills ?? []).map((s) => ({ skillId: s.skillId, level: s.level })),
  };
}

/** The PUT body: every channel's capacity (empty counts as 0), the chosen skills, and the extension and phone (empty removes them). */
export function formToAgentInput(values: AgentFormValues): AgentProfileInput {
  const capacity: AgentProfileInput['capacity'] = {};
  for (const channel of ROUTING_CHANNELS) {
    const value = values.capacity[channel];
    capacity[channel] = value === '' ? 0 : value;
  }
  return {
    capacity,
    voiceBlocksOthers: values.voiceBlocksOthers,
    othersBlockVoice: values.othersBlockVoice,
    extension: values.extension.trim() || null,
    phone: values.phone.trim() || null,
    skills: values.skills.filter((s) => s.skillId).map((s) => ({ skillId: s.skillId ?? '', level: s.level === '' ? 1 : s.level })),
  };
}

/** Problems by field path. */
export function validateAgentForm(values: AgentFormValues): Record<string, Issue> {
  const errors: Record<string, Issue> = {};
  for (const channel of ROUTING_CHANNELS) {
    const value = values.capacity[channel];
    const max = CAPACITY_LIMITS[channel];
    if (value === '' || !Number.isInteger(value) || value < 0 || value > max) errors[`capacity.${channel}`] = range(0, max);
  }
  const extension = values.extension.trim();
  if (extension && !EXTENSION.test(extension)) errors.extension = issue('extension');
  if (values.phone.trim() && !normalizePhone(values.phone).ok) errors.phone = issue('phone');
  const seen = new Set<string>();
  values.skills.forEach((row, i) => {
    if (!row.skillId) errors[`skills.${i}.skillId`] = issue('required');
    else if (seen.has(row.skillId)) errors[`skills.${i}.skillId`] = issue('duplicateSkill');
    else seen.add(row.skillId);
    if (row.level === '' || !Number.isInteger(row.level) || row.level < 1 || row.level > 10) errors[`skills.${i}.level`] = range(1, 10);
  });
  return errors;
}

/** `電話 1・チャット 3` for the list. */
export function capacitySummary(capacity: Partial<Record<RoutingChannel, number>>, label: (channel: RoutingChannel) => string): string {
  return ROUTING_CHANNELS.filter((c) => (capacity[c] ?? 0) > 0)
    .map((c) => `${label(c)} ${capacity[c]}`)
    .join('・');
}
