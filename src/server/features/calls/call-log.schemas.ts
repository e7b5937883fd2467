import { z } from 'zod';
import { isoDateTime } from '../../platform/http.schemas.js';

/** The call log API: calls of every telephony provider, newest first, paged by cursor. */
export const callLogQuery = z.object({
  customerId: z.uuid().optional(),
  agentUserId: z.uuid().optional(),
  /** Calls that started at or after this instant. */
  from: isoDateTime.optional(),
  /** Calls that started before this instant. */
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type CallLogQuery = z.output<typeof callLogQuery>;

export const callDto = z.object({
  id: z.string(),
  /** twilio | cti */
  provider: z.string(),
  /** The provider's call id (Twilio's CallSid, the PBX's callId). */
  externalId: z.string(),
  /** in | out */
  direction: z.string(),
  from: z.string(),
  to: z.string(),
  /** ringing | answered | ended (Twilio calls also ivr | queued) */
  status: z.string(),
  /** answered | missed | rejected (a blocked caller) …; null while the call lasts */
  outcome: z.string().nullable(),
  /** How it ended: a CTI cause (normalClearing, noAnswer, busy …) or Twilio's final status. */
  cause: z.string().nullable(),
  customer: z.object({ id: z.string(), name: z.string() }).nullable(),
  agent: z.object({ userId: z.string(), name: z.string() }).nullable(),
  /** The extension or user the PBX said answered. */
  answeredBy: z.string().nullable(),
  interactionId: z.string().nullable(),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Seconds from start to answer (or to the end of an unanswered call). */
  ringSec: z.number().int().nullable(),
  /** Seconds from answer to end. */
  talkSec: z.number().int().nullable(),
  hasRecording: z.boolean(),
  /** GET it (signed in, same tenant) to be redirected to the recording; null without one. */
  recordingUrl: z.string().nullable(),
  recordingDurationSec: z.number().int().nullable(),
});
export type CallDto = z.infer<typeof callDto>;

export const callPageDto = z.object({ items: z.array(callDto), nextCursor: z.string().nullable() });
