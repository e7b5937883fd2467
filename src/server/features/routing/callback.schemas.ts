import { z } from 'zod';
import { isoDateTime, optionalText } from '../../platform/http.schemas.js';

export const CALLBACK_STATUSES = ['scheduled', 'routed', 'cancelled'] as const;

export const scheduleCallbackBody = z.object({
  queueId: z.uuid(),
  dueAt: isoDateTime,
  customerId: z.uuid().nullable().optional(),
  phone: z.string().trim().min(1).max(40).nullable().optional(),
  note: optionalText(2_000),
  /** The contact it follows up: its history comes along; with keepPlace the customer keeps their place in line. */
  fromContactId: z.uuid().nullable().optional(),
  keepPlace: z.boolean().default(false),
  preferredAgentId: z.uuid().nullable().optional(),
}).refine((b) => b.customerId || b.phone || b.fromContactId, { message: 'give customerId, phone or fromContactId: whom to call back', path: ['phone'] });
export type ScheduleCallbackInput = z.output<typeof scheduleCallbackBody>;

export const callbackDto = z.object({
  id: z.uuid(), queueId: z.uuid(), customerId: z.uuid().nullable(), phone: z.string().nullable(), dueAt: z.string(), note: z.string().nullable(),
  fromContactId: z.uuid().nullable(), preferredAgentId: z.uuid().nullable(), status: z.enum(CALLBACK_STATUSES), contactId: z.uuid().nullable(), createdAt: z.string(),
});
export type CallbackDto = z.infer<typeof callbackDto>;

export const callbackQuery = z.object({ status: z.enum(CALLBACK_STATUSES).optional() });
