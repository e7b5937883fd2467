/**
 * A persistent (immutable) hash map with structural sharing: a small HAMT (hash array mapped trie,
 * 32-way, bitmap-compressed). `set` and `delete` return a new map and copy only the path to the
 * key (O(log32 n) nodes of ≤ 32 slots), so a routing step that touches a few agents of 15,000
 * costs microseconds instead of an O(n) `Map` copy. The old map is never changed.
 *
 * Nodes are plain arrays, as in Bagwell's and Clojure's HAMTs. A sparse node is `[bitmap, key0,
 * value0, key1, value1, …]`: one pair per set bit, in bit order; a pair holds an entry, or `null`
 * and the node one level down. A node with more than 16 pairs becomes dense, `[DENSE, child0, …,
 * child31]`, indexed by the hash bits directly (an entry alone in its slot sits in a one-pair
 * sparse node), and back to sparse at 8 or fewer children. With no object per entry and none
 * around the arrays, a lookup reads one array per level (in a large map most of its cost is cache
 * misses), and a write copies 33 slots at the full upper levels instead of 65.
 *
 * Iteration order depends only on the set of keys (hash order; equal hashes by key), so two maps
 * with the same entries iterate identically, whatever the order they were built in.
 */

/** `[bitmap, key|null, value|child, …]` (`bitmap` is a 32-bit int), or `[DENSE, child|null × 32]`. */
type Branch = unknown[];

const DENSE = Symbol('dense');
const PROMOTE_ABOVE = 16;
const DEMOTE_AT = 8;

/** Keys whose full 32-bit hashes are equal (so no level can tell them apart), sorted by key. */
class Collision {
  constructor(
    readonly hash: number,
    /** key, value, key, value, … */
    readonly pairs: readonly unknown[],
  ) {}
}

type Child = Branch | Collision;

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

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Position of the pair for `bit` in a branch with `bitmap` (after the bitmap slot). */
const pairAt = (bitmap: number, bit: number): number => 1 + 2 * popcount(bitmap & (bit - 1));

function withPair(node: Branch, i: number, key: string | null, value: unknown): Branch {
  const copy = node.slice();
  copy[i] = key;
  copy[i + 1] = value;
  return copy;
}

/** A child holding two entries whose hashes agree below `shift`. */
function twoEntries(k1: string, h1: number, v1: unknown, k2: string, h2: number, v2: unknown, shift: number): Child {
  if (h1 === h2) return new Collision(h1, byKey(k1, k2) < 0 ? [k1, v1, k2, v2] : [k2, v2, k1, v1]);
  const b1 = 1 << ((h1 >>> shift) & MASK);
  const b2 = 1 << ((h2 >>> shift) & MASK);
  if (b1 === b2) return [b1 | 0, null, twoEntries(k1, h1, v1, k2, h2, v2, shift + BITS)];
  return twoPairs(b1, k1, v1, b2, k2, v2);
}

/** A branch with two pairs in bit order (`1 << 31` is negative: compare unsigned). */
function twoPairs(b1: number, k1: string | null, v1: unknown, b2: number, k2: string | null, v2: unknown): Branch {
  return b1 >>> 0 < b2 >>> 0 ? [(b1 | b2) | 0, k1, v1, k2, v2] : [(b1 | b2) | 0, k2, v2, k1, v1];
}

/** A sparse node holding one entry, for an empty slot of a dense node. */
function onePair(hash: number, shift: number, key: string, value: unknown, added: { n: number }): Branch {
  added.n = 1;
  return [(1 << ((hash >>> shift) & MASK)) | 0, key, value];
}

/** The sparse node as a dense one (its pairs keep their bit positions). */
function dense(node: Branch, shift: number): Branch {
  const out: unknown[] = [DENSE];
  for (let b = 0; b < 32; b++) out.push(null);
  const bitmap = node[0] as number;
  let i = 1;
  for (let b = 0; b < 32; b++) {
    const bit = 1 << b;
    if ((bitmap & bit) === 0) continue;
    const k = node[i] as string | null;
    out[1 + b] = k === null ? node[i + 1] : [(1 << ((hashString(k) >>> (shift + BITS)) & MASK)) | 0, k, node[i + 1]];
    i += 2;
  }
  return out;
}

