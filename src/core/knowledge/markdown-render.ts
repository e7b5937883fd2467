import MarkdownIt, { type Token } from 'markdown-it';

// Article bodies are written by staff but shown to customers on the portal and to agents in the
// console, and they also arrive from imports: treat them as untrusted. markdown-it with `html: false`
// escapes every raw HTML tag, so the only way to get markup out is through Markdown syntax; the one
// Markdown construct that carries a URL (links, images, autolinks) is filtered below by scheme.

/** Schemes a rendered link may point to; anything else (javascript:, data:, vbscript:, file:, relative) is dropped. */
const ALLOWED_LINK = /^(https?:\/\/|mailto:)/i;
/** Images load without a click: only web images (no mailto, no data: URLs). */
const ALLOWED_IMAGE = /^https?:\/\//i;
const LINK_REL = 'noopener noreferrer nofollow';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

// Let every URL through the parser so that a refused one is not left as literal `[text](url)` source;
// the core rule below decides, with a stricter list than markdown-it's default (which allows relative
// and some data: image URLs).
md.validateLink = () => true;

function withoutRefusedLinks(children: Token[], TokenCtor: typeof Token): Token[] {
  const out: Token[] = [];
  // link_open/link_close nest; a refused link keeps its text and loses its tags.
  const refusedDepths: boolean[] = [];
  for (const token of children) {
    if (token.type === 'link_open') {
      const href = String(token.attrGet('href') ?? '');
      const refused = !ALLOWED_LINK.test(href.trim());
      refusedDepths.push(refused);
      if (refused) continue;
      token.attrSet('rel', LINK_REL);
    } else if (token.type === 'link_close') {
      if (refusedDepths.pop()) continue;
    } else if (token.type === 'image') {
      const src = String(token.attrGet('src') ?? '');
      if (!ALLOWED_IMAGE.test(src.trim())) {
        const alt = new TokenCtor('text', '', 0);
        alt.content = token.content;
        out.push(alt);
        continue;
      }
    }
    out.push(token);
  }
  return out;
}

md.core.ruler.push('knowledge_safe_links', (state) => {
  for (const block of state.tokens) {
    if (block.type === 'inline' && block.children) block.children = withoutRefusedLinks(block.children, state.Token);
  }
});

/** Safe HTML for an article's Markdown body: no raw HTML, links only to http(s)/mailto with rel=noopener noreferrer nofollow. */
export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}

/**
 * Plain text of an article body for pasting into a reply mail or case notes: paragraphs and list
 * items keep their lines (numbers and ・ bullets), emphasis marks are dropped, a link keeps its URL
 * after the text, and table cells are separated by " | ".
 */
export function markdownToText(markdown: string): string {
  let out = '';
  const lists: { ordered: boolean; n: number }[] = [];
  const inline = (children: Token[]) => {
    let href: string | null = null;
    let text = '';
    for (const t of children) {
      if (t.type === 'text' || t.type === 'code_inline') text += t.content;
      else if (t.type === 'softbreak' || t.type === 'hardbreak') text += '\n';
      else if (t.type === 'image') text += t.content;
      else if (t.type === 'link_open') {
        href = String(t.attrGet('href') ?? '');
        out += text;
        text = '';
      } else if (t.type === 'link_close') {
        const plainHref = href?.replace(/^mailto:/, '') ?? '';
        out += href && text !== plainHref && text !== href ? `${text}（${plainHref}）` : text;
        text = '';
        href = null;
      }
    }
    out += text;
  };
  for (const t of md.parse(markdown, {})) {
    switch (t.type) {
      case 'inline': inline(t.children ?? []); break;
      case 'paragraph_close': out += t.hidden ? '\n' : '\n\n'; break;
      case 'heading_close': out += '\n\n'; break;
      case 'bullet_list_open': lists.push({ ordered: false, n: 0 }); break;
      case 'ordered_list_open': lists.push({ ordered: true, n: Number(t.attrGet('start') ?? 1) - 1 }); break;
      case 'bullet_list_close': case 'ordered_list_close': lists.pop(); if (lists.length === 0) out += '\n'; break;
      case 'list_item_open': {
        const list = lists.at(-1);
        if (list) out += `${'  '.repeat(lists.length - 1)}${list.ordered ? `${++list.n}. ` : '・'}`;
        break;
      }
      case 'fence': case 'code_block': out += `${t.content}\n`; break;
      case 'td_close': case 'th_close': out += ' | '; break;
      case 'tr_close': out = `${out.replace(/ \| $/, '')}\n`; break;
      case 'table_close': case 'hr': case 'blockquote_close': out += '\n'; break;
    }
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}
