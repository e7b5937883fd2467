import { z } from 'zod';
import { CHANNELS, MAX_SKILL_LEVEL, MIN_SKILL_LEVEL } from '../../../core/routing/routing.types.js';
import { normalizePhone } from '../../../core/text-ja/phone.util.js';

/** Request and reply shapes of the routing admin API (queues, skills, agents, reason codes). */

const name = z.string().trim().min(1, 'name is required').max(80);
const level = z.number().int().min(MIN_SKILL_LEVEL).max(MAX_SKILL_LEVEL);
const THIRTY_DAYS = 30 * 86_400;

const noDuplicate = <T>(key: (x: T) => string, what: string) => (items: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `${what} "${k}" is listed twice` });
    seen.add(k);
  });
};

// ---------------------------------------------------------------- skills

export const skillBody = z.object({ name });
export type SkillInput = z.output<typeof skillBody>;
export const skillDto = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
export type SkillDto = z.infer<typeof skillDto>;

// ---------------------------------------------------------------- queues

const requiredSkill = z.object({ skillId: z.uuid(), minLevel: level });
const overflowRule = z.discriminatedUnion('kind', [
  z.object({ afterSec: z.number().int().min(1).max(86_400), kind: z.literal('add_queue'), queueId: z.uuid() }),
  z.object({ afterSec: z.number().int().min(1).max(86_400), kind: z.literal('relax_level'), by: z.number().int().min(1).max(MAX_SKILL_LEVEL - 1) }),
]);
const whenClosed = z.partialRecord(z.enum(CHANNELS), z.enum(['reject', 'queue']));

/** Fields of a queue; omitted ones take QUEUE_DEFAULTS on create and stay as they are on update. */
const queueFields = {
  requiredSkills: z.array(requiredSkill).max(20).superRefine(noDuplicate((r) => r.skillId, 'skill')),
  priority: z.number().int().min(-100).max(100),
  agingPerMinute: z.number().min(0).max(100),
  offerTimeoutSec: z.number().int().min(5).max(600),
  wrapUpLimitSec: z.number().int().min(0).max(3600),
  serviceLevelSec: z.number().int().min(1).max(3600),
  serviceLevelTarget: z.number().min(0).max(1),
  stickyWindowSec: z.number().int().min(0).max(THIRTY_DAYS),
  overflow: z.array(overflowRule).max(10),
  hoursId: z.uuid().nullable(),
  whenClosed,
};

export const createQueueBody = z.object({ name, ...z.object(queueFields).partial().shape });
export const updateQueueBody = createQueueBody.partial();
export type CreateQueueInput = z.output<typeof createQueueBody>;
export type UpdateQueueInput = z.output<typeof updateQueueBody>;
export type QueueFields = z.output<z.ZodObject<typeof queueFields>>;

export const QUEUE_DEFAULTS: QueueFields = {
  requiredSkills: [], priority: 0, agingPerMinute: 1, offerTimeoutSec: 20, wrapUpLimitSec: 60, serviceLevelSec: 20,
  serviceLevelTarget: 0.8, stickyWindowSec: 0, overflow: [], hoursId: null, whenClosed: {},
};

export const queueDto = z.object({ id: z.string(), name: z.string(), ...queueFields, createdAt: z.string(), updatedAt: z.string() });
export type QueueDto = z.infer<typeof queueDto>;

// ---------------------------------------------------------------- agents

const capacityLimits = { voice: 1, chat: 20, email: 50, line: 20, web: 50 } as const satisfies Record<(typeof CHANNELS)[number], number>;
const capacity = z.object(
  Object.fromEntries(CHANNELS.map((c) => [c, z.number().int().min(0).max(capacityLimits[c]).default(0)])) as
    Record<(typeof CHANNELS)[number], z.ZodDefault<z.ZodNumber>>,
);

/** The agent's PBX extension (内線): what a PBX names in CTI events; unique across the center. */
const extension = z.string().trim().regex(/^[0-9A-Za-z*#._-]{1,32}$/, 'must be 1–32 of 0-9, a-z, *, #, ., _ and -');
/** Where a Twilio call rings without a softphone: any common form, stored in E.164. */
const agentPhone = z.string().trim().max(40).transform((v, ctx) => {
  const r = normalizePhone(v);
  if (r.ok) return r.e164 as string;
  ctx.addIssue({ code: 'custom', message: r.message });
  return z.NEVER;
});

/** Replaces the agent's profile (center-wide) and their skills in the caller's tenant. */
export const agentBody = z.object({
  capacity,
  voiceBlocksOthers: z.boolean().default(true),
  othersBlockVoice: z.boolean().default(false),
  /** Omitted: stays as it is; null: removed. */
  extension: extension.nullable().optional(),
  /** Omitted: stays as it is; null: removed. */
  phone: agentPhone.nullable().optional(),
  skills: z.array(z.object({ skillId: z.uuid(), level })).max(100).superRefine(noDuplicate((s) => s.skillId, 'skill')).default([]),
});
export type AgentInput = z.output<typeof agentBody>;
export const userIdParams = z.object({ userId: z.uuid({ message: 'must be a UUID' }) });

const capacityDto = z.object(Object.fromEntries(CHANNELS.map((c) => [c, z.number()])) as Record<(typeof CHANNELS)[number], z.ZodNumber>);
export const agentDto = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(['agent', 'supervisor']),
  /** False until a profile is set: such an agent is not routed, and the fields below show the defaults. */
  hasProfile: z.boolean(),
  /** Capacity and blocking are center-wide (one person, one headset). */
  capacity: capacityDto,
  voiceBlocksOthers: z.boolean(),
  othersBlockVoice: z.boolean(),
  /** PBX extension and phone (E.164), center-wide like the capacity. */
  extension: z.string().nullable(),
  phone: z.string().nullable(),
  /** Levels in this tenant's skills only. */
  skills: z.array(z.object({ skillId: z.string(), name: z.string(), level: z.number().int() })),
});
export type AgentDto = z.infer<typeof agentDto>;

// ---------------------------------------------------------------- reason codes

export const REASON_KINDS = ['break', 'disposition'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

const code = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'must be 1–40 of a-z, 0-9, _ and -');
const label = z.string().trim().min(1, 'label is required').max(80);
const sortOrder = z.number().int().min(0).max(10_000);

export const createReasonCodeBody = z.object({
  kind: z.enum(REASON_KINDS), code, label, active: z.boolean().default(true), sortOrder: sortOrder.default(0),
});
export const updateReasonCodeBody = z.object({ code: code.optional(), label: label.optional(), active: z.boolean().optional(), sortOrder: sortOrder.optional() });
export type CreateReasonCodeInput = z.output<typeof createReasonCodeBody>;
export type UpdateReasonCodeInput = z.output<typeof updateReasonCodeBody>;
export const reasonCodeQuery = z.object({ kind: z.enum(REASON_KINDS).optional() });

export const reasonCodeDto = z.object({
  id: z.string(), kind: z.enum(REASON_KINDS), code: z.string(), label: z.string(), active: z.boolean(), sortOrder: z.number().int(), createdAt: z.string(),
});
export type ReasonCodeDto = z.infer<typeof reasonCodeDto>;

export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
