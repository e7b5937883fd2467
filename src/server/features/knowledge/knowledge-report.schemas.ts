import { z } from 'zod';
import { isoDate } from '../../platform/http.schemas.js';

const MAX_DAYS = 366;

/** Local dates of the tenant's time zone, both included. */
export const usageQuery = z.object({ from: isoDate, to: isoDate })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_DAYS, { message: `at most ${MAX_DAYS} days`, path: ['to'] });

const votes = z.object({ helpful: z.number().int(), notHelpful: z.number().int() });
export const usageDto = z.object({
  from: z.string(), to: z.string(), timeZone: z.string(),
  totals: z.object({ articles: z.number().int(), views: z.number().int(), helpful: z.number().int(), notHelpful: z.number().int(), helpfulRatio: z.number().nullable() }),
  articles: z.array(z.object({
    id: z.uuid(), title: z.string(), visibility: z.string(),
    /** All-time reads (a counter): votes are for the period, views are not. */
    views: z.number().int(),
    helpful: z.number().int(), notHelpful: z.number().int(), helpfulRatio: z.number().nullable(),
    bySource: z.object({ console: votes, portal: votes }),
  })),
  neverViewed: z.array(z.object({ id: z.uuid(), title: z.string() })),
  topMisses: z.array(z.object({ query: z.string(), source: z.string(), count: z.number().int(), lastAt: z.string() })),
});
