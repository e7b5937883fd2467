import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contactLegs, contacts, interactions, routingAgentRuntime, routingContactRuntime, routingEvents, routingMeta } from '../../db/schema.js';
import type { RoutingSnapshot, RoutingState, StepChanges } from '../../../core/routing/routing-engine.js';
import type { AgentRuntime, ContactRuntime, Millis, RoutingAction } from '../../../core/routing/routing.types.js';

/** A transaction handle (same query API as Db). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The business rows a new contact brings (written with the step that routes it). */
export interface NewContactRows {
  contact: typeof contacts.$inferInsert & { id: string };
  interaction: typeof interactions.$inferInsert;
  legId: string;
}

const META_ID = 1;

/** Which tenant / agent / contact an action concerns: indexed columns of routing_events. */
function keysOf(action: RoutingAction): { agentId: string | null; contactId: string | null } {
  return {
    agentId: 'agentId' in action ? (action.agentId ?? null) : action.type === 'contact_transferred' ? action.toAgentId : null,
    contactId: 'contactId' in action ? action.contactId : null,
  };
}

/**
 * Persists the engine state as rows: agents and live contacts by id, the counters, and every action
 * (the event log). Written in the transaction of the step, so a crash leaves the state before or
 * after the step, never half of it.
 */
export function createRoutingStore(db: Db) {
  return {
    async loadSnapshot(): Promise<RoutingSnapshot | null> {
      const [meta] = await db.select().from(routingMeta).where(eq(routingMeta.id, META_ID));
      if (!meta) return null;
      const [agents, contacts] = await Promise.all([db.select().from(routingAgentRuntime), db.select().from(routingContactRuntime)]);
      return {
        now: meta.now as Millis,
        seq: meta.seq,
        agents: agents.map((a) => a.runtime as AgentRuntime),
        contacts: contacts.map((c) => c.runtime as ContactRuntime),
      };
    },

    /** Every new contact of a batch in three multi-row inserts. */
    async insertContacts(tx: Tx, rows: readonly NewContactRows[]) {
      if (rows.length === 0) return;
      await tx.insert(interactions).values(rows.map((r) => r.interaction));
      await tx.insert(contacts).values(rows.map((r) => r.contact));
      await tx.insert(contactLegs).values(rows.map(({ contact: c, legId }) => ({
        id: legId, tenantId: c.tenantId, contactId: c.id, queueId: c.queueId, channel: c.channel, offeredAt: c.arrivedAt,
      })));
    },

    async persistStep(tx: Tx, state: RoutingState, changed: StepChanges, actions: readonly RoutingAction[], tenantOf: (contactId: string) => string | null) {
      // One multi-row upsert per table: a step (or a batch of steps) costs a few statements, not one per row.
      const agents = changed.agents.map((id) => state.agents.get(id)).filter((a): a is AgentRuntime => a !== undefined);
      if (agents.length) {
        await tx.insert(routingAgentRuntime).values(agents.map((a) => ({ agentId: a.id, runtime: a })))
          .onConflictDoUpdate({ target: routingAgentRuntime.agentId, set: { runtime: sql`excluded.runtime` } });
      }
      const live: ContactRuntime[] = [];
      const gone: string[] = [];
      for (const id of changed.contacts) {
        const c = state.contacts.get(id);
        if (c) live.push(c);
        else gone.push(id);
      }
      if (live.length) {
        await tx.insert(routingContactRuntime).values(live.map((c) => ({ contactId: c.id, tenantId: c.tenantId, runtime: c })))
          .onConflictDoUpdate({ target: routingContactRuntime.contactId, set: { runtime: sql`excluded.runtime` } });
      }
      if (gone.length) await tx.delete(routingContactRuntime).where(inArray(routingContactRuntime.contactId, gone));
      await tx.insert(routingMeta).values({ id: META_ID, seq: state.seq, now: state.now })
        .onConflictDoUpdate({ target: routingMeta.id, set: { seq: state.seq, now: state.now } });
      if (actions.length) {
        const at = new Date(state.now);
        await tx.insert(routingEvents).values(actions.map((action) => {
          const keys = keysOf(action);
          return { at, type: action.type, tenantId: keys.contactId ? tenantOf(keys.contactId) : null, ...keys, payload: action };
        }));
      }
    },
  };
}
export type RoutingStore = ReturnType<typeof createRoutingStore>;
