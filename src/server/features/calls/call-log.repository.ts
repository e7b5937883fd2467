import { and, desc, eq, gte, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contacts, customers, interactions, users } from '../../db/schema.js';
import { voiceCalls } from '../../db/schema/voice.table.js';

export interface CallLogFilter {
  customerId?: string | undefined;
  agentUserId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Rows after this one in the order newest first (the previous page's last row). */
  after?: { startedAt: Date; id: string } | undefined;
}

const columns = { call: voiceCalls, customerName: customers.name, agentName: users.displayName };

/** The call log (voice_calls of every provider: Twilio, PBXs through CTI), read-only, per tenant. */
export function createCallLogRepository(db: Db) {
  const base = () => db.select(columns).from(voiceCalls)
    .leftJoin(customers, and(eq(customers.id, voiceCalls.customerId), eq(customers.tenantId, voiceCalls.tenantId)))
    .leftJoin(users, eq(users.id, voiceCalls.agentUserId));
  return {
    /** Newest first, `limit` rows at most. */
    async list(tenantId: string, f: CallLogFilter, limit: number) {
      const where: (SQL | undefined)[] = [
        eq(voiceCalls.tenantId, tenantId),
        f.customerId ? eq(voiceCalls.customerId, f.customerId) : undefined,
        f.agentUserId ? eq(voiceCalls.agentUserId, f.agentUserId) : undefined,
        f.from ? gte(voiceCalls.startedAt, f.from) : undefined,
        f.to ? lt(voiceCalls.startedAt, f.to) : undefined,
        f.after ? or(lt(voiceCalls.startedAt, f.after.startedAt), and(eq(voiceCalls.startedAt, f.after.startedAt), lt(voiceCalls.id, f.after.id))) : undefined,
      ];
      return base().where(and(...where)).orderBy(desc(voiceCalls.startedAt), desc(voiceCalls.id)).limit(limit);
    },
    async find(tenantId: string, id: string) {
      const [r] = await base().where(and(eq(voiceCalls.tenantId, tenantId), eq(voiceCalls.id, id))).limit(1);
      return r ?? null;
    },
    /**
     * Links a call that has no customer yet, with its interaction and contact (where they have none),
     * in one transaction; false when it already had one (a concurrent link won).
     */
    async linkCustomer(tenantId: string, id: string, customerId: string, at: Date): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [call] = await tx.update(voiceCalls).set({ customerId, updatedAt: at })
          .where(and(eq(voiceCalls.tenantId, tenantId), eq(voiceCalls.id, id), isNull(voiceCalls.customerId)))
          .returning({ interactionId: voiceCalls.interactionId, contactId: voiceCalls.contactId });
        if (!call) return false;
        if (call.interactionId) {
          await tx.update(interactions).set({ customerId, updatedAt: at })
            .where(and(eq(interactions.tenantId, tenantId), eq(interactions.id, call.interactionId), isNull(interactions.customerId)));
        }
        if (call.contactId) {
          await tx.update(contacts).set({ customerId, updatedAt: at })
            .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, call.contactId), isNull(contacts.customerId)));
        }
        return true;
      });
    },
  };
}
export type CallLogRepository = ReturnType<typeof createCallLogRepository>;
export type CallLogRow = Awaited<ReturnType<CallLogRepository['list']>>[number];
