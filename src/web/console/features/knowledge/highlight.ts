/** A piece of snippet text, marked when it is one of the search's highlight ranges. */
export interface TextPiece {
  text: string;
  mark: boolean;
}

/**
 * Splits a snippet at its highlight ranges ([start, end) in UTF-16 units, as the search API returns
 * them). Overlapping or out-of-range ranges are clipped, so a bad range can never drop text.
 */
export function highlightPieces(text: string, ranges: readonly (readonly [number, number])[]): TextPiece[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of sorted) {
    const start = Math.max(at, Math.min(rawStart, text.length));
    const end = Math.max(start, Math.min(rawEnd, text.length));
    if (end === start) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), mark: false });
    pieces.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), mark: false });
  return pieces;
}
