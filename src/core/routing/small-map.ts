/**
 * An insertion-ordered map for the handful of keys one routing step touches (records written,
 * agents and contacts to match): keys and values alternate in one array searched linearly, which
 * for a few keys is cheaper to build and to read than a `Map`. Past 16 keys (reconfigure and
 * rebalance touch every record) a `Map` from key to position takes over the search. Keys are never
 * removed.
 */
const INDEX_FROM = 16;

export class SmallMap<K, V> {
  /** key, value, key, value, … */
  private readonly entries: (K | V)[] = [];
  private positions: Map<K, number> | null = null;

  get size(): number {
    return this.entries.length >>> 1;
  }

  /** The position of the key in `entries`, or -1. */
  private find(key: K): number {
    if (this.positions !== null) return this.positions.get(key) ?? -1;
    const entries = this.entries;
    for (let i = 0; i < entries.length; i += 2) if (entries[i] === key) return i;
    return -1;
  }

  get(key: K): V | undefined {
    const i = this.find(key);
    return i < 0 ? undefined : (this.entries[i + 1] as V);
  }

  has(key: K): boolean {
    return this.find(key) >= 0;
  }

  /** Replaces the value of a known key (its position is kept), or appends a new key. */
  set(key: K, value: V): void {
    const i = this.find(key);
    if (i >= 0) {
      this.entries[i + 1] = value;
      return;
    }
    this.entries.push(key, value);
    if (this.positions !== null) this.positions.set(key, this.entries.length - 2);
    else if (this.size > INDEX_FROM) {
      this.positions = new Map();
      for (let j = 0; j < this.entries.length; j += 2) this.positions.set(this.entries[j] as K, j);
    }
  }

  /** The i-th key and value in insertion order (0 ≤ i < size): a loop with no callback. */
  keyAt(i: number): K {
    return this.entries[2 * i] as K;
  }

  valueAt(i: number): V {
    return this.entries[2 * i + 1] as V;
  }

  forEach(f: (value: V, key: K) => void): void {
    const entries = this.entries;
    for (let i = 0; i < entries.length; i += 2) f(entries[i + 1] as V, entries[i] as K);
  }
}
