/** Postgres error codes as seen through pg, PGlite and drizzle's wrapper (which keeps the driver error as `cause`). */
function pgCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

export const isUniqueViolation = (err: unknown) => pgCode(err) === '23505';
// 23503 for NO ACTION references, 23001 (restrict_violation) for ON DELETE RESTRICT ones.
export const isForeignKeyViolation = (err: unknown) => ['23503', '23001'].includes(pgCode(err) ?? '');
export const isInsufficientPrivilege = (err: unknown) => pgCode(err) === '42501';
