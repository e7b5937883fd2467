import type { Locale } from './portal-settings.service.js';

/**
 * Paths of one portal in one language: a language other than the portal's default travels in
 * `?lang=` on every link, so a visitor who switched stays in it.
 */
export function portalUrls(slug: string, lang: Locale, defaultLocale: Locale) {
  const base = `/portal/${encodeURIComponent(slug)}`;
  const withLang = (path: string, params: Record<string, string | undefined> = {}, l: Locale = lang) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    if (l !== defaultLocale) q.set('lang', l);
    const s = q.toString();
    return `${base}${path}${s ? `?${s}` : ''}`;
  };
  return {
    base,
    home: (l?: Locale) => withLang('/', {}, l),
    search: (q?: string, category?: string) => withLang('/search', { q, category }),
    searchAction: `${base}/search`,
    category: (id: string, l?: Locale) => withLang(`/categories/${id}`, {}, l),
    article: (id: string, l?: Locale, extra: Record<string, string> = {}) => withLang(`/articles/${id}`, extra, l),
    feedback: (id: string) => withLang(`/articles/${id}/feedback`),
    contact: (l?: Locale) => withLang('/contact', {}, l),
    voices: (l?: Locale) => withLang('/voices', {}, l),
    sitemap: `${base}/sitemap.xml`,
    /** The same page in another language (always explicit, so a shared link keeps its language). */
    inLanguage: (path: string, query: URLSearchParams, l: Locale) => {
      const q = new URLSearchParams(query);
      q.set('lang', l);
      return `${path}?${q.toString()}`;
    },
  };
}
export type PortalUrls = ReturnType<typeof portalUrls>;
