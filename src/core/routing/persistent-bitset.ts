/**
 * A persistent bitset over small integers (agent or queue ordinals): chunks of 512 bits held as
 * 32 small-integer words of 16 bits; a write copies the chunk list and one chunk and leaves the old
 * set unchanged. Membership is two array reads, so a matcher can skip thousands of unavailable
 * candidates for almost nothing. Chunks are packed arrays (never holey), so copying one is a plain
 * memory copy.
 */
const WORD_BITS = 4; // 16 bits per word: always a small integer
const CHUNK_SHIFT = 9; // 512 bits per chunk: for 15,000 agents a write copies 30 + 32 slots
const WORDS = 1 << (CHUNK_SHIFT - WORD_BITS);

function emptyChunk(): number[] {
  const chunk: number[] = [];
  for (let i = 0; i < WORDS; i++) chunk.push(0);
  return chunk;
}

export class PersistentBitset {
  private constructor(private readonly chunks: readonly (readonly number[] | null)[]) {}

  static readonly EMPTY = new PersistentBitset([]);

  has(i: number): boolean {
    const chunk = this.chunks[i >>> CHUNK_SHIFT];
    return chunk != null && (((chunk[(i >>> WORD_BITS) & (WORDS - 1)] as number) >>> (i & 15)) & 1) === 1;
  }

  with(i: number, on: boolean): PersistentBitset {
    if (this.has(i) === on) return this;
    const ci = i >>> CHUNK_SHIFT;
    const chunks = this.chunks.slice();
    while (chunks.length <= ci) chunks.push(null);
    const chunk = chunks[ci]?.slice() ?? emptyChunk();
    const w = (i >>> WORD_BITS) & (WORDS - 1);
    chunk[w] = (chunk[w] as number) ^ (1 << (i & 15));
    chunks[ci] = chunk;
    return new PersistentBitset(chunks);
  }
}
