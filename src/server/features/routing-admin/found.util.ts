import { notFound } from '../../platform/app-error.js';

/** The row, or a 404 naming what was missing (a row of another tenant is missing too). */
export function found<T>(row: T | null | undefined, what: string): T {
  if (row === null || row === undefined) throw notFound(what);
  return row;
}
