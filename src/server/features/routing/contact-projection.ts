import { eq, sql } from 'drizzle-orm';
import { contacts } from '../../db/schema.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { RoutingAction } from '../../../core/routing/routing.types.js';
import type { Tx } from './routing-store.js';

/**
 * Carries the engine's actions into the business records, in the step's transaction: the contact's
 * status and agent, its queue legs (what the metrics count) and the interaction's timestamps.
 *
 * Each action is ONE statement (data-modifying CTEs touch the contact, its open leg and its
 * interaction together): the routing writer is serialized, so round trips per step are its budget.
 */
export async function projectActions(tx: Tx, actions: readonly RoutingAction[], at: Date, ids: IdGenerator) {
  const wrapping = new Set(actions.filter((a) => a.type === 'wrap_up_started').map((a) => `${a.agentId}:${a.contactId}`));
  const ts = sql`${at.toISOString()}::timestamptz`;

  for (const a of actions) {
    switch (a.type) {
      case 'offer':
        await tx.update(contacts).set({ status: 'offered', agentUserId: a.agentId, updatedAt: at }).where(eq(contacts.id, a.contactId));
        break;
      case 'offer_cancelled':
        if (a.reason !== 'contact_ended') await tx.update(contacts).set({ status: 'waiting', agentUserId: null, updatedAt: at }).where(eq(contacts.id, a.contactId));
        break;
      case 'contact_connected':
        await tx.execute(sql`
          with c as (
            update contacts set status = 'connected', agent_user_id = ${a.agentId}, answered_at = coalesce(answered_at, ${ts}), updated_at = ${ts}
            where id = ${a.contactId} returning interaction_id
          ), l as (
            update contact_legs set answered_at = ${ts}, agent_user_id = ${a.agentId} where contact_id = ${a.contactId} and ended_at is null
          )
          update interactions set agent_user_id = ${a.agentId}, answered_at = coalesce(answered_at, ${ts}), updated_at = ${ts}
          where id in (select interaction_id from c)`);
        break;
      case 'contact_transferred':
        await tx.execute(sql`
          with old as (
            update contact_legs set ended_at = ${ts}, end_reason = 'transferred'
            where contact_id = ${a.contactId} and ended_at is null returning tenant_id, channel
          ), leg as (
            insert into contact_legs (id, tenant_id, contact_id, queue_id, channel, offered_at)
            select ${ids()}, tenant_id, ${a.contactId}, ${a.toQueueId}, channel, ${ts} from old
          )
          update contacts set queue_id = ${a.toQueueId}, status = 'waiting', agent_user_id = null,
            context = ${JSON.stringify(a.context)}::jsonb, updated_at = ${ts}
          where id = ${a.contactId}`);
        break;
      case 'contact_ended': {
        // Answered with 後処理 to come: the leg and interaction stay open for wrap_up_ended.
        const acw = a.outcome === 'answered' && a.agentId !== null && wrapping.has(`${a.agentId}:${a.contactId}`);
        const wrapUpEnd = acw ? sql`null` : ts;
        await tx.execute(sql`
          with c as (
            update contacts set status = ${acw ? 'wrap_up' : 'ended'}, outcome = ${a.outcome}, ended_at = ${ts}, updated_at = ${ts}
            where id = ${a.contactId} returning interaction_id
          ), l as (
            update contact_legs set ended_at = ${ts}, end_reason = ${a.outcome}, wrap_up_ended_at = ${wrapUpEnd}
            where contact_id = ${a.contactId} and ended_at is null
          )
          update interactions set ended_at = ${ts}, wrap_up_ended_at = ${wrapUpEnd}, updated_at = ${ts}
          where id in (select interaction_id from c)`);
        break;
      }
      case 'wrap_up_ended':
        // The sender of a transfer wraps up a contact that lives on: only its own leg is closed.
        await tx.execute(sql`
          with l as (
            update contact_legs set wrap_up_ended_at = ${ts}
            where contact_id = ${a.contactId} and agent_user_id = ${a.agentId} and wrap_up_ended_at is null
          ), c as (
            update contacts set status = 'ended', updated_at = ${ts}
            where id = ${a.contactId} and agent_user_id = ${a.agentId} and status = 'wrap_up'
          )
          update interactions set wrap_up_ended_at = ${ts}, updated_at = ${ts}
          where id = (select interaction_id from contacts where id = ${a.contactId})`);
        break;
      default:
        break;
    }
  }
}
