import { pgTable, text, uuid, integer, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, tstz, updatedAt } from './columns.js';
import { tenants } from './tenant.table.js';
import { customers } from './customer.table.js';
import { products } from './product.table.js';

/** Purchases and mail-order orders. Amounts in yen (integers). */
export const orders = pgTable(
  'orders',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    orderNumber: text('order_number').notNull(),
    orderedAt: tstz('ordered_at').notNull(),
    status: text('status').notNull(),
    channel: text('channel'),
    totalJpy: integer('total_jpy').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_tenant_number_uq').on(t.tenantId, t.orderNumber),
    index('orders_customer_idx').on(t.customerId, t.tenantId, t.orderedAt, t.id),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    sku: text('sku'),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceJpy: integer('unit_price_jpy').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('order_lines_order_idx').on(t.orderId)],
);
