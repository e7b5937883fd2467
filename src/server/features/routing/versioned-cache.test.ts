import { describe, expect, it } from 'vitest';
import { identityCache, versionedCache } from './versioned-cache.js';

describe('versionedCache', () => {
  it('loads once per key and version, again after the version changes or a load failed', async () => {
    let version = 1;
    let loads = 0;
    const cache = versionedCache<number>(() => version);
    const load = async () => ++loads;
    expect(await cache('a', load)).toBe(1);
    expect(await cache('a', load)).toBe(1);
    expect(await cache('b', load)).toBe(2);
    version = 2;
    expect(await cache('a', load)).toBe(3);
    await expect(cache('c', async () => { throw new Error('down'); })).rejects.toThrow('down');
    expect(await cache('c', load)).toBe(4);
  });
});

describe('identityCache', () => {
  it('loads again when a dependency is another object, keeps at most max keys, forgets failures', async () => {
    let loads = 0;
    const cache = identityCache<number>(2);
    const load = async () => ++loads;
    const rec = { phase: 'offered' };
    expect(await cache('a', [rec, 1], load)).toBe(1);
    expect(await cache('a', [rec, 1], load)).toBe(1);
    expect(await cache('a', [{ ...rec }, 1], load)).toBe(2); // equal content, another record: changed
    expect(await cache('a', [rec, 2], load)).toBe(3);
    expect(await cache('a', [rec, 2, undefined], load)).toBe(4); // a slot more
    expect(await cache('b', [], load)).toBe(5);
    expect(await cache('c', [], load)).toBe(6); // 'a' (oldest) dropped
    expect(await cache('a', [rec, 2, undefined], load)).toBe(7);
    await expect(cache('d', [], async () => { throw new Error('down'); })).rejects.toThrow('down');
    expect(await cache('d', [], load)).toBe(8);
  });
});
