import { highlightSegments } from '../../../core/portal/highlight-segments.js';
import type { CategoryWithCount } from '../../../core/portal/category-tree.js';
import { Honeypot, Layout, type PageContext } from './portal-layout.js';
import type { FieldErrorKey } from './portal-messages.js';
import type { ContactField } from './portal.schemas.js';
import type { VoiceDto } from './portal.schemas.js';

export interface ArticleLink {
  id: string;
  title: string;
  updatedAt: Date;
}

function ArticleList({ ctx, items }: { ctx: PageContext; items: readonly ArticleLink[] }) {
  if (items.length === 0) return <p>{ctx.t.noArticles}</p>;
  return (
    <ul className="list">
      {items.map((a) => <li key={a.id}><a href={ctx.urls.article(a.id)}>{a.title}</a></li>)}
    </ul>
  );
}

function Crumbs({ ctx, trail }: { ctx: PageContext; trail: readonly { name: string; href: string }[] }) {
  return (
    <nav className="crumbs" aria-label={ctx.t.breadcrumb}>
      <ol>
        <li><a href={ctx.urls.home()}>{ctx.t.home}</a></li>
        {trail.map((c) => <li key={c.href}><a href={c.href}>{c.name}</a></li>)}
      </ol>
    </nav>
  );
}

