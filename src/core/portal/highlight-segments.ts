/** A run of snippet text, marked when it matched the query. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Splits a snippet into plain and matched runs from its highlight ranges ([start, end) into `text`).
 * The caller renders each run as text (escaped) — never as HTML — and wraps matched runs in <mark>.
 * Ranges out of order, overlapping or out of bounds are clamped rather than trusted.
 */
export function highlightSegments(text: string, ranges: readonly (readonly [number, number])[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  const push = (s: string, mark: boolean) => {
    if (!s) return;
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += s;
    else out.push({ text: s, mark });
  };
  for (const [rawStart, rawEnd] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, Math.min(text.length, rawStart));
    const end = Math.max(start, Math.min(text.length, rawEnd));
    push(text.slice(at, start), false);
    push(text.slice(start, end), true);
    at = end;
  }
  push(text.slice(at), false);
  return out;
}
