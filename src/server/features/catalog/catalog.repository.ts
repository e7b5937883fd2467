import { and, asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { ownedProducts, products } from '../../db/schema.js';

const ownedColumns = {
  id: ownedProducts.id, customerId: ownedProducts.customerId, productId: ownedProducts.productId, productName: products.name,
  sku: products.sku, serial: ownedProducts.serial, purchasedOn: ownedProducts.purchasedOn, warrantyUntil: ownedProducts.warrantyUntil,
};

export function createCatalogRepository(db: Db) {
  return {
    async insertProduct(row: typeof products.$inferInsert) {
      const [p] = await db.insert(products).values(row).onConflictDoNothing().returning();
      return p ?? null;
    },
    async updateProduct(tenantId: string, id: string, patch: Partial<typeof products.$inferInsert>) {
      const [p] = await db.update(products).set(patch).where(and(eq(products.tenantId, tenantId), eq(products.id, id))).returning();
      return p ?? null;
    },
    async deleteProduct(tenantId: string, id: string) {
      const rows = await db.delete(products).where(and(eq(products.tenantId, tenantId), eq(products.id, id))).returning({ id: products.id });
      return rows.length > 0;
    },
    async findProduct(tenantId: string, id: string) {
      const rows = await db.select().from(products).where(and(eq(products.tenantId, tenantId), eq(products.id, id))).limit(1);
      return rows[0] ?? null;
    },
    async findProductBySku(tenantId: string, sku: string) {
      const rows = await db.select().from(products).where(and(eq(products.tenantId, tenantId), eq(products.sku, sku))).limit(1);
      return rows[0] ?? null;
    },
    async listProducts(tenantId: string, q: string, limit: number, offset: number) {
      const where = and(eq(products.tenantId, tenantId), q ? or(ilike(products.name, containsPattern(q)), ilike(products.sku, containsPattern(q))) : undefined);
      const [items, totals] = await Promise.all([
        db.select().from(products).where(where).orderBy(asc(products.sku)).limit(limit).offset(offset),
        db.select({ n: count() }).from(products).where(where),
      ]);
      return { items, total: Number(totals[0]?.n ?? 0) };
    },
    async insertOwned(row: typeof ownedProducts.$inferInsert) {
      const [o] = await db.insert(ownedProducts).values(row).onConflictDoNothing().returning({ id: ownedProducts.id });
      return o ?? null;
    },
    async updateOwned(tenantId: string, id: string, patch: Partial<typeof ownedProducts.$inferInsert>) {
      const rows = await db.update(ownedProducts).set(patch).where(and(eq(ownedProducts.tenantId, tenantId), eq(ownedProducts.id, id))).returning({ id: ownedProducts.id });
      return rows.length > 0;
    },
    async deleteOwned(tenantId: string, id: string) {
      const rows = await db.delete(ownedProducts).where(and(eq(ownedProducts.tenantId, tenantId), eq(ownedProducts.id, id))).returning({ id: ownedProducts.id });
      return rows.length > 0;
    },
    async findOwned(tenantId: string, id: string) {
      const rows = await db.select(ownedColumns).from(ownedProducts).innerJoin(products, eq(products.id, ownedProducts.productId))
        .where(and(eq(ownedProducts.tenantId, tenantId), eq(ownedProducts.id, id))).limit(1);
      return rows[0] ?? null;
    },
    async listOwnedByCustomer(tenantId: string, customerId: string) {
      return db.select(ownedColumns).from(ownedProducts).innerJoin(products, eq(products.id, ownedProducts.productId))
        .where(and(eq(ownedProducts.tenantId, tenantId), eq(ownedProducts.customerId, customerId)))
        .orderBy(desc(ownedProducts.purchasedOn), asc(ownedProducts.id));
    },
    /** Screen-pop by keyed-in serial: unique index on (tenant_id, serial_normalized). */
    async findOwnerBySerial(tenantId: string, serialNormalized: string) {
      const rows = await db.select({ customerId: ownedProducts.customerId }).from(ownedProducts)
        .where(and(eq(ownedProducts.tenantId, tenantId), eq(ownedProducts.serialNormalized, serialNormalized))).limit(1);
      return rows[0]?.customerId ?? null;
    },
    /**
     * The owner of the serial whose digits are these (a serial keyed on a phone); null when no one
     * or more than one customer owns such a serial, since a wrong screen pop is worse than none.
     */
    async findOwnerBySerialDigits(tenantId: string, digits: string) {
      const rows = await db.selectDistinct({ customerId: ownedProducts.customerId }).from(ownedProducts)
        .where(and(eq(ownedProducts.tenantId, tenantId), sql`regexp_replace(${ownedProducts.serialNormalized}, '[^0-9]', '', 'g') = ${digits}`)).limit(2);
      return rows.length === 1 ? rows[0]!.customerId : null;
    },
  };
}
export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
