import { z } from 'zod';

export const tenantSlug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'use 1–48 lower-case letters, digits and inner hyphens');

export const createTenantInput = z.object({
  slug: tenantSlug,
  name: z.string().trim().min(1).max(200),
  timeZone: z
    .string()
    .default('Asia/Tokyo')
    .refine((tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } }, 'unknown IANA time zone'),
});
export type CreateTenantInput = z.input<typeof createTenantInput>;
