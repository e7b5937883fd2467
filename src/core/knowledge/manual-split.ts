/**
 * A manual (Word, PDF, Markdown) as neutral blocks → knowledge articles. Readers turn each format into
 * a `ManualDocument`; this module decides where one article ends and the next begins, so every format
 * is split by the same rules (docs/knowledge-import.md):
 *
 * - The article level is the second heading level present (chapters become categories, sections
 *   articles); with one level only, that level. A lone heading at the very top is the document title.
 * - A section keeps its subheadings in its body, unless its body is over `maxBodyChars`: then it is
 *   split at the next level (its heading becomes one more category), and a section without
 *   subheadings that is still too long is cut into numbered parts at block boundaries.
 * - Text before the first heading is an overview article titled by the document title.
 * - A heading with no text under it (nor under its subheadings) is skipped and reported.
 *
 * Problems come back as codes with parameters; the caller words them (ja/en).
 */

export type ManualBlock =
  | { kind: 'heading'; level: number; text: string; at?: string }
  /** Inline Markdown (readers escape plain text with `escapeMarkdownText`); may hold several lines. */
  | { kind: 'paragraph'; text: string; at?: string }
  | { kind: 'list'; ordered: boolean; items: { text: string; depth: number }[]; at?: string }
  /** The first row is the header. */
  | { kind: 'table'; rows: string[][]; at?: string }
  | { kind: 'code'; text: string; lang?: string; at?: string }
  /** Markdown kept verbatim (a Markdown source's own blocks: nothing is lost in a round trip). */
  | { kind: 'markdown'; text: string; at?: string };

export interface ManualDocument {
  title: string;
  blocks: ManualBlock[];
}

export interface ManualArticle {
  title: string;
  /** Markdown. */
  body: string;
  /** Headings above the article, outermost first. */
  categoryPath: string[];
  tags: string[];
  /** Where it started in the file (a page), when the reader knows. */
  source?: string;
}

export type SplitProblem =
  | { code: 'empty_section'; where: string; heading: string }
  | { code: 'section_split_in_parts'; where: string; heading: string; parts: number }
  | { code: 'title_truncated'; where: string; heading: string };

export interface SplitOptions {
  /** A body over this many characters is split further. */
  maxBodyChars?: number;
  /** Tags given to every article (e.g. the manual's name). */
  tags?: string[];
}

export const DEFAULT_MAX_BODY_CHARS = 20_000;
export const MAX_TITLE_CHARS = 300;

// ---------------------------------------------------------------- Markdown of blocks

/**
 * Plain text → Markdown that renders as that text: inline markup characters escaped, and line starts
 * that would turn into headings, lists or quotes defused.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\-=>])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/gm, '$1\\$2');
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

function tableMarkdown(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r.length));
  // Cells are inline Markdown: a pipe would end the cell, a line break the row.
  const cell = (s: string | undefined) => oneLine(s ?? '').replace(/(?<!\\)\|/g, '\\|') || ' ';
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => cell(r[i])).join(' | ')} |`;
  const [head, ...rest] = rows;
  return [line(head ?? []), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`, ...rest.map(line)].join('\n');
}

function blockMarkdown(block: ManualBlock, headingShift: number): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(2, block.level - headingShift)))} ${oneLine(block.text)}`;
    case 'paragraph':
    case 'markdown':
      return block.text.trim();
    case 'list': {
      let n = 0;
      return block.items.map((item) => {
        const indent = '   '.repeat(item.depth);
        n = item.depth === 0 ? n + 1 : n;
        return `${indent}${block.ordered && item.depth === 0 ? `${n}.` : '-'} ${item.text.trim().replace(/\n/g, `\n${indent}   `)}`;
      }).join('\n');
    }
    case 'table':
      return block.rows.length ? tableMarkdown(block.rows) : '';
    case 'code': {
      // A fence longer than any backtick run inside.
      const fence = '`'.repeat(Math.max(3, ...(block.text.match(/`+/g) ?? []).map((r) => r.length + 1)));
      return `${fence}${block.lang ?? ''}\n${block.text.replace(/\n$/, '')}\n${fence}`;
    }
  }
}

/** Is there anything to read in the block? (An empty paragraph or table is not content.) */
function hasContent(block: ManualBlock): boolean {
  switch (block.kind) {
    case 'heading': return false;
    case 'list': return block.items.some((i) => i.text.trim() !== '');
    case 'table': return block.rows.some((r) => r.some((c) => c.trim() !== ''));
    default: return block.text.trim() !== '';
  }
}

/** Markdown body of blocks; headings are shifted so the article's first sublevel is `##`. */
export function blocksToMarkdown(blocks: readonly ManualBlock[], articleLevel = 0): string {
  return blocks.map((b) => blockMarkdown(b, articleLevel - 1)).filter((s) => s !== '').join('\n\n');
}

// ---------------------------------------------------------------- sections

interface Section {
  heading: Extract<ManualBlock, { kind: 'heading' }>;
  /** Blocks before the first child heading. */
  intro: ManualBlock[];
  children: Section[];
}