/** A dense node that lost a child: sparse again when few children are left. */
function sparseIfSmall(node: Branch): Branch | null {
  let children = 0;
  for (let i = 1; i < node.length; i++) if (node[i] !== null) children++;
  if (children === 0) return null;
  if (children > DEMOTE_AT) return node;
  const out: unknown[] = [0];
  let bitmap = 0;
  for (let b = 0; b < 32; b++) {
    const child = node[1 + b] as Child | null;
    if (child === null) continue;
    bitmap |= 1 << b;
    // A one-entry sparse child goes back into this node as a plain pair.
    if (!(child instanceof Collision) && child.length === 3 && child[1] !== null) out.push(child[1], child[2]);
    else out.push(null, child);
  }
  out[0] = bitmap | 0;
  return out;
}

/** Position of the key in a collision's pairs, or -1. */
function keyIn(c: Collision, key: string): number {
  for (let i = 0; i < c.pairs.length; i += 2) if (c.pairs[i] === key) return i;
  return -1;
}

function collisionWith(c: Collision, key: string, value: unknown, added: { n: number }): Collision {
  const pairs = c.pairs;
  let i = 0;
  while (i < pairs.length && byKey(pairs[i] as string, key) < 0) i += 2;
  if (i < pairs.length && pairs[i] === key) {
    if (pairs[i + 1] === value) return c;
    const copy = pairs.slice();
    copy[i + 1] = value;
    return new Collision(c.hash, copy);
  }
  added.n = 1;
  const copy = pairs.slice();
  copy.splice(i, 0, key, value);
  return new Collision(c.hash, copy);
}

/** The child with `key` set; the same child when nothing changed. `added.n` = 1 when the key is new. */
function insert(node: Child, key: string, hash: number, value: unknown, shift: number, added: { n: number }): Child {
  if (node instanceof Collision) {
    if (node.hash === hash) return collisionWith(node, key, value, added);
    // A key with another hash: the collision moves one level down, next to the new entry.
    added.n = 1;
    const bc = 1 << ((node.hash >>> shift) & MASK);
    const bk = 1 << ((hash >>> shift) & MASK);
    if (bc === bk) return [bc | 0, null, insert(node, key, hash, value, shift + BITS, added)];
    return twoPairs(bc, null, node, bk, key, value);
  }
  if (node[0] === DENSE) {
    const slot = 1 + ((hash >>> shift) & MASK);
    const child = node[slot] as Child | null;
    const next = child === null ? onePair(hash, shift + BITS, key, value, added) : insert(child, key, hash, value, shift + BITS, added);
    if (next === child) return node;
    const copy = node.slice();
    copy[slot] = next;
    return copy;
  }
  const bitmap = node[0] as number;
  const bit = 1 << ((hash >>> shift) & MASK);
  const i = pairAt(bitmap, bit);
  if ((bitmap & bit) === 0) {
    if (node.length > 2 * PROMOTE_ABOVE) return insert(dense(node, shift), key, hash, value, shift, added);
    added.n = 1;
    const copy = node.slice();
    copy.splice(i, 0, key, value);
    copy[0] = (bitmap | bit) | 0;
    return copy;
  }
  const k = node[i] as string | null;
  const v = node[i + 1];
  if (k === null) {
    const child = insert(v as Child, key, hash, value, shift + BITS, added);
    return child === v ? node : withPair(node, i, null, child);
  }
  if (k === key) return v === value ? node : withPair(node, i, k, value);
  added.n = 1;
  return withPair(node, i, null, twoEntries(k, hashString(k), v, key, hash, value, shift + BITS));
}

