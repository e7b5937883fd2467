import { escapeMarkdownText, type ManualBlock } from './manual-split.js';

/**
 * Lines of plain text (a PDF's text layer, a .txt manual) → manual blocks. There is no markup, so
 * headings are inferred: a short line that does not end a sentence and is numbered like a heading
 * (第1章, 1., 1.1, 1.1.1, 第2節, ■, 【…】), or — when the reader knows font sizes — a short line set
 * clearly larger than the body text. Runs of `・`/`-`/`•` lines are lists; two or more consecutive
 * `1.` `2.` lines are a numbered list, not headings.
 */
export interface TextLine {
  text: string;
  /** Font size, when known (PDF). */
  size?: number;
  /** A vertical gap or blank line before it: a paragraph break. */
  gapBefore?: boolean;
  /** Where it is (e.g. "p. 3"), carried to the heading for the report. */
  at?: string;
}

const MAX_HEADING_CHARS = 60;
const SENTENCE_END = /[。．.:：、,，;；!！?？)）]$/;
const BULLET = /^\s*[・•●◦○\-*＊]\s*(.*)$/;
const NUMBERED = /^\s*(\d{1,3})[.)．]\s+(.*)$/;

/** Heading level of a numbering pattern, or null. */
function numberedHeadingLevel(text: string): number | null {
  if (/^第[0-9０-９一二三四五六七八九十百]+[章部編]/.test(text)) return 1;
  if (/^第[0-9０-９一二三四五六七八九十百]+節/.test(text)) return 2;
  if (/^(chapter|part)\s+\d+/i.test(text)) return 1;
  const dotted = /^(\d{1,3}(?:[.．]\d{1,3}){0,3})[.．]?\s+\S/.exec(text);
  if (dotted) return dotted[1]!.split(/[.．]/).length;
  if (/^[■□◆◇▼▲]\s*\S/.test(text)) return 2;
  if (/^【[^】]+】$/.test(text)) return 3;
  return null;
}

const joinLines = (a: string, b: string) =>
  // Japanese text runs on without spaces; Latin words need one.
  /[\u3000-\u9fff\uff00-\uffef]$/.test(a) && /^[\u3000-\u9fff\uff00-\uffef]/.test(b) ? a + b : `${a} ${b}`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

export function outlineText(lines: readonly TextLine[]): ManualBlock[] {
  const clean = lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() }));
  const bodySize = median(clean.filter((l) => l.text.length > MAX_HEADING_CHARS && l.size).map((l) => l.size!))
    || median(clean.filter((l) => l.size).map((l) => l.size!));
  const blocks: ManualBlock[] = [];
  let paragraph: string | null = null;
  let list: Extract<ManualBlock, { kind: 'list' }> | null = null;
  const flush = () => {
    if (paragraph !== null) blocks.push({ kind: 'paragraph', text: escapeMarkdownText(paragraph) });
    if (list) blocks.push(list);
    paragraph = null;
    list = null;
  };

  for (let i = 0; i < clean.length; i++) {
    const line = clean[i]!;
    if (line.text === '') {
      flush();
      continue;
    }
    if (line.gapBefore) flush();
    const numbered = NUMBERED.exec(line.text);
    const neighbourNumbered = (j: number) => j >= 0 && j < clean.length && NUMBERED.test(clean[j]!.text);
    const inNumberedRun = numbered !== null && (neighbourNumbered(i - 1) || neighbourNumbered(i + 1));
    const short = line.text.length <= MAX_HEADING_CHARS && !SENTENCE_END.test(line.text);
    const byNumber = short && !inNumberedRun ? numberedHeadingLevel(line.text) : null;
    const bySize = short && bodySize > 0 && line.size !== undefined && line.size >= bodySize * 1.15;
    if (byNumber !== null || bySize) {
      flush();
      // Larger type ranks above numbering: a 16 pt "1." is a chapter, a 14 pt "1.1" a section.
      const level = bySize && byNumber === null ? (line.size! >= bodySize * 1.4 ? 1 : 2) : byNumber!;
      blocks.push({ kind: 'heading', level, text: line.text, ...(line.at ? { at: line.at } : {}) });
      continue;
    }
    const bullet = BULLET.exec(line.text);
    if (bullet || inNumberedRun) {
      const ordered = !bullet;
      if (!list || list.ordered !== ordered) {
        flush();
        list = { kind: 'list', ordered, items: [] };
      }
      list.items.push({ text: escapeMarkdownText((bullet ? bullet[1] : numbered![2])!), depth: 0 });
      continue;
    }
    if (list) {
      // A wrapped line of the last item.
      const last = list.items[list.items.length - 1]!;
      if (!line.gapBefore) {
        last.text = joinLines(last.text, escapeMarkdownText(line.text));
        continue;
      }
      flush();
    }
    paragraph = paragraph === null ? line.text : joinLines(paragraph, line.text);
  }
  flush();
  return blocks;
}
