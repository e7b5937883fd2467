import { describe, expect, it } from 'vitest';
import { outlineText, type TextLine } from './text-outline.js';

const lines = (text: string): TextLine[] => text.split('\n').map((t) => ({ text: t }));

describe('outlineText', () => {
  it('infers headings from numbering (第1章, 1., 1.1, ■, 【…】) and joins wrapped lines', () => {
    const sut = outlineText(lines([
      '第1章 はじめに', 'この製品は家庭用です。', '電源は100Vです。', '',
      '1.1 付属品', 'リモコン、電池', '■ お手入れ', '【フィルター】', '2週間に1度洗ってください。',
    ].join('\n')));
    expect(sut).toEqual([
      { kind: 'heading', level: 1, text: '第1章 はじめに' },
      { kind: 'paragraph', text: 'この製品は家庭用です。電源は100Vです。' },
      { kind: 'heading', level: 2, text: '1.1 付属品' },
      { kind: 'paragraph', text: 'リモコン、電池' },
      { kind: 'heading', level: 2, text: '■ お手入れ' },
      { kind: 'heading', level: 3, text: '【フィルター】' },
      { kind: 'paragraph', text: '2週間に1度洗ってください。' },
    ]);
  });

  it('reads consecutive numbered lines and bullets as lists, and sentences as text, not headings', () => {
    const sut = outlineText(lines('手順\n1. 電源を切る\n2. フィルターを外す\n・乾かす\n・戻す\n\n1. This is a long numbered sentence that ends with a period.'));
    expect(sut.map((b) => b.kind)).toEqual(['paragraph', 'list', 'list', 'paragraph']);
    expect(sut[1]).toEqual({ kind: 'list', ordered: true, items: [{ text: '電源を切る', depth: 0 }, { text: 'フィルターを外す', depth: 0 }] });
    expect(sut[3]).toMatchObject({ text: '1\\. This is a long numbered sentence that ends with a period.' });
  });

  it('takes clearly larger type as a heading and keeps where it was', () => {
    const sut = outlineText([
      { text: 'Troubleshooting', size: 16, at: 'p. 2' },
      { text: 'The indoor and outdoor units cannot communicate with each other. Switch off.', size: 11 },
      { text: 'Error codes', size: 13 },
      { text: 'Switch the breaker off, wait five minutes and switch it on again please.', size: 11, gapBefore: true },
    ]);
    expect(sut.filter((b) => b.kind === 'heading')).toEqual([
      { kind: 'heading', level: 1, text: 'Troubleshooting', at: 'p. 2' },
      { kind: 'heading', level: 2, text: 'Error codes' },
    ]);
  });
});
