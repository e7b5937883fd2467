import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptFormBodies } from '../../platform/form-body.js';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { faqPageJsonLd } from '../../../core/portal/json-ld.js';
import { sitemapXml } from '../../../core/portal/sitemap.js';
import { AppError } from '../../platform/app-error.js';
import type { FieldErrorKey } from './portal-messages.js';
import type { FormTokens } from './portal-form-token.js';
import type { PortalContactService } from './portal-contact.service.js';
import { ArticlePage, CategoryPage, ContactPage, ErrorPage, HomePage, SearchPage, ThanksPage, VoicesPage, type ContactValues } from './portal-pages.js';
import type { PortalReaderService } from './portal-reader.service.js';
import { localeOf, neutralSite, pageContext, sendPage } from './portal-render.js';
import { visitorContext, type Locale, type PortalSettingsService, type PortalSite } from './portal-settings.service.js';
import { articleParams, articleQuery, CONTACT_FIELDS, contactForm, feedbackForm, langQuery, searchQuery, slugParams, type ContactField } from './portal.schemas.js';
import { tenantSlug } from '../tenants/tenant.schemas.js';

/** Requests per minute per client address on the routes that write or search. */
export interface PortalRateLimits {
  contact: number;
  feedback: number;
  search: number;
}
export const DEFAULT_PORTAL_RATE_LIMITS: PortalRateLimits = { contact: 5, feedback: 30, search: 60 };

export interface PortalRoutesOptions {
  settings: PortalSettingsService;
  reader: PortalReaderService;
  contact: PortalContactService;
  tokens: FormTokens;
  /** MADOGUCHI_PUBLIC_URL: canonical links and the sitemap use it instead of the request's Host. */
  publicUrl: string | null;
  rateLimits?: Partial<PortalRateLimits> | undefined;
}

const FORM_BODY_LIMIT = 64 * 1024;
const VIEW_FLUSH_MS = 5_000;

/** Signals a page that does not exist for the public (rendered as the 404 page). */
class PortalNotFound extends Error {}

/**
 * The public consultation room, server-rendered at /portal/{tenant-slug}/ (register with prefix
 * '/portal'): no session, no JavaScript. Errors inside it are HTML pages, not problem+json.
 */
