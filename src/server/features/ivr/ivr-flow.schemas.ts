import { z } from 'zod';
import { DTMF_KEYS, IVR_LIMITS as L } from '../../../core/ivr/ivr.types.js';
import { normalizePhone } from '../../../core/text-ja/phone.util.js';

// The flow as the editor sends it. Structure and limits are checked here (400); the flow's logic —
// paths that never end, loops without input, links to nowhere — by the core validator, whose
// problems come back with the saved draft and block publishing (422; see docs/ivr.md).

const nodeId = z.string().regex(L.idPattern, 'ids are 1–64 letters, digits, "_" or "-"');
const text = z.string().trim().min(1, 'text is required').max(L.textLength, `text is longer than ${L.textLength} characters`);
const optionalText = text.optional();
const queueId = z.uuid({ message: 'must be a queue id (UUID)' });
/** Where a transfer dials: a number the telephony provider can call, checked like any phone number. */
const phoneNumber = z.string().trim().min(1).max(40).refine((v) => normalizePhone(v).ok, { message: 'must be a phone number (e.g. 03-1234-5678 or +81 3 1234 5678)' });
// Counts are only bounded here; their limits (retries 0–5, timeouts 1–60 s …) are the validator's,
// which names the node.
const count = z.number().int().min(0).max(1000);
const retries = count;
const timeoutSec = count;

export const ivrNode = z.discriminatedUnion('type', [
  z.object({ type: z.literal('say'), id: nodeId, text, next: nodeId }),
  z.object({
    type: z.literal('menu'), id: nodeId, prompt: text,
    options: z.array(z.object({ key: z.enum(DTMF_KEYS), next: nodeId })).max(L.optionsPerMenu, `at most ${L.optionsPerMenu} options`),
    timeoutSec, retries, retryText: optionalText, onFail: nodeId,
  }),
  z.object({
    type: z.literal('gather'), id: nodeId, prompt: text, into: z.enum(['serial', 'phone', 'member', 'payment']),
    minDigits: count, maxDigits: count, luhn: z.boolean().optional(),
    timeoutSec, retries, retryText: optionalText, next: nodeId, onFail: nodeId,
  }),
  z.object({ type: z.literal('lookup'), id: nodeId, by: z.enum(['caller', 'serial', 'phone', 'member']), found: nodeId, notFound: nodeId }),
  z.object({ type: z.literal('hours'), id: nodeId, calendar: queueId, open: nodeId, closed: nodeId }),
  z.object({ type: z.literal('branch'), id: nodeId, attribute: z.string().trim().min(1).max(100), equals: z.union([z.string().max(200), z.number(), z.boolean()]), then: nodeId, else: nodeId }),
  z.object({
    type: z.literal('set'), id: nodeId, priority: z.number().int().min(0).max(100).optional(),
    skills: z.array(z.object({ skill: z.string().trim().min(1).max(100), minLevel: z.number().int().min(1).max(10) })).max(10).optional(), next: nodeId,
  }),
  z.object({ type: z.literal('enqueue'), id: nodeId, queueId, text: optionalText }),
  z.object({ type: z.literal('voicemail'), id: nodeId, prompt: text, maxSec: count, queueId }),
  z.object({ type: z.literal('callback'), id: nodeId, text, queueId }),
  z.object({ type: z.literal('transfer'), id: nodeId, number: phoneNumber, text: optionalText }),
  z.object({ type: z.literal('hangup'), id: nodeId, text: optionalText }),
]);

export const ivrFlowBody = z.object({ start: nodeId, nodes: z.array(ivrNode).max(L.nodes, `at most ${L.nodes} nodes`) });

const name = z.string().trim().min(1, 'name is required').max(100);
const description = z.string().trim().max(2000);
/** Dialled numbers in any common form (0120-123-456, +81 120 123 456); stored in E.164. */
const numbers = z.array(z.string().trim().min(1).max(40)).max(50);

export const createIvrFlowBody = z.object({ name, description: description.default(''), numbers: numbers.default([]), flow: ivrFlowBody });
export const updateIvrFlowBody = z.object({
  flow: ivrFlowBody,
  /** The version the editor started from: saving over someone else's newer version is a 409. */
  baseVersion: z.number().int().min(1),
  name: name.optional(),
  description: description.optional(),
  numbers: numbers.optional(),
});
export const publishIvrBody = z.object({ version: z.number().int().min(1) });

/** The editor's test panel: the keys a caller would press, the hours, and what a lookup finds. */
export const testIvrBody = z.object({
  version: z.number().int().min(1).optional(),
  from: z.string().trim().max(40).default('0312345678'),
  open: z.boolean().default(true),
  events: z.array(z.discriminatedUnion('type', [
    z.object({ type: z.literal('digits'), digits: z.string().max(L.maxDigits + 1).regex(/^[0-9*#]*$/, 'only phone keys: 0–9, * and #') }),
    z.object({ type: z.literal('timeout') }),
    z.object({ type: z.literal('lookup_result'), found: z.boolean(), attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() }),
    z.object({ type: z.literal('hangup') }),
  ])).max(200),
});

export const ivrProblemDto = z.object({ code: z.string(), nodeId: z.string().nullable(), nodeIds: z.array(z.string()).optional(), message: z.object({ ja: z.string(), en: z.string() }) });
export const ivrVersionDto = z.object({
  version: z.number().int(), flow: ivrFlowBody, problems: z.array(ivrProblemDto), publishable: z.boolean(), createdBy: z.uuid().nullable(), createdAt: z.string(),
});
export const ivrFlowDto = z.object({
  id: z.uuid(), name: z.string(), description: z.string(), status: z.enum(['draft', 'published']), numbers: z.array(z.string()),
  publishedVersion: z.number().int().nullable(), latestVersion: z.number().int(), createdAt: z.string(), updatedAt: z.string(),
  latest: ivrVersionDto, published: ivrVersionDto.nullable(),
});
export type IvrFlowDto = z.infer<typeof ivrFlowDto>;
export const ivrTestDto = z.object({
  steps: z.array(z.object({
    event: z.string().nullable(),
    /** What the caller would hear and what the system would do. */
    actions: z.array(z.record(z.string(), z.unknown())),
    status: z.enum(['waiting_input', 'waiting_lookup', 'ended']),
    /** The node the call waits at (the last one it waited at, once ended). */
    nodeId: z.string(),
    /** The last node the step went through: the waiting node, or the node the call ended at. */
    lastNodeId: z.string(),
  })),
  outcome: z.record(z.string(), z.unknown()).nullable(),
  /** Events left over after the call ended, or refused by it (e.g. keys while it looks up). */
  unused: z.number().int(),
  error: z.string().nullable(),
});