/** The child without `key`: the same child when absent, null when it becomes empty. */
function remove(node: Child, key: string, hash: number, shift: number): Child | null {
  if (node instanceof Collision) {
    const i = keyIn(node, key);
    if (i < 0) return node;
    if (node.pairs.length === 2) return null;
    const copy = node.pairs.slice();
    copy.splice(i, 2);
    return new Collision(node.hash, copy);
  }
  if (node[0] === DENSE) {
    const slot = 1 + ((hash >>> shift) & MASK);
    const child = node[slot] as Child | null;
    if (child === null) return node;
    const next = remove(child, key, hash, shift + BITS);
    if (next === child) return node;
    const copy = node.slice();
    copy[slot] = next instanceof Collision && next.pairs.length === 2 ? [1 << ((next.hash >>> (shift + BITS)) & MASK), ...next.pairs] : next;
    return next === null ? sparseIfSmall(copy) : copy;
  }
  const bitmap = node[0] as number;
  const bit = 1 << ((hash >>> shift) & MASK);
  if ((bitmap & bit) === 0) return node;
  const i = pairAt(bitmap, bit);
  const k = node[i] as string | null;
  if (k === null) {
    const child = node[i + 1] as Child;
    const next = remove(child, key, hash, shift + BITS);
    if (next === child) return node;
    // A collision left with one key goes back into this node as a plain pair.
    if (next instanceof Collision && next.pairs.length === 2) return withPair(node, i, next.pairs[0] as string, next.pairs[1]);
    if (next !== null) return withPair(node, i, null, next);
  } else if (k !== key) {
    return node;
  }
  // The pair goes.
  if (node.length === 3) return null;
  const copy = node.slice();
  copy.splice(i, 2);
  copy[0] = (bitmap & ~bit) | 0;
  return copy;
}

/** Pairs in iteration order: bit order at each level, collisions by key. */
function collect(node: Child, out: unknown[]): void {
  if (node instanceof Collision) {
    for (const x of node.pairs) out.push(x);
    return;
  }
  if (node[0] === DENSE) {
    for (let i = 1; i < node.length; i++) if (node[i] !== null) collect(node[i] as Child, out);
    return;
  }
  for (let i = 1; i < node.length; i += 2) {
    if (node[i] === null) collect(node[i + 1] as Child, out);
    else out.push(node[i], node[i + 1]);
  }
}

const EMPTY_BRANCH: Branch = [0];
const MISSING = Symbol('missing');

export class PersistentMap<K extends string, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly root: Branch,
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
    const found = this.lookup(key);
    return found === MISSING ? undefined : (found as V);
  }

  has(key: K): boolean {
    return this.lookup(key) !== MISSING;
  }

  private lookup(key: K): unknown {
    const hash = hashString(key);
    let node: Child = this.root;
    for (let shift = 0; ; shift += BITS) {
      if (node instanceof Collision) {
        const i = keyIn(node, key);
        return i < 0 ? MISSING : node.pairs[i + 1];
      }
      if (node[0] === DENSE) {
        const child = node[1 + ((hash >>> shift) & MASK)] as Child | null;
        if (child === null) return MISSING;
        node = child;
        continue;
      }
      const bitmap = node[0] as number;
      const bit = 1 << ((hash >>> shift) & MASK);
      if ((bitmap & bit) === 0) return MISSING;
      const i = pairAt(bitmap, bit);
      const k = node[i];
      if (k !== null) return k === key ? node[i + 1] : MISSING;
      node = node[i + 1] as Child;
    }
  }

  set(key: K, value: V): PersistentMap<K, V> {
    const added = { n: 0 };
    const root = insert(this.root, key, hashString(key), value, 0, added) as Branch;
    return root === this.root ? this : new PersistentMap<K, V>(root, this.size + added.n);
  }

  delete(key: K): PersistentMap<K, V> {
    const root = remove(this.root, key, hashString(key), 0) as Branch | null;
    if (root === this.root) return this;
    return new PersistentMap<K, V>(root ?? EMPTY_BRANCH, this.size - 1);
  }

  /** key, value, key, value, … in iteration order. */
  private pairs(): unknown[] {
    const out: unknown[] = [];
    collect(this.root, out);
    return out;
  }

  private keyList(): K[] {
    const pairs = this.pairs();
    const out: K[] = [];
    for (let i = 0; i < pairs.length; i += 2) out.push(pairs[i] as K);
    return out;
  }

  entries(): MapIterator<[K, V]> {
    const pairs = this.pairs();
    const out: [K, V][] = [];
    for (let i = 0; i < pairs.length; i += 2) out.push([pairs[i] as K, pairs[i + 1] as V]);
    return out.values();
  }

  keys(): MapIterator<K> {
    return this.keyList().values();
  }

  values(): MapIterator<V> {
    const pairs = this.pairs();
    const out: V[] = [];
    for (let i = 1; i < pairs.length; i += 2) out.push(pairs[i] as V);
    return out.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    const pairs = this.pairs();
    for (let i = 0; i < pairs.length; i += 2) callback.call(thisArg, pairs[i + 1] as V, pairs[i] as K, this);
  }
}
