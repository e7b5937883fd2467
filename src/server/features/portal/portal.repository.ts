import { and, count, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents, tenants } from '../../db/schema.js';
import { portalSites, portalVoiceResponses } from '../../db/schema/portal.table.js';

export type PortalSiteRow = typeof portalSites.$inferSelect;
export type VoiceRow = typeof portalVoiceResponses.$inferSelect;
export const CONTACT_SUBMIT_ACTION = 'portal.contact.submit';

const v = portalVoiceResponses;

/** Portal settings, voices and the submission count. Every method takes the tenant (a slug is resolved once, here). */
export function createPortalRepository(db: Db) {
  return {
    /** The tenant behind a slug with its portal settings (null settings: never configured). */
    async siteBySlug(slug: string) {
      const [r] = await db.select({ tenant: tenants, site: portalSites }).from(tenants)
        .leftJoin(portalSites, eq(portalSites.tenantId, tenants.id)).where(eq(tenants.slug, slug)).limit(1);
      return r ?? null;
    },
    async site(tenantId: string): Promise<PortalSiteRow | null> {
      const [r] = await db.select().from(portalSites).where(eq(portalSites.tenantId, tenantId));
      return r ?? null;
    },
    async upsertSite(row: typeof portalSites.$inferInsert & { tenantId: string }) {
      const { tenantId: _t, createdAt: _c, ...set } = row;
      await db.insert(portalSites).values(row).onConflictDoUpdate({ target: portalSites.tenantId, set });
    },
    async voices(tenantId: string, opts: { publishedOnly: boolean; limit: number }): Promise<VoiceRow[]> {
      return db.select().from(v)
        .where(and(eq(v.tenantId, tenantId), opts.publishedOnly ? eq(v.status, 'published') : undefined))
        .orderBy(desc(v.publishedAt), desc(v.createdAt)).limit(opts.limit);
    },
    async voice(tenantId: string, id: string): Promise<VoiceRow | null> {
      const [r] = await db.select().from(v).where(and(eq(v.tenantId, tenantId), eq(v.id, id)));
      return r ?? null;
    },
    async insertVoice(row: typeof v.$inferInsert & { id: string }) {
      await db.insert(v).values(row);
    },
    async updateVoice(tenantId: string, id: string, patch: Partial<typeof v.$inferInsert>) {
      const rows = await db.update(v).set(patch).where(and(eq(v.tenantId, tenantId), eq(v.id, id))).returning({ id: v.id });
      return rows.length > 0;
    },
    async deleteVoice(tenantId: string, id: string) {
      const rows = await db.delete(v).where(and(eq(v.tenantId, tenantId), eq(v.id, id))).returning({ id: v.id });
      return rows.length > 0;
    },
    /** Contact-form messages since `since`: each one is audited, the audit log is the record. */
    async contactSubmissions(tenantId: string, since: Date) {
      const [r] = await db.select({ n: count() }).from(auditEvents)
        .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, CONTACT_SUBMIT_ACTION), gte(auditEvents.at, since)));
      return Number(r?.n ?? 0);
    },
  };
}
export type PortalRepository = ReturnType<typeof createPortalRepository>;
