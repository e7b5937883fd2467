import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission } from '../../../core/auth/permissions.js';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, idParams, noContent } from '../../platform/http.schemas.js';
import type { KnowledgeService } from './knowledge.service.js';
import { articleDto, categoryDto, createArticleBody, createCategoryBody, feedbackBody, missDto, searchQuery, searchResultDto, synonymsBody } from './knowledge.schemas.js';

export async function knowledgeRoutes(app: FastifyInstance, opts: { knowledge: KnowledgeService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { knowledge } = opts;
  const tags = ['knowledge'];
  r.get('/api/v1/knowledge/search', {
    schema: { tags, summary: 'Japanese full-text search of the knowledge base (width, kana and code forms folded; synonyms)', querystring: searchQuery, response: { 200: searchResultDto, ...errorResponses } },
    config: { access: 'knowledge:read' },
  }, async (request) => {
    const ctx = ctxOf(request);
    const { q, limit, categoryId, product, drafts } = request.query;
    const r = await knowledge.search(ctx, q, {
      audience: 'console', limit, ...(categoryId ? { categoryId } : {}), ...(product ? { productSku: product } : {}),
      includeDrafts: drafts === true && hasPermission(ctx.role, 'knowledge:write'),
    });
    return { terms: r.query.terms.map((t) => t.text), hits: r.hits };
  });
  r.post('/api/v1/knowledge/articles', {
    schema: { tags, summary: 'Write an article (a draft, or published at once)', body: createArticleBody, response: { 201: articleDto, ...errorResponses } },
    config: { access: 'knowledge:write' },
  }, async (request, reply) => {
    const ctx = ctxOf(request);
    return reply.status(201).send(await knowledge.getArticle(ctx, await knowledge.createArticle(ctx, request.body)));
  });
  r.get('/api/v1/knowledge/articles/:id', {
    schema: { tags, summary: 'An article', params: idParams, response: { 200: articleDto, ...errorResponses } },
    config: { access: 'knowledge:read' },
  }, async (request) => {
    const ctx = ctxOf(request);
    const article = await knowledge.getArticle(ctx, request.params.id, { drafts: hasPermission(ctx.role, 'knowledge:write') });
    if (article.publishedVersion !== null) await knowledge.countView(ctx, article.id);
    return article;
  });
  r.post('/api/v1/knowledge/articles/:id/feedback', {
    schema: { tags, summary: 'Was this article helpful? (an agent’s vote)', params: idParams, body: feedbackBody, response: { 204: noContent, ...errorResponses } },
    config: { access: 'knowledge:feedback' },
  }, async (request, reply) => {
    await knowledge.feedback(ctxOf(request), request.params.id, { helpful: request.body.helpful, source: 'console' });
    return reply.status(204).send(null);
  });
  r.get('/api/v1/knowledge/categories', {
    schema: { tags, summary: 'The category tree, flat (parentId null = top level)', response: { 200: z.array(categoryDto), ...errorResponses } },
    config: { access: 'knowledge:read' },
  }, async (request) => knowledge.categories(ctxOf(request)));
  r.post('/api/v1/knowledge/categories', {
    schema: { tags, summary: 'Add a category (names are unique among siblings)', body: createCategoryBody, response: { 201: categoryDto, ...errorResponses } },
    config: { access: 'knowledge:write' },
  }, async (request, reply) => reply.status(201).send(await knowledge.createCategory(ctxOf(request), request.body)));
  r.get('/api/v1/knowledge/synonyms', {
    schema: { tags, summary: 'Synonym groups used by search (返品 = 返却)', response: { 200: synonymsBody, ...errorResponses } },
    config: { access: 'knowledge:read' },
  }, async (request) => ({ groups: await knowledge.synonyms(ctxOf(request)) }));
  r.put('/api/v1/knowledge/synonyms', {
    schema: { tags, summary: 'Replace the synonym groups', body: synonymsBody, response: { 204: noContent, ...errorResponses } },
    config: { access: 'knowledge:write' },
  }, async (request, reply) => {
    await knowledge.setSynonyms(ctxOf(request), request.body.groups);
    return reply.status(204).send(null);
  });
  r.get('/api/v1/knowledge/misses', {
    schema: { tags, summary: 'Searches that found nothing, most frequent first: the articles still to write', response: { 200: z.array(missDto), ...errorResponses } },
    config: { access: 'knowledge:write' },
  }, async (request) => knowledge.misses(ctxOf(request)));
}
