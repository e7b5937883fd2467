import { z } from 'zod';
import { isoDateTime, optionalText, pageFields } from '../../platform/http.schemas.js';

export const CHANNELS = ['phone', 'email', 'fax', 'postcard', 'visit', 'web', 'chat', 'line'] as const;
export const DIRECTIONS = ['inbound', 'outbound'] as const;

const timestamps = {
  offeredAt: isoDateTime.nullable().optional(),
  answeredAt: isoDateTime.nullable().optional(),
  endedAt: isoDateTime.nullable().optional(),
  wrapUpEndedAt: isoDateTime.nullable().optional(),
};

export const createInteractionBody = z.object({
  customerId: z.uuid().nullable().optional(),
  caseId: z.uuid().nullable().optional(),
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS).default('inbound'),
  queue: optionalText(100),
  agentUserId: z.uuid().nullable().optional(),
  subject: optionalText(300),
  notes: optionalText(20_000),
  disposition: optionalText(100),
  recordingRef: optionalText(500),
  ...timestamps,
});
export type CreateInteractionInput = z.output<typeof createInteractionBody>;

export const updateInteractionBody = z.object({
  customerId: z.uuid().nullable().optional(),
  caseId: z.uuid().nullable().optional(),
  subject: optionalText(300),
  notes: optionalText(20_000),
  disposition: optionalText(100),
  ...timestamps,
});

export const interactionQuery = z.object({
  customerId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  channel: z.enum(CHANNELS).optional(),
  agentUserId: z.uuid().optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  ...pageFields,
});

export const interactionDto = z.object({
  id: z.string(), customerId: z.string().nullable(), caseId: z.string().nullable(), channel: z.enum(CHANNELS), direction: z.enum(DIRECTIONS),
  queue: z.string().nullable(), agentUserId: z.string().nullable(), agentName: z.string().nullable(), subject: z.string().nullable(),
  notes: z.string().nullable(), disposition: z.string().nullable(), recordingRef: z.string().nullable(),
  offeredAt: z.string().nullable(), answeredAt: z.string().nullable(), endedAt: z.string().nullable(), wrapUpEndedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type InteractionDto = z.infer<typeof interactionDto>;