export function HomePage({ ctx, categories, popular }: { ctx: PageContext; categories: readonly CategoryWithCount[]; popular: readonly ArticleLink[] }) {
  const { t, site, urls } = ctx;
  const top = categories.filter((c) => c.parentId === null || !categories.some((p) => p.id === c.parentId));
  return (
    <Layout ctx={ctx} title={site.title} description={site.tagline || `${site.title} ${t.popular}`} canonical={urls.home()}>
      <h1>{site.title}</h1>
      {top.length > 0 ? (
        <section aria-labelledby="categories">
          <h2 id="categories">{t.categories}</h2>
          <ul className="cards">
            {top.map((c) => <li key={c.id}><a href={urls.category(c.id)}>{c.name}</a> <span className="meta">{t.articles(c.count)}</span></li>)}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="popular">
        <h2 id="popular">{t.popular}</h2>
        <ArticleList ctx={ctx} items={popular} />
      </section>
      <section aria-labelledby="more">
        <h2 id="more">{t.contact}</h2>
        <ul className="list">
          <li><a href={urls.voices()}>{t.voices}</a></li>
          <li><a href={urls.contact()}>{t.contact}</a></li>
        </ul>
      </section>
    </Layout>
  );
}

export interface SearchHitView {
  id: string;
  title: string;
  snippet: { text: string; highlights: readonly (readonly [number, number])[] };
}

export function SearchPage({ ctx, q, hits }: { ctx: PageContext; q: string; hits: readonly SearchHitView[] | null }) {
  const { t, urls } = ctx;
  const heading = q ? t.resultsFor(q) : t.searchTitle;
  return (
    <Layout ctx={ctx} title={heading} noindex>
      <h1>{heading}</h1>
      {hits === null ? <p>{t.emptyQuery}</p> : hits.length === 0 ? (
        <div role="status">
          <p>{t.noResults}</p>
          <p>{t.noResultsHint} <a href={urls.contact()}>{t.contact}</a></p>
        </div>
      ) : (
        <>
          <p role="status">{t.found(hits.length)}</p>
          <ol className="list">
            {hits.map((h) => (
              <li key={h.id}>
                <a href={urls.article(h.id)}>{h.title}</a>
                <p className="meta">{highlightSegments(h.snippet.text, h.snippet.highlights).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}

export function CategoryPage({ ctx, category, trail, children, articles }: {
  ctx: PageContext; category: { id: string; name: string }; trail: readonly { id: string; name: string }[];
  children: readonly CategoryWithCount[]; articles: readonly ArticleLink[];
}) {
  const { t, urls } = ctx;
  return (
    <Layout ctx={ctx} title={category.name} description={`${category.name}: ${articles.slice(0, 5).map((a) => a.title).join(' / ')}`.slice(0, 160)} canonical={urls.category(category.id)}>
      <Crumbs ctx={ctx} trail={trail.map((c) => ({ name: c.name, href: urls.category(c.id) }))} />
      <h1>{category.name}</h1>
      {children.length > 0 ? (
        <section aria-labelledby="subcategories">
          <h2 id="subcategories">{t.subcategories}</h2>
          <ul className="cards">{children.map((c) => <li key={c.id}><a href={urls.category(c.id)}>{c.name}</a> <span className="meta">{t.articles(c.count)}</span></li>)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="in-category">
        <h2 id="in-category">{t.inCategory}</h2>
        <ArticleList ctx={ctx} items={articles} />
      </section>
    </Layout>
  );
}

export interface ArticleView {
  id: string;
  title: string;
  /** Sanitized HTML from renderMarkdown; the only HTML a page embeds. */
  bodyHtml: string;
  description: string;
  updatedAt: Date;
}

export function UpdatedAt({ ctx, at }: { ctx: PageContext; at: Date }) {
  const { t } = ctx;
  const zone = ctx.site.tenant.timeZone;
  return (
    <p className="meta">
      {t.updated}: <time dateTime={at.toISOString()}>{t.date(at, 'Asia/Tokyo')}（{t.tzJapan}）</time>
      {zone !== 'Asia/Tokyo' ? <> / {t.date(at, zone)} ({zone})</> : null}
    </p>
  );
}

export function ArticlePage({ ctx, article, trail, related, feedback, token, jsonLd }: {
  ctx: PageContext; article: ArticleView; trail: readonly { id: string; name: string }[]; related: readonly ArticleLink[];
  feedback: 'thanks' | 'retry' | undefined; token: string; jsonLd: unknown;
}) {
  const { t, urls } = ctx;
  return (
    <Layout ctx={ctx} title={article.title} description={article.description} canonical={urls.article(article.id)} jsonLd={jsonLd}>
      <Crumbs ctx={ctx} trail={trail.map((c) => ({ name: c.name, href: urls.category(c.id) }))} />
      <article>
        <h1>{article.title}</h1>
        <UpdatedAt ctx={ctx} at={article.updatedAt} />
        <div className="article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      </article>
      <section id="feedback" aria-labelledby="feedback-heading">
        <h2 id="feedback-heading">{t.helpfulQuestion}</h2>
        {feedback === 'thanks' ? <p className="notice" role="status">{t.feedbackThanks}</p> : (
          <form method="post" action={urls.feedback(article.id)}>
            {feedback === 'retry' ? <p className="alert" role="alert">{t.feedbackRetry}</p> : null}
            <input type="hidden" name="token" value={token} />
            <Honeypot id="website-feedback" t={t} />
            <p className="check">
              <button type="submit" name="helpful" value="yes">{t.yes}</button>
              <button type="submit" name="helpful" value="no">{t.no}</button>
            </p>
          </form>
        )}
        <p>{t.stillNeedHelp} <a href={urls.contact()}>{t.contactUs}</a></p>
      </section>
      {related.length > 0 ? (
        <section aria-labelledby="related">
          <h2 id="related">{t.related}</h2>
          <ArticleList ctx={ctx} items={related} />
        </section>
      ) : null}
    </Layout>
  );
}

export type ContactValues = Partial<Record<Exclude<ContactField, 'consent'>, string>> & { consent?: boolean };

export function ContactPage({ ctx, values, errors, formProblem, token }: {
  ctx: PageContext; values: ContactValues; errors: Partial<Record<ContactField, FieldErrorKey>>; formProblem: boolean; token: string;
}) {
  const { t, urls } = ctx;
  const invalid = Object.keys(errors) as ContactField[];
  const text = (name: Exclude<ContactField, 'consent'>, opts: { type?: string; required?: boolean; autoComplete?: string; maxLength: number; multiline?: boolean }) => {
    const err = errors[name];
    const common = {
      id: `f-${name}`, name, required: opts.required !== false, maxLength: opts.maxLength,
      'aria-invalid': err ? true : undefined, 'aria-describedby': err ? `e-${name}` : undefined, defaultValue: values[name] ?? '',
    };
    return (
      <div className="field">
        <label htmlFor={`f-${name}`}>{t.fields[name]}<span className="badge">{opts.required === false ? t.optional : t.required}</span></label>
        {opts.multiline ? <textarea rows={8} {...common} /> : <input type={opts.type ?? 'text'} autoComplete={opts.autoComplete} {...common} />}
        {err ? <p className="error" id={`e-${name}`}>{t.fieldErrors[err]}</p> : null}
      </div>
    );
  };
  return (
    <Layout ctx={ctx} title={t.contactTitle} canonical={urls.contact()}>
      <h1>{t.contactTitle}</h1>
      <p>{t.contactIntro}</p>
      {formProblem ? <p className="alert" role="alert">{t.tokenProblem}</p> : null}
      {invalid.length > 0 ? (
        <div className="alert" role="alert">
          <p>{t.errorSummary}</p>
          <ul>{invalid.map((f) => <li key={f}><a href={`#f-${f}`}>{f === 'consent' ? t.fieldErrors.consent : `${t.fields[f]}: ${t.fieldErrors[errors[f]!]}`}</a></li>)}</ul>
        </div>
      ) : null}
      <form method="post" action={urls.contact()} noValidate>
        <input type="hidden" name="token" value={token} />
        {text('name', { autoComplete: 'name', maxLength: 100 })}
        {text('email', { type: 'email', autoComplete: 'email', maxLength: 254 })}
        {text('phone', { type: 'tel', autoComplete: 'tel', maxLength: 30, required: false })}
        {text('subject', { maxLength: 200 })}
        {text('message', { maxLength: 5000, multiline: true })}
        <div className="field check">
          <input id="f-consent" name="consent" type="checkbox" required defaultChecked={values.consent === true}
            aria-invalid={errors.consent ? true : undefined} aria-describedby={errors.consent ? 'e-consent' : undefined} />
          <label htmlFor="f-consent">{t.consent}</label>
        </div>
        {errors.consent ? <p className="error" id="e-consent">{t.fieldErrors.consent}</p> : null}
        <Honeypot id="website-contact" t={t} />
        <button type="submit">{t.submit}</button>
      </form>
    </Layout>
  );
}

export function ThanksPage({ ctx, reference }: { ctx: PageContext; reference: string | null }) {
  const { t, urls } = ctx;
  return (
    <Layout ctx={ctx} title={t.thanksTitle} noindex>
      <h1>{t.thanksTitle}</h1>
      {reference ? <p className="notice" role="status">{t.reference}: <strong>{reference}</strong></p> : null}
      <p>{t.thanksBody}</p>
      <p><a href={urls.home()}>{t.backHome}</a></p>
    </Layout>
  );
}

export function VoicesPage({ ctx, voices }: { ctx: PageContext; voices: readonly VoiceDto[] }) {
  const { t, urls } = ctx;
  return (
    <Layout ctx={ctx} title={t.voices} description={t.voicesIntro} canonical={urls.voices()}>
      <h1>{t.voices}</h1>
      <p>{t.voicesIntro}</p>
      {voices.length === 0 ? <p>{t.noVoices}</p> : voices.map((v) => (
        <article className="voice" key={v.id} aria-labelledby={`v-${v.id}`}>
          <h2 id={`v-${v.id}`}>{v.title}</h2>
          {v.publishedAt ? <p className="meta">{t.publishedOn}: <time dateTime={v.publishedAt}>{t.date(new Date(v.publishedAt), ctx.site.tenant.timeZone)}</time></p> : null}
          <h3>{t.voiceLabel}</h3>
          <p>{v.voice}</p>
          <h3>{t.responseLabel}</h3>
          <p>{v.response}</p>
        </article>
      ))}
    </Layout>
  );
}

export function ErrorPage({ ctx, status }: { ctx: PageContext; status: number }) {
  const { t, urls } = ctx;
  const [title, body] = status === 404 ? [t.notFoundTitle, t.notFoundBody]
    : status === 429 ? [t.tooManyTitle, t.tooManyBody]
      : status < 500 ? [t.badRequestTitle, t.badRequestBody] : [t.errorTitle, t.errorBody];
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1>{title}</h1>
      <p>{body}</p>
      <p><a href={urls.home()}>{t.backHome}</a></p>
    </Layout>
  );
}
