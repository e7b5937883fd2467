import { z } from 'zod';
import { problemSchema } from '../../platform/http.schemas.js';
import { e164Phone } from '../telephony/telephony-settings.schemas.js';

/** 発信: the agent asks to call a number, from a customer's record or typed in. */
export const dialBody = z.object({
  /** Any common form (090-1234-5678, 03 1234 5678, +81 …); dialled in E.164. */
  to: e164Phone,
  /** The customer whose record the call starts from (the tenant's; 404 otherwise). Without it, the number's owner, if any. */
  customerId: z.uuid({ message: 'must be a UUID' }).optional(),
});
export type DialInput = z.output<typeof dialBody>;

export const dialResultDto = z.object({
  /** `pbx`: the PBX was asked to ring the agent's extension; `twilio`: Twilio rings the agent's phone or softphone. */
  via: z.enum(['pbx', 'twilio']),
  /** The number dialled (E.164). */
  to: z.string(),
  /** The call log entry (Twilio); a PBX's call appears once the PBX reports it through the CTI webhook. */
  callId: z.string().nullable(),
});
export type DialResult = z.infer<typeof dialResultDto>;

/** 502: the PBX or Twilio did not place the call; `upstream` says what it answered. */
export const gatewayProblemSchema = problemSchema.extend({
  upstream: z.object({
    /** The HTTP status the PBX or Twilio answered (null: no answer). */
    status: z.number().int().nullable(),
    /** Twilio's error code (https://www.twilio.com/docs/api/errors), when Twilio gave one. */
    code: z.number().int().nullable(),
    message: z.string(),
  }),
});
export type GatewayProblem = z.infer<typeof gatewayProblemSchema>;
