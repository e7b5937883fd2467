import type { IdGenerator } from '../../platform/ids.js';
import type { RoutingAction } from '../../../core/routing/routing.types.js';

/** The wrap-up's answers for the interaction; an absent key leaves its column as it is. */
export interface InteractionPatch {
  disposition?: string | null;
  notes?: string | null;
  caseId?: string | null;
}

/**
 * One write to the business records, in the shape `routing_project` (migration 0002) applies; the
 * writer sends a batch's operations in order inside routing_commit (migration 0003).
 * `at` is the step's time, so rows carry when things happened, not when the batch committed.
 */
export type ProjectionOp =
  | { op: 'offer' | 'connected' | 'wrap_up_ended'; at: string; contactId: string; agentId: string }
  | { op: 'offer_returned'; at: string; contactId: string }
  | { op: 'transferred'; at: string; contactId: string; toQueueId: string; legId: string; context: unknown }
  | { op: 'ended'; at: string; contactId: string; outcome: string; acw: boolean }
  | ({ op: 'interaction_finished'; at: string; interactionId: string } & InteractionPatch);

/**
 * What one step's actions change in the business records: the contact's status and agent, its queue
 * legs (what the metrics count) and the interaction's timestamps.
 */
export function projectionOps(actions: readonly RoutingAction[], at: Date, ids: IdGenerator): ProjectionOp[] {
  const wrapping = new Set(actions.filter((a) => a.type === 'wrap_up_started').map((a) => `${a.agentId}:${a.contactId}`));
  const ts = at.toISOString();
  const ops: ProjectionOp[] = [];
  for (const a of actions) {
    switch (a.type) {
      case 'offer':
        ops.push({ op: 'offer', at: ts, contactId: a.contactId, agentId: a.agentId });
        break;
      case 'offer_cancelled':
        // An ended contact's row is written by its contact_ended.
        if (a.reason !== 'contact_ended') ops.push({ op: 'offer_returned', at: ts, contactId: a.contactId });
        break;
      case 'contact_connected':
        ops.push({ op: 'connected', at: ts, contactId: a.contactId, agentId: a.agentId });
        break;
      case 'contact_transferred':
        ops.push({ op: 'transferred', at: ts, contactId: a.contactId, toQueueId: a.toQueueId, legId: ids(), context: a.context ?? null });
        break;
      case 'contact_ended':
        // Answered with 後処理 to come: the leg and interaction stay open for wrap_up_ended.
        ops.push({ op: 'ended', at: ts, contactId: a.contactId, outcome: a.outcome, acw: a.outcome === 'answered' && a.agentId !== null && wrapping.has(`${a.agentId}:${a.contactId}`) });
        break;
      case 'wrap_up_ended':
        ops.push({ op: 'wrap_up_ended', at: ts, contactId: a.contactId, agentId: a.agentId });
        break;
      default:
        break;
    }
  }
  return ops;
}
