import type { CallPop, WorkItem } from '../../api/routing-types.js';

/**
 * The desk's telephone screen pops (`call_pop` frames of the agent socket): one per call, the last
 * frame of a call replacing the earlier one (ringing → answered). Pure, like desk-state.
 */

const STATUSES = new Set(['ringing', 'answered', 'ended']);
const OUTCOMES = new Set([null, 'answered', 'missed']);
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
    OUTCOMES.has((v.outcome ?? null) as string | null) &&
    nullableString(v.customerId ?? null) &&
    nullableString(v.customerName ?? null)
  );
}

/**
 * The pops after a frame: the call's earlier pop is replaced; a new or answered call comes first, an
 * ended one stays where it was (it never pushes a ringing call down).
 */
export function upsertCallPop(pops: readonly CallPop[], pop: CallPop): CallPop[] {
  if (pop.status === 'ended' && pops.some((p) => p.id === pop.id)) return pops.map((p) => (p.id === pop.id ? pop : p));
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
