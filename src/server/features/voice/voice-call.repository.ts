import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { interactions } from '../../db/schema/interaction.table.js';
import { agentProfiles } from '../../db/schema/routing.table.js';
import { tenants } from '../../db/schema/tenant.table.js';
import { voiceCalls } from '../../db/schema/voice.table.js';

export type VoiceCallRow = typeof voiceCalls.$inferSelect;
export type VoiceCallInsert = typeof voiceCalls.$inferInsert & { id: string };
/** What a webhook may change on a call besides its step and reply. */
export type VoiceCallPatch = Partial<Pick<VoiceCallRow,
  'externalId' | 'ivrState' | 'status' | 'outcome' | 'cause' | 'customerId' | 'contactId' | 'interactionId' | 'agentUserId' | 'entered' | 'answeredAt' | 'endedAt'
  | 'recordingSid' | 'recordingUrl' | 'recordingDurationSec'>>;

export type CallInteractionInsert = typeof interactions.$inferInsert & { id: string; tenantId: string };
/** What ending a call changes on its call log interaction. */
export type CallInteractionPatch = Partial<Pick<typeof interactions.$inferInsert, 'agentUserId' | 'answeredAt' | 'endedAt' | 'subject' | 'disposition'>>;

/** The calls the voice adapters keep (voice_calls), read and advanced one webhook at a time. */
export function createVoiceCallRepository(db: Db) {
  return {
    /** A call placed from here (click-to-call) with its phone interaction (the customer's history), in one transaction. */
    async insertWithInteraction(call: VoiceCallInsert, interaction: CallInteractionInsert): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.insert(interactions).values(interaction);
        await tx.insert(voiceCalls).values({ ...call, interactionId: interaction.id });
      });
    },
    /**
     * The call, created unless the provider's id was seen before (a resent first webhook):
     * `created` says which; the row is the stored one either way.
     */
    async insertOrFind(row: VoiceCallInsert): Promise<{ created: boolean; call: VoiceCallRow }> {
      const [inserted] = await db.insert(voiceCalls).values(row).onConflictDoNothing().returning();
      if (inserted) return { created: true, call: inserted };
      const [seen] = await db.select().from(voiceCalls)
        .where(and(eq(voiceCalls.tenantId, row.tenantId), eq(voiceCalls.provider, row.provider), eq(voiceCalls.externalId, row.externalId)));
      if (!seen) throw new Error('voice call neither inserted nor found');
      return { created: false, call: seen };
    },
    async find(id: string): Promise<VoiceCallRow | null> {
      const [r] = await db.select().from(voiceCalls).where(eq(voiceCalls.id, id));
      return r ?? null;
    },
    async findByExternalId(tenantId: string, provider: string, externalId: string): Promise<VoiceCallRow | null> {
      const [r] = await db.select().from(voiceCalls)
        .where(and(eq(voiceCalls.tenantId, tenantId), eq(voiceCalls.provider, provider), eq(voiceCalls.externalId, externalId)));
      return r ?? null;
    },
    /**
     * Moves the call from `step` to `step + 1` with its reply (false: another delivery of the same
     * webhook got there first). Optimistic, so no lock is held while routing commits.
     */
    async advance(id: string, step: number, reply: string, patch: VoiceCallPatch, at: Date): Promise<boolean> {
      const moved = await db.update(voiceCalls)
        .set({ ...patch, step: step + 1, lastReply: reply, updatedAt: at })
        .where(and(eq(voiceCalls.id, id), eq(voiceCalls.step, step)))
        .returning({ id: voiceCalls.id });
      return moved.length > 0;
    },
    /** Changes that are not a step of the caller's dialogue (status callbacks, recordings). */
    async update(id: string, patch: VoiceCallPatch, at: Date): Promise<void> {
      await db.update(voiceCalls).set({ ...patch, updatedAt: at }).where(eq(voiceCalls.id, id));
    },
    /**
     * Ends the call unless it already ended: false when it had (a resent status callback). Its call
     * log interaction, when it has one, changes with it.
     */
    async endOnce(id: string, patch: VoiceCallPatch & { endedAt: Date; cause: string }, at: Date, interaction: CallInteractionPatch = {}): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [ended] = await tx.update(voiceCalls).set({ ...patch, status: 'ended', updatedAt: at })
          .where(and(eq(voiceCalls.id, id), sql`${voiceCalls.status} <> 'ended'`))
          .returning({ tenantId: voiceCalls.tenantId, interactionId: voiceCalls.interactionId });
        if (!ended) return false;
        if (ended.interactionId && Object.keys(interaction).length > 0) {
          await tx.update(interactions).set({ ...interaction, updatedAt: at })
            .where(and(eq(interactions.tenantId, ended.tenantId), eq(interactions.id, ended.interactionId)));
        }
        return true;
      });
    },
    /** Stores the call's recording unless one with this id is stored (false: a resent callback). */
    async setRecordingOnce(id: string, rec: { recordingSid: string; recordingUrl: string; recordingDurationSec: number | null }, at: Date): Promise<boolean> {
      const set = await db.update(voiceCalls).set({ ...rec, updatedAt: at })
        .where(and(eq(voiceCalls.id, id), sql`${voiceCalls.recordingSid} is distinct from ${rec.recordingSid}`))
        .returning({ id: voiceCalls.id });
      return set.length > 0;
    },
    async tenant(tenantId: string) {
      const [r] = await db.select({ id: tenants.id, slug: tenants.slug, timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId));
      return r ?? null;
    },
    /** The number a Twilio call rings for this agent when they have no softphone. */
    async agentPhone(userId: string): Promise<string | null> {
      const [r] = await db.select({ phone: agentProfiles.phone }).from(agentProfiles).where(eq(agentProfiles.userId, userId));
      return r?.phone ?? null;
    },
  };
}
export type VoiceCallRepository = ReturnType<typeof createVoiceCallRepository>;
