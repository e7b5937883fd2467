import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, tstz, updatedAt } from './columns.js';
import { tenants } from './tenant.table.js';

/** A tenant's public consultation room (/portal/{slug}/): on or off, branding, freshness rule. */
export const portalSites = pgTable('portal_sites', {
  tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  /** Shown in the header and page titles; the tenant's name when empty. */
  title: text('title').notNull().default(''),
  tagline: text('tagline').notNull().default(''),
  /** https URL or a data: image URL. */
  logoUrl: text('logo_url'),
  primaryColor: text('primary_color').notNull().default('#1d4ed8'),
  accentColor: text('accent_color').notNull().default('#f59e0b'),
  /** ja | en: the language of a page without ?lang= */
  defaultLocale: text('default_locale').notNull().default('ja'),
  /** Routing queue for contact-form messages (null: stored as a case only). */
  contactQueueId: uuid('contact_queue_id'),
  /** Articles not updated in this many days are listed as stale. */
  staleAfterDays: integer('stale_after_days').notNull().default(180),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** "お客様の声と私たちの取り組み": a customer voice and what the company did about it. */
export const portalVoiceResponses = pgTable(
  'portal_voice_responses',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** The voice, summarised (no personal data). */
    voice: text('voice').notNull(),
    /** What was done or decided. */
    response: text('response').notNull(),
    /** draft | published */
    status: text('status').notNull().default('draft'),
    publishedAt: tstz('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('portal_voice_responses_tenant_idx').on(t.tenantId, t.status, t.publishedAt)],
);
