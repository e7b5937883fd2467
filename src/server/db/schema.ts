// The whole schema for drizzle (queries and drizzle-kit). One file per aggregate under schema/.
export * from './schema/tenant.table.js';
export * from './schema/user.table.js';
export * from './schema/customer.table.js';
export * from './schema/product.table.js';
export * from './schema/order.table.js';
export * from './schema/interaction.table.js';
export * from './schema/audit.table.js';
export * from './schema/routing.table.js';
export * from './schema/knowledge.table.js';
