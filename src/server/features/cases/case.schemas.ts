import { z } from 'zod';
import { CASE_PRIORITIES, CASE_STATUSES } from '../../../core/cases/case-status.js';
import { isoDateTime, optionalText, pageFields } from '../../platform/http.schemas.js';
import { interactionDto } from '../interactions/interaction.schemas.js';

export const createCaseBody = z.object({
  title: z.string().trim().min(1, 'title is required').max(300),
  customerId: z.uuid().nullable().optional(),
  description: optionalText(20_000),
  priority: z.enum(CASE_PRIORITIES).default('normal'),
  dueAt: isoDateTime.nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  department: optionalText(100),
  category: optionalText(100),
  /** Links this interaction to the new case (a case created from a contact). */
  interactionId: z.uuid().optional(),
});
export type CreateCaseInput = z.output<typeof createCaseBody>;

export const updateCaseBody = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  description: optionalText(20_000),
  status: z.enum(CASE_STATUSES).optional(),
  priority: z.enum(CASE_PRIORITIES).optional(),
  dueAt: isoDateTime.nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  department: optionalText(100),
  category: optionalText(100),
  customerId: z.uuid().nullable().optional(),
});
export type UpdateCaseInput = z.output<typeof updateCaseBody>;

const many = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

export const caseQuery = z.object({
  status: many(z.enum(CASE_STATUSES)).optional(),
  priority: many(z.enum(CASE_PRIORITIES)).optional(),
  ownerUserId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  department: z.string().max(100).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().max(200).optional(),
  ...pageFields,
});
export type CaseQuery = z.infer<typeof caseQuery>;

export const caseDto = z.object({
  id: z.string(), number: z.number().int(), displayNumber: z.string(), customerId: z.string().nullable(), customerName: z.string().nullable(),
  title: z.string(), description: z.string().nullable(), status: z.enum(CASE_STATUSES), priority: z.enum(CASE_PRIORITIES),
  dueAt: z.string().nullable(), ownerUserId: z.string().nullable(), ownerName: z.string().nullable(), department: z.string().nullable(),
  category: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(), resolvedAt: z.string().nullable(), closedAt: z.string().nullable(),
  allowedTransitions: z.array(z.enum(CASE_STATUSES)),
});
export type CaseDto = z.infer<typeof caseDto>;
export const caseDetailDto = caseDto.extend({ interactions: z.array(interactionDto) });
