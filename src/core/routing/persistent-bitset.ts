/**
 * A persistent bitset over small integers (agent or queue ordinals): chunks of 1,024 bits held as
 * 64 small-integer words of 16 bits; a write copies the chunk list and one chunk and leaves the old
 * set unchanged. Membership is two array reads, so a matcher can skip thousands of unavailable
 * candidates for almost nothing.
 */
const WORD_BITS = 4; // 16 bits per word: always a small integer
const CHUNK_SHIFT = 10; // 1,024 bits per chunk
const WORDS = 1 << (CHUNK_SHIFT - WORD_BITS);

export class PersistentBitset {
  private constructor(private readonly chunks: readonly (readonly number[] | undefined)[]) {}

  static readonly EMPTY = new PersistentBitset([]);

  has(i: number): boolean {
    const chunk = this.chunks[i >>> CHUNK_SHIFT];
    return chunk !== undefined && (((chunk[(i >>> WORD_BITS) & (WORDS - 1)] as number) >>> (i & 15)) & 1) === 1;
  }

  with(i: number, on: boolean): PersistentBitset {
    if (this.has(i) === on) return this;
    const chunks = this.chunks.slice();
    const ci = i >>> CHUNK_SHIFT;
    const chunk = chunks[ci]?.slice() ?? new Array<number>(WORDS).fill(0);
    const w = (i >>> WORD_BITS) & (WORDS - 1);
    chunk[w] = (chunk[w] as number) ^ (1 << (i & 15));
    chunks[ci] = chunk;
    return new PersistentBitset(chunks);
  }
}
