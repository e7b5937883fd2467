import type { ReactNode } from 'react';
import { jsonForScript } from '../../../core/portal/json-ld.js';
import type { Messages } from './portal-messages.js';
import type { Locale, PortalSite } from './portal-settings.service.js';
import type { PortalUrls } from './portal-urls.js';

/** What every page component gets: the site, the visitor's language and the links in it. */
export interface PageContext {
  site: PortalSite;
  lang: Locale;
  t: Messages;
  urls: PortalUrls;
  /** Absolute origin for canonical links (https://host). */
  origin: string;
  css: string;
  /** The current path and query, for the language switch. */
  path: string;
  query: URLSearchParams;
}

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  description?: string | undefined;
  /** Path (with query) of the canonical URL; omitted for pages that should not be indexed. */
  canonical?: string | undefined;
  noindex?: boolean | undefined;
  jsonLd?: unknown;
  children: ReactNode;
}

const OTHER: Record<Locale, Locale> = { ja: 'en', en: 'ja' };

/** The document: landmarks, skip link, header with search, language switch, footer. Text is escaped by React. */
export function Layout({ ctx, title, description, canonical, noindex, jsonLd, children }: LayoutProps) {
  const { site, t, urls } = ctx;
  const other = OTHER[ctx.lang];
  const fullTitle = title === site.title ? title : `${title} | ${site.title}`;
  return (
    <html lang={t.htmlLang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {description ? <meta name="description" content={description} /> : null}
        {noindex ? <meta name="robots" content="noindex, follow" /> : null}
        {canonical ? <link rel="canonical" href={`${ctx.origin}${canonical}`} /> : null}
        {canonical ? <link rel="alternate" hrefLang={other} href={`${ctx.origin}${urls.inLanguage(ctx.path, ctx.query, other)}`} /> : null}
        <meta property="og:title" content={fullTitle} />
        <meta property="og:site_name" content={site.title} />
        {description ? <meta property="og:description" content={description} /> : null}
        <style dangerouslySetInnerHTML={{ __html: ctx.css }} />
        {jsonLd ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }} /> : null}
      </head>
      <body>
        <a className="skip" href="#main">{t.skip}</a>
        <header className="site">
          <div className="wrap">
            <div className="brand">
              {site.logoUrl ? <img src={site.logoUrl} alt="" /> : null}
              <a className="title" href={urls.home()}>{site.title}</a>
            </div>
            {site.tagline ? <p className="tagline">{site.tagline}</p> : null}
            <nav className="main" aria-label={t.mainNav}>
              <ul>
                <li><a href={urls.home()}>{t.home}</a></li>
                <li><a href={urls.voices()}>{t.voices}</a></li>
                <li><a href={urls.contact()}>{t.contact}</a></li>
              </ul>
            </nav>
            <nav className="lang" aria-label={t.languageNav}>
              <ul><li><a href={urls.inLanguage(ctx.path, ctx.query, other)} hrefLang={other} lang={other}>{t.otherLanguage}</a></li></ul>
            </nav>
          </div>
        </header>
        <div className="wrap">
          <form className="search" role="search" action={urls.searchAction} method="get">
            <label htmlFor="site-search">{t.searchLabel}</label>
            <input id="site-search" name="q" type="search" maxLength={200} placeholder={t.searchPlaceholder} defaultValue={ctx.query.get('q') ?? ''} />
            {ctx.lang !== site.defaultLocale ? <input type="hidden" name="lang" value={ctx.lang} /> : null}
            <button type="submit">{t.searchButton}</button>
          </form>
          <main id="main" tabIndex={-1}>{children}</main>
          <footer className="site">
            <p>© {site.tenant.name} · {t.poweredBy}</p>
          </footer>
        </div>
      </body>
    </html>
  );
}

/** The off-screen field only bots fill in. */
export function Honeypot({ id, t }: { id: string; t: Messages }) {
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor={id}>{t.honeypot}</label>
      <input id={id} name="website" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
