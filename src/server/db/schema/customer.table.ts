import { pgTable, text, uuid, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, idColumn, tenantIdColumn, updatedAt } from './columns.js';
import { tenants } from './tenant.table.js';

export const customers = pgTable(
  'customers',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    /** Client-side key from imports (会員番号 …); dedup key on re-import. */
    externalRef: text('external_ref'),
    kind: text('kind').notNull().default('person'),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    companyName: text('company_name'),
    gender: text('gender'),
    ageGroup: text('age_group'),
    prefecture: text('prefecture'),
    postalCode: text('postal_code'),
    address: text('address'),
    notes: text('notes'),
    consentMarketing: boolean('consent_marketing').notNull().default(false),
    /** VIP (優良顧客): shown on every screen of the customer; an IVR flow can branch on it. */
    vip: boolean('vip').notNull().default(false),
    /** Folded (NFKC, width, kana, case) name + kana + company, for substring verification. */
    searchText: text('search_text').notNull().default(''),
    /** Bigrams of the folded fields: GIN-indexed, the same on PGlite and PostgreSQL. */
    searchTerms: text('search_terms').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('customers_tenant_updated_idx').on(t.tenantId, t.updatedAt),
    index('customers_search_terms_gin').using('gin', t.searchTerms),
    uniqueIndex('customers_tenant_external_ref_uq').on(t.tenantId, t.externalRef),
  ],
);

/** Phones (E.164), e-mails (lower-cased), LINE user ids — unique per tenant and kind. */
export const contactPoints = pgTable(
  'contact_points',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    label: text('label'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contact_points_tenant_kind_value_uq').on(t.tenantId, t.kind, t.value),
    // customer_id first keeps cascading deletes indexed; tenant_id lets the 360 reads stay on the index.
    index('contact_points_customer_idx').on(t.customerId, t.tenantId),
  ],
);
