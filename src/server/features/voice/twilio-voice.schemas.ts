import { z } from 'zod';

/**
 * The Voice webhook parameters we read, as Twilio documents them. Twilio sends many more (and adds
 * new ones): they are kept, since the signature covers every parameter sent.
 */
const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix}… id`);
const phoneField = z.string().max(64);

export const twilioParams = z.looseObject({
  CallSid: sid('CA'),
  AccountSid: sid('AC'),
  From: phoneField.default(''),
  To: phoneField.default(''),
  CallStatus: z.string().max(32).optional(),
  /** DTMF keys; after a Record, 'hangup' when the caller hung up to end the message. */
  Digits: z.string().max(64).regex(/^(?:[0-9*#]*|hangup)$/, 'DTMF keys only').optional(),
  QueueResult: z.string().max(32).optional(),
  QueueTime: z.string().max(16).optional(),
  AvgQueueTime: z.string().max(16).optional(),
  DialCallStatus: z.string().max(32).optional(),
  /** Seconds the dialled party talked (with DialCallStatus). */
  DialCallDuration: z.string().max(16).optional(),
  RecordingSid: sid('RE').optional(),
  RecordingUrl: z.url().max(1000).optional(),
  RecordingDuration: z.string().max(16).optional(),
});
export type TwilioParams = z.output<typeof twilioParams>;

export const callParams = z.object({ callId: z.uuid() });
/** The status webhook of a click-to-call names its call (Twilio's CallSid is not known when the call is placed). */
export const statusQuery = z.object({ call: z.uuid().optional() });
export const gatherQuery = z.object({ step: z.coerce.number().int().min(0).max(10_000), node: z.string().max(64).optional() });
export const recordingQuery = z.object({ kind: z.enum(['voicemail', 'call']), queue: z.uuid().optional() });
