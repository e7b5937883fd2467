import { and, arrayContains, asc, count, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { contactPoints, customers, ownedProducts } from '../../db/schema.js';

export type CustomerRow = typeof customers.$inferSelect;
export type ContactPointRow = typeof contactPoints.$inferSelect;

export interface CustomerSearch {
  /** Folded name text and its bigrams (GIN prefilter, then exact substring check). */
  text: { folded: string; terms: string[] } | null;
  phoneE164: string | null;
  email: string | null;
  serial: string | null;
}


export function createCustomerRepository(db: Db) {
  function searchWhere(tenantId: string, s: CustomerSearch): SQL | undefined {
    const alternatives: SQL[] = [];
    if (s.text) {
      // GIN prefilter on bigrams (single characters are indexed too), then the exact substring check.
      const substring = like(customers.searchText, containsPattern(s.text.folded));
      alternatives.push(s.text.terms.length > 0 ? and(arrayContains(customers.searchTerms, s.text.terms), substring)! : substring);
    }
    const byContact = (kind: string, value: string) =>
      inArray(customers.id, db.select({ id: contactPoints.customerId }).from(contactPoints)
        .where(and(eq(contactPoints.tenantId, tenantId), eq(contactPoints.kind, kind), eq(contactPoints.value, value))));
    if (s.phoneE164) alternatives.push(byContact('phone', s.phoneE164));
    if (s.email) alternatives.push(byContact('email', s.email));
    if (s.serial) {
      alternatives.push(inArray(customers.id, db.select({ id: ownedProducts.customerId }).from(ownedProducts)
        .where(and(eq(ownedProducts.tenantId, tenantId), eq(ownedProducts.serialNormalized, s.serial)))));
    }
    if (alternatives.length === 0) return eq(customers.tenantId, tenantId);
    return and(eq(customers.tenantId, tenantId), or(...alternatives));
  }

  // Caller identification runs for every incoming contact: prepared once.
  const byContactPoint = db.select({ c: customers }).from(contactPoints).innerJoin(customers, eq(customers.id, contactPoints.customerId))
    .where(and(
      eq(contactPoints.tenantId, sql.placeholder('tenantId')), eq(contactPoints.kind, sql.placeholder('kind')),
      eq(contactPoints.value, sql.placeholder('value')), eq(customers.tenantId, sql.placeholder('tenantId')),
    )).limit(1).prepare('customer_by_contact_point');

  return {
    async insert(row: typeof customers.$inferInsert, points: (typeof contactPoints.$inferInsert)[]) {
      return db.transaction(async (tx) => {
        const [c] = await tx.insert(customers).values(row).returning();
        if (points.length > 0) await tx.insert(contactPoints).values(points);
        return c!;
      });
    },
    async update(tenantId: string, id: string, patch: Partial<typeof customers.$inferInsert>) {
      const [c] = await db.update(customers).set(patch).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id))).returning();
      return c ?? null;
    },
    async delete(tenantId: string, id: string) {
      const rows = await db.delete(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id))).returning({ id: customers.id });
      return rows.length > 0;
    },
    async findById(tenantId: string, id: string) {
      const rows = await db.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id))).limit(1);
      return rows[0] ?? null;
    },
    /** Many customers with their contact points in one transaction (imports): all or nothing. */
    async insertMany(rows: (typeof customers.$inferInsert)[], points: (typeof contactPoints.$inferInsert)[]) {
      if (rows.length === 0) return [];
      return db.transaction(async (tx) => {
        const inserted = await tx.insert(customers).values(rows).returning();
        if (points.length > 0) await tx.insert(contactPoints).values(points);
        return inserted;
      });
    },
    async findByExternalRefs(tenantId: string, refs: string[]) {
      if (refs.length === 0) return [];
      return db.select().from(customers).where(and(eq(customers.tenantId, tenantId), inArray(customers.externalRef, refs)));
    },
    async findByIds(tenantId: string, ids: string[]) {
      if (ids.length === 0) return [];
      return db.select().from(customers).where(and(eq(customers.tenantId, tenantId), inArray(customers.id, ids)));
    },
    async findByExternalRef(tenantId: string, ref: string) {
      const rows = await db.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.externalRef, ref))).limit(1);
      return rows[0] ?? null;
    },
    async search(tenantId: string, s: CustomerSearch, limit: number, offset: number) {
      const where = searchWhere(tenantId, s);
      const [items, totals] = await Promise.all([
        db.select().from(customers).where(where).orderBy(desc(customers.updatedAt), desc(customers.id)).limit(limit).offset(offset),
        db.select({ n: count() }).from(customers).where(where),
      ]);
      return { items, total: Number(totals[0]?.n ?? 0) };
    },
    /** Exact contact-point match joined to its customer: the screen-pop path (unique index on tenant, kind, value). */
    async findCustomerByContact(tenantId: string, kind: string, value: string) {
      const rows = await byContactPoint.execute({ tenantId, kind, value });
      return rows[0]?.c ?? null;
    },
    /** Exact contact-point match (unique index on tenant, kind, value). */
    async findCustomerIdByContact(tenantId: string, kind: string, value: string) {
      const rows = await db.select({ id: contactPoints.customerId }).from(contactPoints)
        .where(and(eq(contactPoints.tenantId, tenantId), eq(contactPoints.kind, kind), eq(contactPoints.value, value))).limit(1);
      return rows[0]?.id ?? null;
    },
    async findContactOwners(tenantId: string, kind: string, values: string[]) {
      if (values.length === 0) return [];
      return db.select({ value: contactPoints.value, customerId: contactPoints.customerId }).from(contactPoints)
        .where(and(eq(contactPoints.tenantId, tenantId), eq(contactPoints.kind, kind), inArray(contactPoints.value, values)));
    },
    async listContactPoints(tenantId: string, customerIds: string[]) {
      if (customerIds.length === 0) return [];
      return db.select().from(contactPoints)
        .where(and(eq(contactPoints.tenantId, tenantId), inArray(contactPoints.customerId, customerIds)))
        .orderBy(desc(contactPoints.isPrimary), asc(contactPoints.createdAt), asc(contactPoints.id));
    },
    async insertContactPoint(row: typeof contactPoints.$inferInsert) {
      return db.transaction(async (tx) => {
        if (row.isPrimary) {
          await tx.update(contactPoints).set({ isPrimary: false })
            .where(and(eq(contactPoints.tenantId, row.tenantId), eq(contactPoints.customerId, row.customerId), eq(contactPoints.kind, row.kind)));
        }
        const [cp] = await tx.insert(contactPoints).values(row).onConflictDoNothing().returning();
        return cp ?? null;
      });
    },
    async deleteContactPoint(tenantId: string, id: string) {
      const rows = await db.delete(contactPoints).where(and(eq(contactPoints.tenantId, tenantId), eq(contactPoints.id, id)))
        .returning({ id: contactPoints.id, customerId: contactPoints.customerId });
      return rows[0] ?? null;
    },
    async touch(tenantId: string, id: string, at: Date) {
      await db.update(customers).set({ updatedAt: at }).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
    },
  };
}
export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
