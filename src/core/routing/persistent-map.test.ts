import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersistentMap, hashString } from './persistent-map.js';

/** Pairs of keys whose full 32-bit hashes are equal (found by search): they exercise collision nodes. */
const COLLIDING = [
  ['k32728', 'k261234'],
  ['k32729', 'k261235'],
] as const;

const arbKey = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: 0, max: 300 }).map((i) => `c${i}`),
  fc.constantFrom(...COLLIDING.flat()),
);
const arbOp = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: arbKey, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key: arbKey }),
);

describe('PersistentMap', () => {
  it('the colliding keys really collide', () => {
    for (const [a, b] of COLLIDING) expect(hashString(a)).toBe(hashString(b));
  });

  it('behaves like a Map, and every older version stays as it was', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 300 }), (ops) => {
        let map = PersistentMap.empty<string, number>();
        const model = new Map<string, number>();
        const versions: { map: PersistentMap<string, number>; model: Map<string, number> }[] = [];
        for (const op of ops) {
          if (op.kind === 'set') {
            map = map.set(op.key, op.value);
            model.set(op.key, op.value);
          } else {
            map = map.delete(op.key);
            model.delete(op.key);
          }
          versions.push({ map, model: new Map(model) });
        }
        for (const v of versions) {
          expect(v.map.size).toBe(v.model.size);
          expect(new Map(v.map)).toEqual(v.model);
          for (const key of COLLIDING.flat()) {
            expect(v.map.get(key)).toBe(v.model.get(key));
            expect(v.map.has(key)).toBe(v.model.has(key));
          }
          for (const [k, value] of v.model) expect(v.map.get(k)).toBe(value);
        }
      }),
    );
  });

  it('stays a Map through growth and shrinkage (dense and sparse levels)', () => {
    const arbBig = fc.array(
      fc.record({ set: fc.boolean(), key: fc.integer({ min: 0, max: 3000 }).map((i) => `c${i}`), value: fc.integer() }),
      { minLength: 1000, maxLength: 4000 },
    );
    fc.assert(
      fc.property(arbBig, (ops) => {
        let map = PersistentMap.empty<string, number>();
        const model = new Map<string, number>();
        let half: { map: PersistentMap<string, number>; model: Map<string, number> } | null = null;
        ops.forEach((op, i) => {
          map = op.set ? map.set(op.key, op.value) : map.delete(op.key);
          if (op.set) model.set(op.key, op.value);
          else model.delete(op.key);
          if (i === ops.length >> 1) half = { map, model: new Map(model) };
        });
        // Then empty it again, key by key.
        let shrinking = map;
        for (const k of model.keys()) shrinking = shrinking.delete(k);
        expect(shrinking.size).toBe(0);
        expect([...shrinking.keys()]).toEqual([]);
        for (const v of [{ map, model }, half ?? { map, model }]) {
          expect(v.map.size).toBe(v.model.size);
          expect(new Map(v.map)).toEqual(v.model);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('iterates in an order that depends only on the keys', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbKey, { maxLength: 200 }), fc.infiniteStream(fc.nat()), (keys, seeds) => {
        const shuffled = [...keys].map((k) => ({ k, r: seeds.next().value as number })).sort((a, b) => a.r - b.r).map((x) => x.k);
        const a = PersistentMap.from(keys.map((k) => [k, 1] as const));
        // Built in another order, with extra keys added and removed on the way.
        let b = PersistentMap.empty<string, number>();
        for (const k of shuffled) b = b.set(`${k}~extra`, 0).set(k, 1);
        for (const k of shuffled) b = b.delete(`${k}~extra`);
        expect([...b.keys()]).toEqual([...a.keys()]);
        expect([...a.values()]).toEqual(keys.map(() => 1));
      }),
    );
  });

  it('a write that changes nothing returns the same map', () => {
    const m = PersistentMap.from<string, number>([['a', 1], ['b', 2]]);
    expect(m.set('a', 1)).toBe(m);
    expect(m.delete('zz')).toBe(m);
    expect(m.delete('a').delete('b').size).toBe(0);
  });
});
