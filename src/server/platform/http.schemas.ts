import { z } from 'zod';

/** Shared HTTP shapes: pagination, id params, problem body (documented in OpenAPI). */
/** Paging for every list: 1-based page, at most 100 rows per page. */
export const pageFields = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export const idParams = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  reason: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** Optional trimmed text: empty strings become null so forms can clear a field. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

// PostgreSQL refuses year 0 and parses no years past 9999 in ISO form: keep dates where both
// engines and people agree, so an odd year is a 400, not a database error.
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const yearMessage = `must be between the years ${MIN_YEAR} and ${MAX_YEAR}`;
const yearInRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

export const isoDateTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s))
  .refine((d) => yearInRange(d.getUTCFullYear()), yearMessage);
export const isoDate = z.iso.date().refine((s) => yearInRange(Number(s.slice(0, 4))), yearMessage);

/** DELETE answers 204 with no body. */
export const noContent = z.null().describe('No content');

export const errorResponses = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
