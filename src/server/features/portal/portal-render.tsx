import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PageContext } from './portal-layout.js';
import { messagesFor } from './portal-messages.js';
import type { Locale, PortalSite } from './portal-settings.service.js';
import { cssHashSource, portalCsp, portalCss } from './portal-style.js';
import { portalUrls } from './portal-urls.js';

/** Browsers and proxies may keep a public page this long; forms and errors are never stored. */
export const PUBLIC_MAX_AGE_S = 60;

const styles = new Map<string, { css: string; csp: string }>();
function styleOf(site: PortalSite) {
  const key = `${site.primaryColor}|${site.accentColor}`;
  let s = styles.get(key);
  if (!s) {
    const css = portalCss({ primary: site.primaryColor, accent: site.accentColor });
    s = { css, csp: portalCsp(cssHashSource(css)) };
    if (styles.size >= 1_000) styles.delete(styles.keys().next().value!);
    styles.set(key, s);
  }
  return s;
}

/** The page's language: ?lang= when given, else the portal's default. */
export const localeOf = (site: PortalSite, requested: Locale | undefined): Locale => requested ?? site.defaultLocale;

/** Everything the page components need for this request. */
export function pageContext(site: PortalSite, lang: Locale, request: FastifyRequest, publicUrl: string | null): PageContext {
  const url = new URL(request.url, 'http://portal.invalid');
  url.searchParams.delete('feedback');
  const origin = publicUrl ? publicUrl.replace(/\/+$/, '') : `${request.protocol}://${request.host}`;
  return {
    site, lang, t: messagesFor(lang), urls: portalUrls(site.tenant.slug, lang, site.defaultLocale), origin, css: styleOf(site).css,
    path: url.pathname, query: url.searchParams,
  };
}

/**
 * A page for a slug that has no public portal (unknown tenant, portal off): neutral, so the answer is
 * the same whether the tenant exists or not.
 */
export function neutralSite(slug: string): PortalSite {
  return {
    tenant: { id: '', slug, name: 'Madoguchi', timeZone: 'Asia/Tokyo' }, enabled: false, title: 'Madoguchi', tagline: '', logoUrl: null,
    primaryColor: '#1d4ed8', accentColor: '#f59e0b', defaultLocale: 'ja', contactQueueId: null, staleAfterDays: 180,
  };
}

/** Renders a page component to a whole document (every text escaped by React) with the portal's own CSP. */
export function sendPage(reply: FastifyReply, ctx: PageContext, page: ReactElement, opts: { status?: number; cache: 'public' | 'no-store' }) {
  const html = `<!DOCTYPE html>${renderToStaticMarkup(page)}`;
  return reply
    .status(opts.status ?? 200)
    .header('content-security-policy', styleOf(ctx.site).csp)
    .header('cache-control', opts.cache === 'public' ? `public, max-age=${PUBLIC_MAX_AGE_S}` : 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}
