import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { escapeMarkdownText, type ManualBlock } from '../../../core/knowledge/manual-split.js';
import type { ReaderNote } from './knowledge-import.messages.js';
import { importErrors } from './knowledge-import.errors.js';

// Headings of documents written with Japanese custom style names (mammoth already maps Word's
// built-in "heading N", which keep their English names whatever the UI language).
const STYLE_MAP = [1, 2, 3, 4, 5, 6].flatMap((n) => [`p[style-name='見出し ${n}'] => h${n}:fresh`, `p[style-name='見出し${n}'] => h${n}:fresh`]);

type Node = string | { tag: string; attrs: Record<string, string>; children: Node[] };

/** mammoth's HTML as a small tree of tags and text, read with parse5 (entities decoded, void tags closed). */
export function parseMammothHtml(html: string): Node[] {
  const convert = (nodes: readonly DefaultTreeAdapterTypes.ChildNode[]): Node[] =>
    nodes.flatMap((n): Node[] => {
      if (n.nodeName === '#text') return [(n as DefaultTreeAdapterTypes.TextNode).value];
      if (!('tagName' in n)) return [];
      const element = n as DefaultTreeAdapterTypes.Element;
      const children = element.tagName === 'template' ? [] : element.childNodes;
      return [{ tag: element.tagName, attrs: Object.fromEntries(element.attrs.map((a) => [a.name, a.value])), children: convert(children) }];
    });
  return convert(parseFragment(html).childNodes);
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** Inline content as Markdown (bold, italics, links, line breaks); `oneLine` for headings and cells. */
function inline(nodes: Node[], oneLine = false): string {
  return nodes.map((n) => {
    if (typeof n === 'string') return escapeMarkdownText(oneLine ? n.replace(/\s*\n\s*/g, ' ') : n);
    const inner = inline(n.children, oneLine);
    switch (n.tag) {
      case 'strong': case 'b': return inner.trim() ? `**${inner}**` : inner;
      case 'em': case 'i': return inner.trim() ? `*${inner}*` : inner;
      case 's': case 'del': return inner.trim() ? `~~${inner}~~` : inner;
      case 'a': return n.attrs.href && SAFE_LINK.test(n.attrs.href) && inner.trim() ? `[${inner}](${n.attrs.href.replace(/[()\s]/g, encodeURIComponent)})` : inner;
      case 'br': return oneLine ? ' ' : '\n';
      case 'img': return '';
      case 'p': return oneLine ? ` ${inner} ` : `${inner}\n`;
      default: return inner;
    }
  }).join('');
}

const plain = (nodes: Node[]): string => nodes.map((n) => (typeof n === 'string' ? n : n.tag === 'br' ? ' ' : plain(n.children))).join('').replace(/\s+/g, ' ').trim();
const elements = (nodes: Node[]) => nodes.filter((n): n is Exclude<Node, string> => typeof n !== 'string');
const countImages = (nodes: Node[]): number => elements(nodes).reduce((sum, n) => sum + (n.tag === 'img' ? 1 : countImages(n.children)), 0);

function listItems(list: Exclude<Node, string>, depth: number): { text: string; depth: number }[] {
  return elements(list.children).filter((li) => li.tag === 'li').flatMap((li) => {
    const own = li.children.filter((c) => typeof c === 'string' || (c.tag !== 'ul' && c.tag !== 'ol'));
    const nested = elements(li.children).filter((c) => c.tag === 'ul' || c.tag === 'ol');
    return [{ text: inline(own).trim(), depth }, ...nested.flatMap((l) => listItems(l, depth + 1))];
  });
}

const tableRows = (table: Exclude<Node, string>): string[][] => elements(table.children).flatMap((n) =>
  n.tag === 'tr' ? [elements(n.children).filter((c) => c.tag === 'td' || c.tag === 'th').map((c) => inline(c.children, true).trim())]
    : ['thead', 'tbody', 'tfoot'].includes(n.tag) ? tableRows(n) : []);

/** The tree → manual blocks (top-level elements; anything unexpected is read as a paragraph). */
export function blocksOfMammothHtml(nodes: Node[]): ManualBlock[] {
  return nodes.flatMap((n): ManualBlock[] => {
    if (typeof n === 'string') return n.trim() ? [{ kind: 'paragraph', text: escapeMarkdownText(n.trim()) }] : [];
    const heading = /^h([1-6])$/.exec(n.tag);
    if (heading) return [{ kind: 'heading', level: Number(heading[1]), text: plain(n.children) }];
    if (n.tag === 'ul' || n.tag === 'ol') return [{ kind: 'list', ordered: n.tag === 'ol', items: listItems(n, 0) }];
    if (n.tag === 'table') return [{ kind: 'table', rows: tableRows(n) }];
    if (n.tag === 'div' || n.tag === 'blockquote') return blocksOfMammothHtml(n.children);
    const text = inline(n.children).trim();
    return text ? [{ kind: 'paragraph', text }] : [];
  });
}

/** A Word document → manual blocks; mammoth's warnings and the images left out go to the report. */
export async function readDocx(data: Buffer): Promise<{ blocks: ManualBlock[]; notes: ReaderNote[] }> {
  let result;
  try {
    // Loaded on first use: a server that never imports a manual does not pay for it at start.
    const { default: mammoth } = await import('mammoth');
    result = await mammoth.convertToHtml({ buffer: data }, {
      styleMap: STYLE_MAP,
      // Images are not imported: keep them out of the HTML instead of inlining megabytes of base64.
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    });
  } catch (err) {
    throw importErrors.corrupt({ ja: `Word 文書として読めません（${String((err as Error).message ?? err)}）`, en: `cannot be read as a Word document (${String((err as Error).message ?? err)})` });
  }
  const tree = parseMammothHtml(result.value);
  const notes: ReaderNote[] = [...new Set(result.messages.map((m) => m.message))].map((detail) => ({ code: 'docx_warning', where: 'document', detail }));
  const images = countImages(tree);
  if (images > 0) notes.push({ code: 'images_skipped', where: 'document', count: images });
  return { blocks: blocksOfMammothHtml(tree), notes };
}
