import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agentProfiles, interactions, memberships, users } from '../../db/schema.js';
import { voiceCalls } from '../../db/schema/voice.table.js';

export const CTI_PROVIDER = 'cti';

export type VoiceCallRow = typeof voiceCalls.$inferSelect;
type CallInsert = typeof voiceCalls.$inferInsert & { id: string; tenantId: string };
type InteractionInsert = typeof interactions.$inferInsert & { id: string; tenantId: string };
type CallPatch = Partial<Pick<typeof voiceCalls.$inferInsert, 'status' | 'outcome' | 'cause' | 'agentUserId' | 'answeredBy' | 'answeredAt' | 'endedAt'>>;
type InteractionPatch = Partial<Pick<typeof interactions.$inferInsert, 'agentUserId' | 'answeredAt' | 'endedAt' | 'subject' | 'disposition'>>;

/** An agent of the tenant, with what a PBX may call them by. */
export interface AgentIdentity { userId: string; extension: string | null; email: string; phone: string | null }

/**
 * The calls PBXs report (voice_calls rows of provider `cti`) and their call log interactions. Every
 * method takes the tenant. A call and its interaction change together, in one transaction; every
 * change is conditional on the state it was decided from, so a redelivered or concurrent event
 * changes nothing twice.
 */
export function createCtiRepository(db: Db) {
  const byCallId = (tenantId: string, callId: string) =>
    and(eq(voiceCalls.tenantId, tenantId), eq(voiceCalls.provider, CTI_PROVIDER), eq(voiceCalls.externalId, callId));

  return {
    async findCall(tenantId: string, callId: string): Promise<VoiceCallRow | null> {
      const [r] = await db.select().from(voiceCalls).where(byCallId(tenantId, callId)).limit(1);
      return r ?? null;
    },
    /**
     * Logs a new call with its interaction; false when the call was already there (a redelivery, or
     * a concurrent one that won: the unique index on (tenant, provider, callId) decides, without an error).
     */
    async insertCall(call: CallInsert, interaction: InteractionInsert | null): Promise<boolean> {
      return db.transaction(async (tx) => {
        const inserted = await tx.insert(voiceCalls).values({ ...call, interactionId: null })
          .onConflictDoNothing({ target: [voiceCalls.tenantId, voiceCalls.provider, voiceCalls.externalId] })
          .returning({ id: voiceCalls.id });
        if (inserted.length === 0) return false;
        // A call counted in routing gets its interaction from its contact (linkContact).
        if (interaction === null) return true;
        await tx.insert(interactions).values(interaction);
        await tx.update(voiceCalls).set({ interactionId: interaction.id }).where(and(eq(voiceCalls.tenantId, call.tenantId), eq(voiceCalls.id, call.id)));
        return true;
      });
    },
    /** Remembers whose desks got a pop of the call (told again when it ends). */
    async notePopped(tenantId: string, id: string, userIds: readonly string[]): Promise<void> {
      if (userIds.length === 0) return;
      await db.update(voiceCalls)
        .set({ poppedUserIds: sql`ARRAY(SELECT DISTINCT u FROM unnest(${voiceCalls.poppedUserIds} || ${sql.param([...userIds])}::uuid[]) AS u)` })
        .where(and(eq(voiceCalls.tenantId, tenantId), eq(voiceCalls.id, id)));
    },
    /** The routing contact of a call counted in a queue: its interaction is the call's history entry. */
    async linkContact(tenantId: string, id: string, contact: { contactId: string; interactionId: string }): Promise<VoiceCallRow | null> {
      const [row] = await db.update(voiceCalls).set(contact).where(and(eq(voiceCalls.tenantId, tenantId), eq(voiceCalls.id, id))).returning();
      return row ?? null;
    },
    /**
     * Moves the call on from `fromStatus` (null when another event moved it first: decide again) and
     * updates its interaction alike.
     */
    async advanceCall(tenantId: string, callId: string, fromStatus: string, call: CallPatch, interaction: InteractionPatch, at: Date): Promise<VoiceCallRow | null> {
      return db.transaction(async (tx) => {
        const [row] = await tx.update(voiceCalls).set({ ...call, updatedAt: at })
          .where(and(byCallId(tenantId, callId), eq(voiceCalls.status, fromStatus))).returning();
        if (!row) return null;
        if (row.interactionId && Object.keys(interaction).length > 0) {
          await tx.update(interactions).set({ ...interaction, updatedAt: at })
            .where(and(eq(interactions.tenantId, tenantId), eq(interactions.id, row.interactionId)));
        }
        return row;
      });
    },
    /**
     * Enabled members of the tenant that any of these names: their extension, e-mail (login, any
     * case) or phone (E.164; pass the normalized forms among the names).
     */
    async agentsNamed(tenantId: string, names: readonly string[]): Promise<AgentIdentity[]> {
      const list = [...new Set(names.filter(Boolean))];
      if (list.length === 0) return [];
      const lower = list.map((n) => n.toLowerCase());
      return db.select({ userId: users.id, extension: agentProfiles.extension, email: users.email, phone: agentProfiles.phone })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(agentProfiles, eq(agentProfiles.userId, users.id))
        .where(and(
          eq(memberships.tenantId, tenantId),
          eq(users.disabled, false),
          or(inArray(agentProfiles.extension, list), inArray(sql`lower(${users.email})`, lower), inArray(agentProfiles.phone, list)),
        ));
    },
  };
}
export type CtiRepository = ReturnType<typeof createCtiRepository>;
