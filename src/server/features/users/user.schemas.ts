import { z } from 'zod';
import { ROLES } from '../../../core/auth/permissions.js';

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('not a valid e-mail address')),
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(10, 'use at least 10 characters').max(1024),
  locale: z.enum(['ja', 'en']).default('ja'),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const memberDto = z.object({ id: z.string(), displayName: z.string(), email: z.string(), role: z.enum(ROLES) });
export const memberListDto = z.object({ items: z.array(memberDto) });
