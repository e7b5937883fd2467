import { z } from 'zod';

const figures = z.object({
  waiting: z.number().int(), longestWaitSec: z.number().nullable(), offered: z.number().int(), answered: z.number().int(), abandoned: z.number().int(),
  answerRate: z.number().nullable(), serviceLevel: z.number().nullable(), asaSec: z.number().nullable(), ahtSec: z.number().nullable(), acwSec: z.number().nullable(),
});

export const wallboard = z.object({
  at: z.string(),
  tenants: z.array(z.object({ tenantId: z.uuid(), slug: z.string(), name: z.string(), totals: figures })),
  queues: z.array(z.object({
    queueId: z.uuid(), tenantId: z.uuid(), name: z.string(), serviceLevelSec: z.number().int(), serviceLevelTarget: z.number(), figures,
  })),
  agents: z.array(z.object({
    agentId: z.uuid(), name: z.string(), activity: z.string(), reason: z.string().nullable(), reasonLabel: z.string().nullable(), since: z.string(), tenantIds: z.array(z.string()),
    load: z.record(z.string(), z.number().int()),
  })),
});
export type Wallboard = z.infer<typeof wallboard>;

export const wallboardQuery = z.object({
  tenants: z.string().max(1_000).optional().transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined)),
});
