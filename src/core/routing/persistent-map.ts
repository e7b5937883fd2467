/**
 * A persistent (immutable) hash map with structural sharing: a small HAMT (hash array mapped trie,
 * 32-way, bitmap-compressed). `set` and `delete` return a new map and copy only the path to the
 * key (O(log32 n) nodes of ≤ 32 slots), so a routing step that touches a few agents of 15,000
 * costs microseconds instead of an O(n) `Map` copy. The old map is never changed.
 *
 * Iteration order depends only on the set of keys (hash order; equal hashes by key), so two maps
 * with the same entries iterate identically, whatever the order they were built in.
 */

interface Entry<V> {
  readonly kind: 0;
  readonly hash: number;
  readonly key: string;
  readonly value: V;
}

interface Bucket<V> {
  readonly kind: 1;
  readonly hash: number;
  /** Entries with the same full hash, sorted by key. */
  readonly entries: readonly Entry<V>[];
}

interface Branch<V> {
  readonly kind: 2;
  readonly bitmap: number;
  readonly children: readonly Node<V>[];
}

type Node<V> = Entry<V> | Bucket<V> | Branch<V>;

const BITS = 5;
const MASK = 31;

/** FNV-1a over UTF-16 code units, then a murmur3 finalizer so that sequential ids spread. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

const EMPTY_BRANCH: Branch<never> = { kind: 2, bitmap: 0, children: [] };

function withChild<V>(children: readonly Node<V>[], i: number, child: Node<V>): Node<V>[] {
  const copy = children.slice();
  copy[i] = child;
  return copy;
}

/** Two leaves (entry or bucket) with different positions below `shift` become a branch. */
function merge<V>(a: Entry<V> | Bucket<V>, b: Entry<V>, shift: number): Node<V> {
  if (a.hash === b.hash) {
    const entries = a.kind === 0 ? [a] : [...a.entries];
    entries.push(b);
    entries.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    return { kind: 1, hash: b.hash, entries };
  }
  const ia = (a.hash >>> shift) & MASK;
  const ib = (b.hash >>> shift) & MASK;
  if (ia === ib) return { kind: 2, bitmap: 1 << ia, children: [merge(a, b, shift + BITS)] };
  return { kind: 2, bitmap: (1 << ia) | (1 << ib), children: ia < ib ? [a, b] : [b, a] };
}

/** The node with `entry` set, and whether a key was added (not replaced). */
function insert<V>(node: Node<V>, entry: Entry<V>, shift: number, added: { n: number }): Node<V> {
  if (node.kind === 2) {
    const bit = 1 << ((entry.hash >>> shift) & MASK);
    const i = popcount(node.bitmap & (bit - 1));
    if ((node.bitmap & bit) === 0) {
      const children = node.children.slice();
      children.splice(i, 0, entry);
      added.n = 1;
      return { kind: 2, bitmap: node.bitmap | bit, children };
    }
    const child = node.children[i] as Node<V>;
    const next = insert(child, entry, shift + BITS, added);
    return next === child ? node : { kind: 2, bitmap: node.bitmap, children: withChild(node.children, i, next) };
  }
  if (node.kind === 0) {
    if (node.key === entry.key) return node.value === entry.value ? node : entry;
    added.n = 1;
    return merge(node, entry, shift);
  }
  if (node.hash !== entry.hash) {
    added.n = 1;
    return merge(node, entry, shift);
  }
  const j = node.entries.findIndex((e) => e.key === entry.key);
  if (j >= 0) {
    if ((node.entries[j] as Entry<V>).value === entry.value) return node;
    return { kind: 1, hash: node.hash, entries: withChild(node.entries, j, entry) as Entry<V>[] };
  }
  added.n = 1;
  return merge(node, entry, shift);
}

/** The node without `key` (undefined when it becomes empty); the same node when absent. */
function remove<V>(node: Node<V>, key: string, hash: number, shift: number): Node<V> | undefined {
  if (node.kind === 0) return node.key === key ? undefined : node;
  if (node.kind === 1) {
    const entries = node.entries.filter((e) => e.key !== key);
    if (entries.length === node.entries.length) return node;
    return entries.length === 1 ? entries[0] : { kind: 1, hash: node.hash, entries };
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  if ((node.bitmap & bit) === 0) return node;
  const i = popcount(node.bitmap & (bit - 1));
  const child = node.children[i] as Node<V>;
  const next = remove(child, key, hash, shift + BITS);
  if (next === child) return node;
  if (next !== undefined) return { kind: 2, bitmap: node.bitmap, children: withChild(node.children, i, next) };
  if (node.bitmap === bit) return undefined;
  const children = node.children.slice();
  children.splice(i, 1);
  return { kind: 2, bitmap: node.bitmap & ~bit, children };
}

function collect<V>(node: Node<V>, out: Entry<V>[]): void {
  if (node.kind === 0) out.push(node);
  else if (node.kind === 1) out.push(...node.entries);
  else for (const c of node.children) collect(c, out);
}

export class PersistentMap<K extends string, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly root: Branch<V>,
    readonly size: number,
  ) {}

  static empty<K extends string, V>(): PersistentMap<K, V> {
    return new PersistentMap<K, V>(EMPTY_BRANCH, 0);
  }

  static from<K extends string, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    let map = PersistentMap.empty<K, V>();
    for (const [k, v] of entries) map = map.set(k, v);
    return map;
  }

  get(key: K): V | undefined {
    return this.find(key)?.value;
  }

  has(key: K): boolean {
    return this.find(key) !== undefined;
  }

  private find(key: K): Entry<V> | undefined {
    const hash = hashString(key);
    let node: Node<V> = this.root;
    let shift = 0;
    for (;;) {
      if (node.kind === 2) {
        const bit = 1 << ((hash >>> shift) & MASK);
        if ((node.bitmap & bit) === 0) return undefined;
        node = node.children[popcount(node.bitmap & (bit - 1))] as Node<V>;
        shift += BITS;
      } else if (node.kind === 0) {
        return node.key === key ? node : undefined;
      } else {
        return node.entries.find((e) => e.key === key);
      }
    }
  }

  set(key: K, value: V): PersistentMap<K, V> {
    const added = { n: 0 };
    const root = insert(this.root, { kind: 0, hash: hashString(key), key, value }, 0, added) as Branch<V>;
    return root === this.root ? this : new PersistentMap<K, V>(root, this.size + added.n);
  }

  delete(key: K): PersistentMap<K, V> {
    const root = remove(this.root, key, hashString(key), 0) as Branch<V> | undefined;
    if (root === this.root) return this;
    return new PersistentMap<K, V>(root ?? EMPTY_BRANCH, this.size - 1);
  }

  private list(): Entry<V>[] {
    const out: Entry<V>[] = [];
    collect(this.root, out);
    return out;
  }

  entries(): MapIterator<[K, V]> {
    return this.list()
      .map((e): [K, V] => [e.key as K, e.value])
      .values();
  }

  keys(): MapIterator<K> {
    return this.list()
      .map((e) => e.key as K)
      .values();
  }

  values(): MapIterator<V> {
    return this.list()
      .map((e) => e.value)
      .values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const e of this.list()) callback.call(thisArg, e.value, e.key as K, this);
  }
}