/** The heading tree: each heading owns what follows up to the next heading of its level or above. */
function sectionsOf(blocks: readonly ManualBlock[]): { preamble: ManualBlock[]; sections: Section[] } {
  const preamble: ManualBlock[] = [];
  const roots: Section[] = [];
  const stack: Section[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') {
      while (stack.length && stack[stack.length - 1]!.heading.level >= block.level) stack.pop();
      const section: Section = { heading: block, intro: [], children: [] };
      (stack.length ? stack[stack.length - 1]!.children : roots).push(section);
      stack.push(section);
    } else if (stack.length) {
      stack[stack.length - 1]!.intro.push(block);
    } else {
      preamble.push(block);
    }
  }
  return { preamble, sections: roots };
}

const flatten = (s: Section): ManualBlock[] => [s.heading, ...s.intro, ...s.children.flatMap(flatten)];
const sectionHasContent = (s: Section): boolean => s.intro.some(hasContent) || s.children.some(sectionHasContent);
const whereOf = (h: { text: string; at?: string }) => (h.at ? `${h.at}: ${oneLine(h.text)}` : oneLine(h.text));

/** Distinct heading levels, outermost first. */
const levelsOf = (sections: readonly Section[]): number[] => {
  const out = new Set<number>();
  const walk = (s: Section) => { out.add(s.heading.level); s.children.forEach(walk); };
  sections.forEach(walk);
  return [...out].sort((a, b) => a - b);
};

// ---------------------------------------------------------------- split

/** Splits a manual into articles (see the module comment for the rules). */
export function splitManual(doc: ManualDocument, opts: SplitOptions = {}): { articles: ManualArticle[]; problems: SplitProblem[] } {
  const maxBody = opts.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS;
  const tags = opts.tags ?? [];
  const articles: ManualArticle[] = [];
  const problems: SplitProblem[] = [];

  let { preamble, sections } = sectionsOf(doc.blocks);
  let docTitle = oneLine(doc.title);
  // A lone outermost heading that opens the document is its title, not a chapter.
  if (sections.length === 1 && !preamble.some(hasContent) && sections[0]!.children.length > 0) {
    docTitle = oneLine(sections[0]!.heading.text) || docTitle;
    preamble = sections[0]!.intro;
    sections = sections[0]!.children;
  }

  const titleOf = (text: string, where: string) => {
    const t = oneLine(text);
    if (t.length <= MAX_TITLE_CHARS) return t;
    problems.push({ code: 'title_truncated', where, heading: t.slice(0, 50) });
    return `${t.slice(0, MAX_TITLE_CHARS - 1)}…`;
  };

  /** One article, cut into parts at block boundaries when the body is too long. */
  const emit = (title: string, blocks: ManualBlock[], level: number, categoryPath: string[], at: { text: string; at?: string }) => {
    const parts: ManualBlock[][] = [[]];
    let size = 0;
    for (const b of blocks) {
      const len = blockMarkdown(b, level - 1).length + 2;
      if (size + len > maxBody && parts[parts.length - 1]!.length > 0) {
        parts.push([]);
        size = 0;
      }
      parts[parts.length - 1]!.push(b);
      size += len;
    }
    if (parts.length > 1) problems.push({ code: 'section_split_in_parts', where: whereOf(at), heading: oneLine(at.text), parts: parts.length });
    parts.forEach((p, i) => {
      // A single block longer than the limit stays whole: cutting inside a table or list would garble it.
      articles.push({
        title: parts.length > 1 ? `${title} (${i + 1}/${parts.length})` : title,
        body: blocksToMarkdown(p, level), categoryPath, tags,
        ...(at.at ? { source: at.at } : {}),
      });
    });
  };

  const visit = (s: Section, articleLevel: number, categoryPath: string[]) => {
    if (!sectionHasContent(s)) {
      problems.push({ code: 'empty_section', where: whereOf(s.heading), heading: oneLine(s.heading.text) });
      return;
    }
    const title = titleOf(s.heading.text, whereOf(s.heading));
    const level = s.heading.level;
    if (level < articleLevel && s.children.length > 0) {
      // Above the article level: a category; its own text is an article named after it.
      if (s.intro.some(hasContent)) emit(title, s.intro, level, [...categoryPath, title], s.heading);
      for (const c of s.children) visit(c, articleLevel, [...categoryPath, title]);
      return;
    }
    const body = blocksToMarkdown(flatten(s).slice(1), level);
    if (body.length <= maxBody || s.children.length === 0) {
      emit(title, flatten(s).slice(1), level, categoryPath, s.heading);
      return;
    }
    // Too long: split at the next level, under a category named after this section.
    const inner = [...categoryPath, title];
    if (s.intro.some(hasContent)) emit(title, s.intro, level, inner, s.heading);
    for (const c of s.children) visit(c, c.heading.level, inner);
  };

  if (preamble.some(hasContent)) emit(titleOf(docTitle, docTitle), preamble, 0, [], { text: docTitle });
  const levels = levelsOf(sections);
  const articleLevel = levels.length >= 2 ? levels[1]! : (levels[0] ?? 1);
  for (const s of sections) visit(s, articleLevel, []);
  return { articles, problems };
}
