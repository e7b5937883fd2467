import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contrastRatio, MIN_CONTRAST, parseHexColor, readableOn, textColorOn, toHex, WHITE } from './brand-colors.js';

describe('brand colours', () => {
  it('parses #rgb and #rrggbb only', () => {
    expect(parseHexColor('#1d4ed8')).toEqual([0x1d, 0x4e, 0xd8]);
    expect(parseHexColor('#FA0')).toEqual([0xff, 0xaa, 0x00]);
    for (const bad of ['red', '#12345', '#1234567', '1d4ed8', '#gggggg', '#fff;}body{', 'url(x)', '']) expect(parseHexColor(bad), bad).toBeNull();
  });

  it('computes the WCAG contrast ratio', () => {
    expect(contrastRatio([0, 0, 0], WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBeCloseTo(1, 5);
    // #767676 on white is the well-known 4.54:1 grey.
    expect(contrastRatio(parseHexColor('#767676')!, WHITE)).toBeCloseTo(4.54, 2);
  });

  it('picks white on dark brands and dark ink on light ones', () => {
    expect(toHex(textColorOn(parseHexColor('#1d4ed8')!))).toBe('#ffffff');
    expect(toHex(textColorOn(parseHexColor('#f59e0b')!))).not.toBe('#ffffff');
  });

  it('keeps text on any brand colour at 4.5:1 or more, and any brand colour readable as text on white', () => {
    const rgb = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }));
    fc.assert(fc.property(rgb, (c) => {
      expect(contrastRatio(textColorOn(c), c)).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(contrastRatio(readableOn(c, WHITE), WHITE)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }), { numRuns: 2000 });
  });

  it('leaves an already readable colour as it is', () => {
    expect(toHex(readableOn(parseHexColor('#1d4ed8')!, WHITE))).toBe('#1d4ed8');
  });
});
