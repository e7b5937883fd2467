import { describe, expect, it } from 'vitest';
import { createViewBuffer } from './portal-view-buffer.js';

describe('view buffer', () => {
  it('adds up views per tenant and article and writes them once per flush', async () => {
    const writes: [string, Record<string, number>][] = [];
    const sut = createViewBuffer(async (tenant, counts) => void writes.push([tenant, Object.fromEntries(counts)]));
    sut.count('t1', 'a');
    sut.count('t1', 'a');
    sut.count('t1', 'b');
    sut.count('t2', 'a');
    await sut.flush();
    await sut.flush();
    expect(writes).toEqual([['t1', { a: 2, b: 1 }], ['t2', { a: 1 }]]);
  });

  it('keeps the counts of a failed write for the next flush', async () => {
    let fail = true;
    const written: Record<string, number>[] = [];
    const sut = createViewBuffer(async (_t, counts) => {
      if (fail) throw new Error('database down');
      written.push(Object.fromEntries(counts));
    });
    sut.count('t', 'a');
    await expect(sut.flush()).rejects.toThrow('database down');
    sut.count('t', 'a');
    fail = false;
    await sut.flush();
    expect(written).toEqual([{ a: 2 }]);
  });
});
