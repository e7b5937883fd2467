import { z } from 'zod';
import { ROLES } from '../../../core/auth/permissions.js';

export const loginBody = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(1024),
});

export const membershipDto = z.object({
  tenantId: z.string(),
  tenantSlug: z.string(),
  tenantName: z.string(),
  role: z.enum(ROLES),
  timeZone: z.string(),
});

export const sessionDto = z.object({
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string(), locale: z.string() }),
  memberships: z.array(membershipDto),
  csrfToken: z.string(),
});
export type SessionDto = z.infer<typeof sessionDto>;
