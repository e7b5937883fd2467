import { boolean, customType, date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, idColumn, tenantIdColumn, updatedAt } from './columns.js';
import { tenants } from './tenant.table.js';
import { users } from './user.table.js';

/** PostgreSQL's tsvector, written as its text form (built by src/core/knowledge/search-document.ts). */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/** A tenant's category tree (parent null = top level), ordered by position among siblings. */
export const knowledgeCategories = pgTable(
  'knowledge_categories',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => knowledgeCategories.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Top-level names (parent null) are unique too.
    unique('knowledge_categories_tenant_parent_name_uq').on(t.tenantId, t.parentId, t.name).nullsNotDistinct(),
    index('knowledge_categories_parent_idx').on(t.parentId),
  ],
);

/**
 * An article as readers see it: the published content (or, before the first publication, the latest
 * draft, which only editors see). Every edit is a row of knowledge_article_versions; publishing copies
 * a version here. The search columns are derived from this content.
 */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id').references(() => knowledgeCategories.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** Markdown; rendered with raw HTML disabled and sanitized on output. */
    body: text('body').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** SKUs of the tenant's products this article is about. */
    productSkus: text('product_skus').array().notNull().default(sql`'{}'::text[]`),
    /** public: on the portal and in the console; internal: operators only. */
    visibility: text('visibility').notNull().default('internal'),
    /** draft | in_review | published | archived — of the latest version. */
    status: text('status').notNull().default('draft'),
    /** The version shown here; null until first published. */
    publishedVersion: integer('published_version'),
    latestVersion: integer('latest_version').notNull().default(1),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    reviewBy: date('review_by', { mode: 'string' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    views: integer('views').notNull().default(0),
    helpful: integer('helpful').notNull().default(0),
    notHelpful: integer('not_helpful').notNull().default(0),
    /** Articles shown as "related" (same tenant; checked on write). */
    relatedIds: uuid('related_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Folded title (search fold): ranking (a term in the title, the exact title). */
    titleFold: text('title_fold').notNull().default(''),
    /** Folded tags joined by '|': ranking. */
    tagsFold: text('tags_fold').notNull().default(''),
    /** Bigram and single-character lexemes of title, tags and body: GIN-indexed matching. */
    searchVector: tsvector('search_vector').notNull().default(sql`''::tsvector`),
    /** The same for title and tags only: the best candidates of a frequent word, found first. */
    titleVector: tsvector('title_vector').notNull().default(sql`''::tsvector`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('knowledge_articles_tenant_updated_idx').on(t.tenantId, t.updatedAt),
    index('knowledge_articles_category_idx').on(t.categoryId),
    index('knowledge_articles_search_vector_gin').using('gin', t.searchVector),
    index('knowledge_articles_title_vector_gin').using('gin', t.titleVector),
  ],
);

/** Every saved state of an article: the history, the diff and the workflow. */
export const knowledgeArticleVersions = pgTable(
  'knowledge_article_versions',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id').notNull().references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    productSkus: text('product_skus').array().notNull().default(sql`'{}'::text[]`),
    categoryId: uuid('category_id'),
    visibility: text('visibility').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    relatedIds: uuid('related_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** Who approved or sent back the version in review, when, and why. */
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('knowledge_article_versions_article_version_uq').on(t.articleId, t.version)],
);

/** Words that mean the same for search in one tenant (返品 = 返却). */
export const knowledgeSynonyms = pgTable(
  'knowledge_synonyms',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    words: text('words').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('knowledge_synonyms_tenant_idx').on(t.tenantId)],
);

/** Searches that found nothing: the list of articles still to write. */
export const knowledgeSearchMisses = pgTable(
  'knowledge_search_misses',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    /** Folded query: the same question typed differently counts once. */
    queryFold: text('query_fold').notNull(),
    /** The last wording seen. */
    query: text('query').notNull(),
    /** console | portal */
    source: text('source').notNull(),
    count: integer('count').notNull().default(1),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('knowledge_search_misses_tenant_query_source_uq').on(t.tenantId, t.queryFold, t.source)],
);

/** "Was this helpful?" answers, from agents (user set) and the public (no user). */
export const knowledgeFeedback = pgTable(
  'knowledge_feedback',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id').notNull().references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    helpful: boolean('helpful').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('knowledge_feedback_article_idx').on(t.articleId, t.createdAt)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Files attached to an article (manuals, images); stored in the database, size-limited on upload. */
export const knowledgeAttachments = pgTable(
  'knowledge_attachments',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id').notNull().references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('knowledge_attachments_article_idx').on(t.articleId)],
);

/** One import of a manual or Q&A sheet: what was created and what could not be read. */
export const knowledgeImports = pgTable(
  'knowledge_imports',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** docx | pdf | markdown | csv | xlsx */
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    created: integer('created').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** { articles: [{id, title}], problems: [{where, message}] } */
    report: jsonb('report').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('knowledge_imports_tenant_created_idx').on(t.tenantId, t.createdAt)],
);
