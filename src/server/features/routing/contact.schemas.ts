import { z } from 'zod';
import { CHANNELS, MAX_SKILL_LEVEL, MIN_SKILL_LEVEL } from '../../../core/routing/routing.types.js';
import { optionalText } from '../../platform/http.schemas.js';

export const CONTACT_STATUSES = ['waiting', 'offered', 'connected', 'wrap_up', 'ended'] as const;
export const CONTACT_OUTCOMES = ['answered', 'abandoned', 'closed'] as const;
const MAX_CONTEXT_BYTES = 8_192;

/** Opaque JSON from the channel (IVR input …): an object, small enough to travel with every offer. */
export const contextField = z.record(z.string(), z.unknown())
  .refine((v) => Buffer.byteLength(JSON.stringify(v)) <= MAX_CONTEXT_BYTES, `must be at most ${MAX_CONTEXT_BYTES} bytes of JSON`);

export const contactSkillsField = z.array(z.object({
  skill: z.string().trim().min(1).max(100),
  minLevel: z.number().int().min(MIN_SKILL_LEVEL).max(MAX_SKILL_LEVEL),
})).max(10).refine((list) => new Set(list.map((s) => s.skill)).size === list.length, 'a skill may be listed once');

export const createContactBody = z.object({
  channel: z.enum(CHANNELS),
  queueId: z.uuid().optional(),
  queueName: z.string().trim().min(1).max(100).optional(),
  externalId: z.string().trim().min(1).max(200).optional(),
  from: z.string().trim().min(1).max(320).optional(),
  serial: z.string().trim().min(1).max(100).optional(),
  customerId: z.uuid().nullable().optional(),
  subject: optionalText(300),
  priority: z.number().int().min(-100).max(100).nullable().optional(),
  /** Skills this contact needs besides its queue's (by the tenant's skill name or id), e.g. from an IVR. */
  skills: contactSkillsField.optional(),
  context: contextField.optional(),
}).refine((b) => b.queueId !== undefined || b.queueName !== undefined, { message: 'give queueId or queueName', path: ['queueId'] });
export type CreateContactInput = z.output<typeof createContactBody>;

export const contactDto = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  interactionId: z.uuid(),
  customerId: z.uuid().nullable(),
  channel: z.enum(CHANNELS),
  kind: z.enum(['inbound', 'callback']),
  queueId: z.uuid(),
  queueName: z.string(),
  status: z.enum(CONTACT_STATUSES),
  outcome: z.enum(CONTACT_OUTCOMES).nullable(),
  agentUserId: z.uuid().nullable(),
  arrivedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  externalId: z.string().nullable(),
  from: z.string().nullable(),
  serial: z.string().nullable(),
  subject: z.string().nullable(),
  context: z.record(z.string(), z.unknown()).nullable(),
});
export type ContactDto = z.infer<typeof contactDto>;

export const createdContactDto = contactDto.extend({
  /** The queue was closed: e-mail and forms wait for the opening; voice and chat got the closed action. */
  afterHours: z.boolean(),
  nextOpening: z.string().nullable(),
});

export const contactListQuery = z.object({
  live: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
