import { describe, expect, it } from 'vitest';
import { diffVersions, type VersionContent } from './article-diff.js';

const base: VersionContent = {
  title: '返品の方法', body: '1. マイページを開く\n2. 注文履歴を選ぶ\n3. 返品を申し込む', tags: ['返品', '交換'],
  productSkus: [], categoryId: null, visibility: 'public', relatedIds: [],
};

describe('diffVersions', () => {
  it('reports only changed fields, with added and removed lines', () => {
    const sut = diffVersions(base, { ...base, body: '1. マイページを開く\n2. 注文履歴から商品を選ぶ\n3. 返品を申し込む', tags: ['返品', '交換', '返却'] });
    expect(sut.map((f) => f.field)).toEqual(['body', 'tags']);
    const body = sut[0]!.hunks[0]!;
    expect(body.lines).toEqual([
      { op: 'context', text: '1. マイページを開く' },
      { op: 'remove', text: '2. 注文履歴を選ぶ' },
      { op: 'add', text: '2. 注文履歴から商品を選ぶ' },
      { op: 'context', text: '3. 返品を申し込む' },
    ]);
    expect(sut[1]!.hunks[0]!.lines.filter((l) => l.op !== 'context')).toEqual([{ op: 'add', text: '返却' }]);
  });

  it('is empty for equal versions and shows a cleared category as a removed line', () => {
    expect(diffVersions(base, { ...base })).toEqual([]);
    const sut = diffVersions({ ...base, categoryId: 'c1' }, base);
    expect(sut).toEqual([{ field: 'categoryId', hunks: [expect.objectContaining({ lines: [{ op: 'remove', text: 'c1' }] })] }]);
  });

  it('keeps distant changes in separate hunks', () => {
    const long = Array.from({ length: 30 }, (_, i) => `行${i}`);
    const changed = [...long];
    changed[2] = '変更A';
    changed[27] = '変更B';
    const sut = diffVersions({ ...base, body: long.join('\n') }, { ...base, body: changed.join('\n') });
    expect(sut[0]!.hunks).toHaveLength(2);
    expect(sut[0]!.hunks[1]!.lines).toContainEqual({ op: 'add', text: '変更B' });
  });
});
