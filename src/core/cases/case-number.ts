/** Human-facing case number: C-000123; padded to 6 digits, longer numbers are not truncated. */
export function formatCaseNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`invalid case number: ${n}`);
  return `C-${String(n).padStart(6, '0')}`;
}