export async function portalRoutes(app: FastifyInstance, opts: PortalRoutesOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { settings, reader, tokens } = opts;
  const limits = { ...DEFAULT_PORTAL_RATE_LIMITS, ...opts.rateLimits };
  const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

  // Plain HTML forms post urlencoded bodies; only here (the JSON API keeps refusing them).
  acceptFormBodies(app, FORM_BODY_LIMIT);

  async function open(slug: string): Promise<PortalSite> {
    const site = await settings.resolve(slug);
    if (!site) throw new PortalNotFound();
    return site;
  }
  const visitor = (site: PortalSite, request: FastifyRequest) => visitorContext(site, { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null });
  const ctxOf = (site: PortalSite, lang: Locale | undefined, request: FastifyRequest) => pageContext(site, localeOf(site, lang), request, opts.publicUrl);

  app.setErrorHandler(async (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = err instanceof PortalNotFound ? 404
      : err instanceof AppError ? err.status
        : hasZodFastifySchemaValidationErrors(err) ? (err.validationContext === 'params' ? 404 : 400)
          : err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) request.log.error({ err, reqId: request.id }, 'portal page failed');
    return sendError(request, reply, status);
  });
  // Unknown paths under /portal: the portal's own 404 page (not the console's, not problem+json).
  app.setNotFoundHandler(async (request, reply) => sendError(request, reply, 404));

  /** An error page in the portal's branding when it is public, else neutral (nothing said about the tenant). */
  async function sendError(request: FastifyRequest, reply: FastifyReply, status: number) {
    const raw = (request.params as { slug?: unknown } | undefined)?.slug ?? /^\/portal\/([^/?#]+)/.exec(request.url)?.[1];
    const slug = tenantSlug.safeParse(raw);
    const site = slug.success ? await settings.resolve(slug.data).catch(() => null) : null;
    const lang = langQuery.safeParse(request.query).data?.lang;
    const ctx = ctxOf(site ?? neutralSite(slug.success ? slug.data : 'unknown'), lang, request);
    return sendPage(reply, ctx, <ErrorPage ctx={ctx} status={status} />, { status, cache: 'no-store' });
  }

  // Views are counted in memory and written every few seconds, and once more when the app closes.
  let flushTimer: NodeJS.Timeout | null = null;
  const flushViews = () => reader.flushViews().catch((err: unknown) => app.log.warn({ err }, 'portal view counts not written yet'));
  app.addHook('onReady', async () => {
    flushTimer = setInterval(() => void flushViews(), VIEW_FLUSH_MS);
    flushTimer.unref();
  });
  app.addHook('onClose', async () => {
    if (flushTimer) clearInterval(flushTimer);
    await flushViews();
  });

  const hide = { hide: true };
  r.get('/:slug', { schema: { ...hide, params: slugParams } }, async (request, reply) => {
    const q = request.url.indexOf('?');
    return reply.redirect(`/portal/${request.params.slug}/${q >= 0 ? request.url.slice(q) : ''}`, 301);
  });

  r.get('/:slug/', { schema: { ...hide, params: slugParams, querystring: langQuery } }, async (request, reply) => {
    const site = await open(request.params.slug);
    const ctx = ctxOf(site, request.query.lang, request);
    const data = await reader.home(visitor(site, request));
    return sendPage(reply, ctx, <HomePage ctx={ctx} categories={data.categories} popular={data.popular} />, { cache: 'public' });
  });

  r.get('/:slug/search', { schema: { ...hide, params: slugParams, querystring: searchQuery }, config: perMinute(limits.search) }, async (request, reply) => {
    const site = await open(request.params.slug);
    const ctx = ctxOf(site, request.query.lang, request);
    const q = request.query.q.trim();
    const hits = q ? (await reader.search(visitor(site, request), q, request.query.category)).hits : null;
    return sendPage(reply, ctx, <SearchPage ctx={ctx} q={q} hits={hits} />, { cache: 'public' });
  });

  r.get('/:slug/categories/:id', { schema: { ...hide, params: articleParams, querystring: langQuery } }, async (request, reply) => {
    const site = await open(request.params.slug);
    const ctx = ctxOf(site, request.query.lang, request);
    const data = await reader.category(visitor(site, request), request.params.id);
    if (!data) throw new PortalNotFound();
    return sendPage(reply, ctx, <CategoryPage ctx={ctx} category={data.category} trail={data.trail} children={data.children} articles={data.articles} />, { cache: 'public' });
  });

  r.get('/:slug/articles/:id', { schema: { ...hide, params: articleParams, querystring: articleQuery } }, async (request, reply) => {
    const site = await open(request.params.slug);
    const ctx = ctxOf(site, request.query.lang, request);
    const vctx = visitor(site, request);
    const a = await reader.article(vctx, request.params.id);
    if (!a) throw new PortalNotFound();
    // The page a vote redirects to is not another reading.
    if (!request.query.feedback) await reader.countView(vctx, a.id);
    const canonical = `${ctx.origin}${ctx.urls.article(a.id)}`;
    const jsonLd = faqPageJsonLd({ question: a.title, answer: a.answer, url: canonical, dateModified: a.updatedAt.toISOString(), inLanguage: ctx.lang });
    return sendPage(reply, ctx, (
      <ArticlePage ctx={ctx} article={a} trail={a.trail} related={a.related} feedback={request.query.feedback}
        token={tokens.issue(`${site.tenant.id}:feedback:${a.id}`)} jsonLd={jsonLd} />
    ), { cache: request.query.feedback ? 'no-store' : 'public' });
  });

  r.post('/:slug/articles/:id/feedback', { schema: { ...hide, params: articleParams, querystring: langQuery }, config: perMinute(limits.feedback) }, async (request, reply) => {
    const site = await open(request.params.slug);
    const ctx = ctxOf(site, request.query.lang, request);
    const form = feedbackForm.safeParse(request.body ?? {});
    if (!form.success) throw new AppError('validation_failed', 'Choose yes or no');
    const back = (feedback: 'thanks' | 'retry') => reply.header('cache-control', 'no-store').redirect(`${ctx.urls.article(request.params.id, ctx.lang, { feedback })}#feedback`, 303);
    // A bot filled the hidden field: thanked like anyone, counted nowhere.
    if (form.data.website) return back('thanks');
    if (tokens.verify(`${site.tenant.id}:feedback:${request.params.id}`, form.data.token) !== 'ok') return back('retry');
    await reader.vote(visitor(site, request), request.params.id, form.data.helpful === 'yes');
    return back('thanks');
  });

  r.get('/:slug/contact', { schema: { ...hide, params: slugParams, querystring: langQuery } }, async (request, reply) => {
    const site = await open(request.params.slug);
    const ctx = ctxOf(site, request.query.lang, request);
    return sendPage(reply, ctx, <ContactPage ctx={ctx} values={{}} errors={{}} formProblem={false} token={tokens.issue(`${site.tenant.id}:contact`)} />, { cache: 'no-store' });
  });

  r.post('/:slug/contact', { schema: { ...hide, params: slugParams, querystring: langQuery }, config: perMinute(limits.contact) }, async (request, reply) => {
    const site = await open(request.params.slug);
    const ctx = ctxOf(site, request.query.lang, request);
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const values: ContactValues = { ...Object.fromEntries(CONTACT_FIELDS.map((f) => [f, str(f).slice(0, 5_000)])), consent: str('consent') === 'on' };
    const token = tokens.issue(`${site.tenant.id}:contact`);
    const again = (errors: Partial<Record<ContactField, FieldErrorKey>>, formProblem: boolean) =>
      sendPage(reply, ctx, <ContactPage ctx={ctx} values={values} errors={errors} formProblem={formProblem} token={token} />, { status: 400, cache: 'no-store' });

    // A bot filled the hidden field: it sees the thank-you page, nothing is stored.
    if (str('website')) return sendPage(reply, ctx, <ThanksPage ctx={ctx} reference={null} />, { cache: 'no-store' });
    if (tokens.verify(`${site.tenant.id}:contact`, str('token')) !== 'ok') return again({}, true);
    const parsed = contactForm.safeParse(body);
    if (!parsed.success) {
      const errors: Partial<Record<ContactField, FieldErrorKey>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as ContactField;
        const key = (issue.message in ctx.t.fieldErrors ? issue.message : issue.code === 'invalid_type' ? 'required' : 'invalid') as FieldErrorKey;
        errors[field] ??= field === 'consent' ? 'consent' : key;
      }
      return again(errors, false);
    }
    const done = await opts.contact.submit(visitor(site, request), site, parsed.data, ctx.lang);
    return sendPage(reply, ctx, <ThanksPage ctx={ctx} reference={done.reference} />, { cache: 'no-store' });
  });

  r.get('/:slug/voices', { schema: { ...hide, params: slugParams, querystring: langQuery } }, async (request, reply) => {
    const site = await open(request.params.slug);
    const ctx = ctxOf(site, request.query.lang, request);
    return sendPage(reply, ctx, <VoicesPage ctx={ctx} voices={await reader.voices(visitor(site, request))} />, { cache: 'public' });
  });

  r.get('/:slug/sitemap.xml', { schema: { ...hide, params: slugParams } }, async (request, reply) => {
    const site = await open(request.params.slug);
    const ctx = ctxOf(site, undefined, request);
    const vctx = visitor(site, request);
    const [articles, home] = await Promise.all([reader.sitemap(vctx), reader.home(vctx)]);
    const abs = (path: string) => `${ctx.origin}${path}`;
    const xml = sitemapXml([
      { loc: abs(ctx.urls.home()) }, { loc: abs(ctx.urls.voices()) }, { loc: abs(ctx.urls.contact()) },
      ...home.categories.map((c) => ({ loc: abs(ctx.urls.category(c.id)) })),
      ...articles.map((a) => ({ loc: abs(ctx.urls.article(a.id)), lastmod: a.updatedAt.toISOString() })),
    ]);
    return reply.header('cache-control', 'public, max-age=3600').type('application/xml; charset=utf-8').send(xml);
  });
}
