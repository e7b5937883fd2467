import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client.js';
import { apiTokens, contactPoints, ownedProducts, users } from '../../server/db/schema.js';
import { telephonySettings } from '../../server/db/schema/voice.table.js';
import type { SimCustomerKey } from '../../core/simulation/caller-generator.js';

/**
 * The few rows the simulator's setup writes or reads directly (everything routing-related goes
 * through the running server's HTTP API, so its engine hears of it): passwords of the simulated
 * agents, revoking its own tokens, a sample of customers' keys for screen pops, and the tenant's
 * Twilio auth token (the simulated phone signs its webhooks with it, as Twilio does).
 */
export function createSimRepository(db: Db) {
  return {
    async usersByEmail(emails: readonly string[]) {
      if (emails.length === 0) return [];
      return db.select({ id: users.id, email: users.email, displayName: users.displayName }).from(users).where(inArray(users.email, [...emails]));
    },
    /** One hash for every simulated agent of this run (the password is kept in memory only). */
    async setPasswordHash(userIds: readonly string[], passwordHash: string) {
      if (userIds.length === 0) return;
      await db.update(users).set({ passwordHash, disabled: false }).where(inArray(users.id, [...userIds]));
    },
    async renameUser(userId: string, displayName: string) {
      await db.update(users).set({ displayName }).where(eq(users.id, userId));
    },
    async revokeTokens(ids: readonly string[], at: Date) {
      if (ids.length === 0) return;
      await db.update(apiTokens).set({ revokedAt: at }).where(inArray(apiTokens.id, [...ids]));
    },
    /** The tenant's Twilio account SID and auth token as stored (null when Twilio is not set up). */
    async twilioAccountOf(tenantId: string): Promise<{ accountSid: string | null; authToken: string | null } | null> {
      const [r] = await db.select({ accountSid: telephonySettings.twilioAccountSid, authToken: telephonySettings.twilioAuthToken })
        .from(telephonySettings).where(eq(telephonySettings.tenantId, tenantId));
      return r ?? null;
    },
    /** Whether the tenant has a CTI token (a PBX may be using it: the simulator never replaces it). */
    async hasCtiToken(tenantId: string): Promise<boolean> {
      const [r] = await db.select({ hash: telephonySettings.ctiTokenHash }).from(telephonySettings).where(eq(telephonySettings.tenantId, tenantId));
      return Boolean(r?.hash);
    },
    /** Removes the CTI token this run issued (only its hash was ever stored). */
    async clearCtiToken(tenantId: string): Promise<void> {
      await db.update(telephonySettings).set({ ctiTokenHash: null }).where(eq(telephonySettings.tenantId, tenantId));
    },
    /**
     * Up to `limit` customers of the tenant with a phone, an e-mail or a serial (the same sample on
     * every run: the simulator's seed picks among them).
     */
    async customerKeys(tenantId: string, limit: number): Promise<SimCustomerKey[]> {
      const [points, serials] = await Promise.all([
        db.select({ customerId: contactPoints.customerId, kind: contactPoints.kind, value: contactPoints.value })
          .from(contactPoints)
          .where(and(eq(contactPoints.tenantId, tenantId), inArray(contactPoints.kind, ['phone', 'email'])))
          .orderBy(asc(contactPoints.customerId), sql`${contactPoints.isPrimary} desc`)
          .limit(limit * 3),
        db.select({ customerId: ownedProducts.customerId, serial: ownedProducts.serial })
          .from(ownedProducts)
          .where(and(eq(ownedProducts.tenantId, tenantId), isNotNull(ownedProducts.serial)))
          .orderBy(asc(ownedProducts.customerId))
          .limit(limit * 3),
      ]);
      const byCustomer = new Map<string, { phone: string | null; email: string | null; serial: string | null }>();
      const entry = (id: string) => byCustomer.get(id) ?? byCustomer.set(id, { phone: null, email: null, serial: null }).get(id)!;
      for (const p of points) {
        const e = entry(p.customerId);
        if (p.kind === 'phone' && !e.phone) e.phone = nationalPhone(p.value);
        if (p.kind === 'email' && !e.email) e.email = p.value;
      }
      for (const s of serials) {
        const e = entry(s.customerId);
        if (!e.serial && s.serial) e.serial = s.serial;
      }
      return [...byCustomer.values()].slice(0, limit);
    },
  };
}
export type SimRepository = ReturnType<typeof createSimRepository>;

/** +819012345678 → 090-1234-5678 (what a CTI shows); other numbers as national digits. */
export function nationalPhone(e164: string): string {
  if (!e164.startsWith('+81')) return e164;
  const national = `0${e164.slice(3)}`;
  if (/^0[789]0\d{8}$/.test(national)) return `${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`;
  return national;
}
