import type { Case } from '../../api/types.js';

/** Statuses that still need work (same rule as `isOpenStatus` in src/core/cases). */
export function isOpenCase(status: Case['status']): boolean {
  return status === 'new' || status === 'open' || status === 'pending';
}

/** Past its due time and still open. */
export function isOverdue(item: Pick<Case, 'dueAt' | 'status'>, now: number = Date.now()): boolean {
  if (!item.dueAt || !isOpenCase(item.status)) return false;
  const due = Date.parse(item.dueAt);
  return !Number.isNaN(due) && due < now;
}
