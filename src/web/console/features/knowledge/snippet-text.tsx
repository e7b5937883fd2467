import { Text } from '@mantine/core';
import { highlightPieces } from './highlight.js';

/** A search snippet with the matched terms marked; React escapes every piece. */
export function SnippetText({ text, highlights }: { text: string; highlights: readonly (readonly [number, number])[] }) {
  return (
    <Text size="sm" c="dimmed" lineClamp={3}>
      {highlightPieces(text, highlights).map((piece, i) => (piece.mark ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
    </Text>
  );
}
