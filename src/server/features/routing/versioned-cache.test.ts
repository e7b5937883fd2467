import { describe, expect, it } from 'vitest';
import { versionedCache } from './versioned-cache.js';

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
