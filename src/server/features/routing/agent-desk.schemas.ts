import { z } from 'zod';
import { customerOverviewDto } from '../customers/customer-overview.schemas.js';
import { contactDto } from './contact.schemas.js';

export const transferNote = z.object({ at: z.string(), fromAgentId: z.string(), fromName: z.string(), note: z.string() });
export type TransferNote = z.infer<typeof transferNote>;

export const workItem = z.object({
  contact: contactDto,
  phase: z.enum(['offered', 'connected', 'wrap_up']),
  expiresAt: z.string().nullable(),
  wrapUpUntil: z.string().nullable(),
  queueName: z.string(),
  tenantSlug: z.string(),
  tenantName: z.string(),
  screenPop: customerOverviewDto.nullable(),
  transferNotes: z.array(transferNote),
  interactionNotes: z.string().nullable(),
  dispositions: z.array(z.object({ code: z.string(), label: z.string() })),
});
export type WorkItem = z.infer<typeof workItem>;

export const agentMe = z.object({
  agentId: z.uuid(),
  displayName: z.string(),
  presence: z.enum(['offline', 'available', 'break', 'missed']),
  reason: z.string().nullable(),
  activity: z.enum(['offline', 'available', 'busy', 'acw', 'break', 'missed']),
  since: z.string(),
  breakReasons: z.array(z.object({ tenantId: z.uuid(), code: z.string(), label: z.string() })),
  work: z.array(workItem),
});
export type AgentMe = z.infer<typeof agentMe>;

export const presenceBody = z.object({
  change: z.enum(['login', 'ready', 'break', 'logout']),
  reason: z.string().trim().min(1).max(40).optional(),
});
export const contactParams = z.object({ contactId: z.uuid({ message: 'must be a UUID' }) });
export const linkCustomerBody = z.object({ customerId: z.uuid() });
export const notesBody = z.object({ notes: z.string().max(20_000) });
export const wrapUpBody = z.object({
  disposition: z.string().trim().min(1).max(40).nullable().optional(),
  notes: z.string().max(20_000).nullable().optional(),
  caseId: z.uuid().nullable().optional(),
});
export const transferBody = z.object({
  queueId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  note: z.string().trim().min(1, 'a transfer note is required: the next agent must not re-ask').max(2_000),
}).refine((b) => b.queueId !== undefined || b.agentId !== undefined, { message: 'give queueId or agentId', path: ['queueId'] });
export const consultBody = z.object({ agentId: z.uuid(), note: z.string().trim().min(1).max(2_000) });
export const transferTargets = z.object({
  queues: z.array(z.object({ id: z.uuid(), name: z.string(), waiting: z.number().int() })),
  agents: z.array(z.object({ id: z.uuid(), name: z.string(), activity: z.string() })),
});
