import { z } from 'zod';

const words = (max: number) => z.array(z.string().trim().min(1).max(100)).max(max);

export const MAX_RELATED = 10;

/** What an editor writes; the same on create and on every saved draft. */
export const articleContentFields = {
  title: z.string().trim().min(1, 'title is required').max(300),
  body: z.string().max(200_000, 'body is longer than 200,000 characters'),
  tags: words(50).default([]),
  productSkus: words(50).default([]),
  categoryId: z.uuid().nullable().optional(),
  visibility: z.enum(['public', 'internal']).default('internal'),
  /** Articles shown as related: same tenant, existing, not the article itself. */
  relatedIds: z.array(z.uuid({ message: 'must be a UUID' })).max(MAX_RELATED, `at most ${MAX_RELATED} related articles`)
    .refine((ids) => new Set(ids).size === ids.length, 'related articles are listed twice').default([]),
};

export const createArticleBody = z.object({
  ...articleContentFields,
  /** Publish at once (imports of approved manuals, demo data); otherwise a draft only editors see. */
  publish: z.boolean().default(false),
});
export type CreateArticleInput = z.output<typeof createArticleBody>;

export const searchQuery = z.object({
  q: z.string().max(200, 'q is longer than 200 characters'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  categoryId: z.uuid().optional(),
  product: z.string().max(100).optional(),
  /** Editors may include drafts. */
  drafts: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const synonymsBody = z.object({
  groups: z.array(z.array(z.string().trim().min(1).max(50)).min(2, 'a group needs at least two words').max(20)).max(500),
});

const highlight = z.tuple([z.number().int(), z.number().int()]);
export const searchHitDto = z.object({
  id: z.uuid(), title: z.string(), tags: z.array(z.string()), categoryId: z.uuid().nullable(),
  visibility: z.string(), status: z.string(), updatedAt: z.string(), score: z.number(),
  snippet: z.object({ text: z.string(), highlights: z.array(highlight) }),
});
export const searchResultDto = z.object({ terms: z.array(z.string()), hits: z.array(searchHitDto) });

export const articleDto = z.object({
  id: z.uuid(), title: z.string(), body: z.string(), tags: z.array(z.string()), productSkus: z.array(z.string()),
  categoryId: z.uuid().nullable(), visibility: z.string(), status: z.string(), publishedVersion: z.number().int().nullable(),
  latestVersion: z.number().int(), reviewBy: z.string().nullable(), publishedAt: z.string().nullable(), updatedAt: z.string(),
  views: z.number().int(), helpful: z.number().int(), notHelpful: z.number().int(),
  /** `body` rendered to safe HTML (no raw HTML, http/https/mailto links only). */
  bodyHtml: z.string(),
  /** Related articles the caller may read. */
  related: z.array(z.object({ id: z.uuid(), title: z.string() })),
});
export type ArticleDto = z.infer<typeof articleDto>;

export const missDto = z.object({ query: z.string(), source: z.string(), count: z.number().int(), lastAt: z.string() });

export const feedbackBody = z.object({ helpful: z.boolean() });

export const createCategoryBody = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
  parentId: z.uuid().nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const categoryDto = z.object({ id: z.uuid(), parentId: z.uuid().nullable(), name: z.string(), position: z.number().int() });
