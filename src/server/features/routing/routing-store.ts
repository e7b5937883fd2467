import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { routingAgentRuntime, routingContactRuntime, routingMeta } from '../../db/schema.js';
import type { RoutingSnapshot, RoutingState, StepChanges } from '../../../core/routing/routing-engine.js';
import type { AgentRuntime, ContactRuntime, Millis, RoutingAction } from '../../../core/routing/routing.types.js';
import type { ProjectionOp } from './contact-projection.js';

/** A transaction handle (same query API as Db). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The business rows a new contact brings (written with the step that routes it): routing_commit's columns. */
export interface NewContactRows {
  interaction: {
    id: string; tenantId: string; customerId: string | null; channel: string; direction: 'inbound' | 'outbound'; queue: string;
    subject: string | null; offeredAt: Date; createdBy: string | null; createdAt: Date; updatedAt: Date;
  };
  contact: {
    id: string; tenantId: string; externalId: string | null; channel: string; kind: string; queueId: string; interactionId: string;
    customerId: string | null; fromAddress: string | null; serial: string | null; subject: string | null; priority: number | null;
    status: string; arrivedAt: Date; context: unknown;
  };
  legId: string;
}

/** Everything one batch of steps writes. */
export interface CommitBatch {
  /** The state after the batch's last step. */
  state: RoutingState;
  /** Records changed by any step of the batch. */
  changed: StepChanges;
  actions: readonly RoutingAction[];
  newContacts: readonly NewContactRows[];
  ops: readonly ProjectionOp[];
  tenantOf: (contactId: string) => string | null;
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
        // Runtimes written before contacts carried their own skills and PBX flag read as needing none.
        contacts: contacts.map((c) => {
          const runtime = c.runtime as ContactRuntime;
          return Array.isArray(runtime.skills) && typeof runtime.external === 'boolean' ? runtime : { ...runtime, skills: runtime.skills ?? [], external: runtime.external ?? false };
        }),
      };
    },

    /**
     * Writes a batch with ONE statement (routing_commit, migration 0003): new contacts, the projection,
     * the runtime rows of what changed, the counters and the event log. A crash leaves the state before
     * or after the batch, never part of it. `runner` is a transaction when other writes must join it.
     */
    async commitBatch(runner: Db | Tx, batch: CommitBatch) {
      const { state, changed } = batch;
      const live: ContactRuntime[] = [];
      const gone: string[] = [];
      for (const id of changed.contacts) {
        const c = state.contacts.get(id);
        if (c) live.push(c);
        else gone.push(id);
      }
      const at = new Date(state.now).toISOString();
      const payload = {
        interactions: batch.newContacts.map((r) => r.interaction),
        contacts: batch.newContacts.map((r) => r.contact),
        legs: batch.newContacts.map(({ contact: c, legId }) => ({ id: legId, tenantId: c.tenantId, contactId: c.id, queueId: c.queueId, channel: c.channel, offeredAt: c.arrivedAt })),
        ops: batch.ops,
        agents: changed.agents.flatMap((id) => {
          const a = state.agents.get(id);
          return a ? [{ agentId: a.id, runtime: a }] : [];
        }),
        live: live.map((c) => ({ contactId: c.id, tenantId: c.tenantId, runtime: c })),
        gone,
        seq: state.seq,
        now: state.now,
        events: batch.actions.map((action) => {
          const keys = keysOf(action);
          return { at, type: action.type, tenantId: keys.contactId ? batch.tenantOf(keys.contactId) : null, ...keys, payload: action };
        }),
      };
      await runner.execute(sql`select routing_commit(${JSON.stringify(payload)}::jsonb)`);
    },
  };
}
export type RoutingStore = ReturnType<typeof createRoutingStore>;
