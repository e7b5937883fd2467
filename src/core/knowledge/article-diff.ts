import { structuredPatch } from 'diff';

/** The content of one article version, as compared by the diff. */
export interface VersionContent {
  title: string;
  body: string;
  tags: readonly string[];
  productSkus: readonly string[];
  categoryId: string | null;
  visibility: string;
  relatedIds: readonly string[];
}

export type DiffField = keyof VersionContent;
const FIELDS: readonly DiffField[] = ['title', 'body', 'tags', 'productSkus', 'categoryId', 'visibility', 'relatedIds'];

export interface DiffLine {
  op: 'add' | 'remove' | 'context';
  text: string;
}

export interface DiffHunk {
  /** 1-based first line in the old text (0 when the old text was empty), and its line count. */
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

export interface FieldDiff {
  field: DiffField;
  hunks: DiffHunk[];
}

const CONTEXT_LINES = 3;
const OPS: Record<string, DiffLine['op'] | undefined> = { '+': 'add', '-': 'remove', ' ': 'context' };

/**
 * Lists become one item per line, so a tag added shows as one added line. Every text ends with a
 * newline, so the last line compares equal to itself when a line is appended after it.
 */
function linesOf(value: string | readonly string[] | null): string {
  const text = value === null ? '' : typeof value === 'string' ? value : value.join('\n');
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * Line diff of two versions, field by field (only the fields that changed), as unified-diff hunks
 * with added, removed and context lines. A missing trailing newline is not a change.
 */
export function diffVersions(from: VersionContent, to: VersionContent): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of FIELDS) {
    const a = linesOf(from[field]);
    const b = linesOf(to[field]);
    if (a === b) continue;
    const patch = structuredPatch('', '', a, b, undefined, undefined, { context: CONTEXT_LINES });
    out.push({
      field,
      hunks: patch.hunks.map((h) => ({
        oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines,
        lines: h.lines.flatMap((l): DiffLine[] => {
          const op = OPS[l[0] ?? ''];
          return op ? [{ op, text: l.slice(1) }] : [];
        }),
      })),
    });
  }
  return out;
}
