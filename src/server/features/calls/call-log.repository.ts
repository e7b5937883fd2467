import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customers, users } from '../../db/schema.js';
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
  };
}
export type CallLogRepository = ReturnType<typeof createCallLogRepository>;
export type CallLogRow = Awaited<ReturnType<CallLogRepository['list']>>[number];
