import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, contacts, interactions, reasonCodes, routingQueues, tenants, users } from '../../db/schema.js';
import { voiceCalls } from '../../db/schema/voice.table.js';

export interface ReasonCode { tenantId: string; code: string; label: string }

/** Reads and writes of the agent desktop that are not the engine's: codes, names, the interaction. */
export function createDeskRepository(db: Db) {
  const codes = async (kind: 'break' | 'disposition', tenantIds: string[]): Promise<ReasonCode[]> =>
    tenantIds.length === 0 ? [] : db.select({ tenantId: reasonCodes.tenantId, code: reasonCodes.code, label: reasonCodes.label }).from(reasonCodes)
      .where(and(inArray(reasonCodes.tenantId, tenantIds), eq(reasonCodes.kind, kind), eq(reasonCodes.active, true)))
      .orderBy(asc(reasonCodes.sortOrder), asc(reasonCodes.code));
  return {
    breakReasons: (tenantIds: string[]) => codes('break', tenantIds),
    dispositions: (tenantIds: string[]) => codes('disposition', tenantIds),
    async tenant(id: string) {
      const [t] = await db.select().from(tenants).where(eq(tenants.id, id));
      return t ?? null;
    },
    async userNames(ids: string[]) {
      if (ids.length === 0) return new Map<string, string>();
      const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    async linkCustomer(contactId: string, interactionId: string, customerId: string, at: Date) {
      await db.transaction(async (tx) => {
        await tx.update(contacts).set({ customerId, updatedAt: at }).where(eq(contacts.id, contactId));
        await tx.update(interactions).set({ customerId, updatedAt: at }).where(eq(interactions.id, interactionId));
        // A phone contact's call (Twilio or a PBX's) joins the customer's call log too.
        await tx.update(voiceCalls).set({ customerId, updatedAt: at }).where(and(eq(voiceCalls.contactId, contactId), isNull(voiceCalls.customerId)));
      });
    },
    async saveNotes(id: string, notes: string, at: Date) {
      await db.update(interactions).set({ notes, updatedAt: at }).where(eq(interactions.id, id));
    },
    async caseExists(tenantId: string, id: string) {
      return (await db.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)))).length > 0;
    },
    queuesOf: (tenantId: string) =>
      db.select({ id: routingQueues.id, name: routingQueues.name }).from(routingQueues).where(eq(routingQueues.tenantId, tenantId)).orderBy(asc(routingQueues.name)),
  };
}
export type DeskRepository = ReturnType<typeof createDeskRepository>;
