import MarkdownIt from 'markdown-it';
import { escapeMarkdownText, type ManualBlock } from '../../../core/knowledge/manual-split.js';
import { markdownToPlainText } from '../../../core/text-ja/search-fold.util.js';
import type { ReaderNote } from './knowledge-import.messages.js';

// html: true only to see raw HTML blocks and report them; bodies never keep them (see below).
const md = new MarkdownIt({ html: true });

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/**
 * A Markdown manual → blocks: headings parsed, every other top-level block kept as its source text,
 * so nothing is lost or re-worded. A raw HTML block keeps its text without the tags (and is reported).
 */
export function readMarkdown(source: string): { title: string | null; blocks: ManualBlock[]; notes: ReaderNote[] } {
  let text = source.replace(/\r\n?/g, '\n');
  let title: string | null = null;
  const front = FRONT_MATTER.exec(text);
  if (front) {
    title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(front[1]!)?.[1] ?? null;
    // Blank lines in its place keep the line numbers of the report right.
    text = '\n'.repeat(front[0].split('\n').length - 1) + text.slice(front[0].length);
  }
  const lines = text.split('\n');
  const tokens = md.parse(text, {});
  const blocks: ManualBlock[] = [];
  const notes: ReaderNote[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.level !== 0 || !t.map || t.type.endsWith('_close')) continue;
    const at = `line ${t.map[0] + 1}`;
    if (t.type === 'heading_open') {
      blocks.push({ kind: 'heading', level: Number(t.tag.slice(1)), text: markdownToPlainText(tokens[i + 1]?.content ?? '').trim(), at });
      continue;
    }
    if (t.type === 'inline') continue;
    const slice = lines.slice(t.map[0], t.map[1]).join('\n');
    if (t.type === 'html_block') {
      notes.push({ code: 'html_as_text', where: at });
      const plain = markdownToPlainText(slice).trim();
      if (plain) blocks.push({ kind: 'paragraph', text: escapeMarkdownText(plain), at });
      continue;
    }
    blocks.push({ kind: 'markdown', text: slice, at });
  }
  return { title, blocks, notes };
}
