import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, integer, date, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, updatedAt } from './columns.js';
import { tenants } from './tenant.table.js';
import { customers } from './customer.table.js';

/** The tenant's catalog. */
export const products = pgTable(
  'products',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    category: text('category'),
    priceJpy: integer('price_jpy'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('products_tenant_sku_uq').on(t.tenantId, t.sku)],
);

/** A product a customer owns; the serial is what callers key in, so it is indexed normalized. */
export const ownedProducts = pgTable(
  'owned_products',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').notNull().references(() => products.id, { onDelete: 'restrict' }),
    serial: text('serial'),
    serialNormalized: text('serial_normalized'),
    purchasedOn: date('purchased_on', { mode: 'string' }),
    warrantyUntil: date('warranty_until', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('owned_products_tenant_serial_uq').on(t.tenantId, t.serialNormalized),
    index('owned_products_customer_idx').on(t.customerId, t.tenantId),
    // A serial keyed on a phone (DTMF) is its digits only: SR4501-23A-00417 → 45012300417.
    index('owned_products_serial_digits_idx').on(t.tenantId, sql`regexp_replace(${t.serialNormalized}, '[^0-9]', '', 'g')`),
  ],
);
