import type { CallPop, WorkItem } from '../../api/routing-types.js';

/**
 * The desk's telephone screen pops (`call_pop` frames of the agent socket): one per call, the last
 * frame of a call replacing the earlier one (ringing → answered). Pure, like desk-state.
 */

const STATUSES = new Set(['ringing', 'answered']);
const nullableString = (v: unknown) => v === null || typeof v === 'string';

/** A `call` of a `call_pop` frame we can show (anything else is ignored). */
export function isCallPop(value: unknown): value is CallPop {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.tenantId === 'string' &&
    typeof v.from === 'string' &&
    typeof v.to === 'string' &&
    (v.direction === 'in' || v.direction === 'out') &&
    typeof v.status === 'string' &&
    STATUSES.has(v.status) &&
    nullableString(v.customerId ?? null) &&
    nullableString(v.customerName ?? null)
  );
}

/** The pops after a frame: the call's earlier pop is replaced, and the newest call comes first. */
export function upsertCallPop(pops: readonly CallPop[], pop: CallPop): CallPop[] {
  return [pop, ...pops.filter((p) => p.id !== pop.id)];
}

/** The other party's number: the caller of an inbound call, the called number of an outbound one. */
export function callPopNumber(pop: Pick<CallPop, 'direction' | 'from' | 'to'>): string {
  return pop.direction === 'in' ? pop.from : pop.to;
}

/**
 * The calls the desk holds as work items (a PBX call counted in routing: its contact's context names
 * the call log row). Their pops step aside for the work item, which shows the same customer and more.
 */
export function callIdsOfWork(work: readonly WorkItem[]): string[] {
  const ids: string[] = [];
  for (const w of work) {
    const call = w.contact.context?.call;
    if (call && typeof call === 'object' && typeof (call as { id?: unknown }).id === 'string') ids.push((call as { id: string }).id);
  }
  return ids;
}
