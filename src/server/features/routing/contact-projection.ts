import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { contactLegs, contacts, interactions } from '../../db/schema.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { RoutingAction } from '../../../core/routing/routing.types.js';
import type { Tx } from './routing-store.js';

type ContactPatch = PgUpdateSetSource<typeof contacts>;

/**
 * Carries the engine's actions into the business records, in the step's transaction: the contact's
 * status and agent, its queue legs (what the metrics count) and the interaction's timestamps.
 */
export async function projectActions(tx: Tx, actions: readonly RoutingAction[], at: Date, ids: IdGenerator) {
  const wrapping = new Set(actions.filter((a) => a.type === 'wrap_up_started').map((a) => `${a.agentId}:${a.contactId}`));
  const setContact = (id: string, patch: ContactPatch) => tx.update(contacts).set({ ...patch, updatedAt: at }).where(eq(contacts.id, id));
  const openLeg = (contactId: string) => and(eq(contactLegs.contactId, contactId), isNull(contactLegs.endedAt));
  // The contact's interaction, as a subquery: one statement per update, no read first.
  const interactionOf = (contactId: string) => inArray(interactions.id, tx.select({ id: contacts.interactionId }).from(contacts).where(eq(contacts.id, contactId)));
  const firstTime = <T>(column: T) => sql`coalesce(${column}, ${at})`;

  for (const a of actions) {
    switch (a.type) {
      case 'offer':
        await setContact(a.contactId, { status: 'offered', agentUserId: a.agentId });
        break;
      case 'offer_cancelled':
        if (a.reason !== 'contact_ended') await setContact(a.contactId, { status: 'waiting', agentUserId: null });
        break;
      case 'contact_connected':
        await setContact(a.contactId, { status: 'connected', agentUserId: a.agentId, answeredAt: firstTime(contacts.answeredAt) });
        await tx.update(contactLegs).set({ answeredAt: at, agentUserId: a.agentId }).where(openLeg(a.contactId));
        await tx.update(interactions).set({ agentUserId: a.agentId, answeredAt: firstTime(interactions.answeredAt), updatedAt: at }).where(interactionOf(a.contactId));
        break;
      case 'contact_transferred': {
        const [leg] = await tx.select().from(contactLegs).where(openLeg(a.contactId));
        await tx.update(contactLegs).set({ endedAt: at, endReason: 'transferred' }).where(openLeg(a.contactId));
        if (leg) {
          await tx.insert(contactLegs).values({ id: ids(), tenantId: leg.tenantId, contactId: a.contactId, queueId: a.toQueueId, channel: leg.channel, offeredAt: at });
        }
        await setContact(a.contactId, { queueId: a.toQueueId, status: 'waiting', agentUserId: null, context: a.context });
        break;
      }
      case 'contact_ended': {
        const acw = a.outcome === 'answered' && a.agentId !== null && wrapping.has(`${a.agentId}:${a.contactId}`);
        await setContact(a.contactId, { status: acw ? 'wrap_up' : 'ended', outcome: a.outcome, endedAt: at });
        await tx.update(contactLegs).set({ endedAt: at, endReason: a.outcome, ...(acw ? {} : { wrapUpEndedAt: at }) }).where(openLeg(a.contactId));
        await tx.update(interactions).set({ endedAt: at, ...(acw ? {} : { wrapUpEndedAt: at }), updatedAt: at }).where(interactionOf(a.contactId));
        break;
      }
      case 'wrap_up_ended': {
        // The sender of a transfer wraps up a contact that lives on: only its own leg is closed.
        await tx.update(contactLegs).set({ wrapUpEndedAt: at })
          .where(and(eq(contactLegs.contactId, a.contactId), eq(contactLegs.agentUserId, a.agentId), isNull(contactLegs.wrapUpEndedAt)));
        await tx.update(contacts).set({ status: 'ended', updatedAt: at })
          .where(and(eq(contacts.id, a.contactId), eq(contacts.agentUserId, a.agentId), eq(contacts.status, 'wrap_up')));
        await tx.update(interactions).set({ wrapUpEndedAt: at, updatedAt: at }).where(interactionOf(a.contactId));
        break;
      }
      default:
        break;
    }
  }
}
