/**
 * Brand colours of a tenant's portal, kept readable: WCAG 2.x contrast (relative luminance of sRGB),
 * https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio. Only `#rgb` / `#rrggbb` are accepted anywhere a
 * colour reaches the CSS, so a stored value can never close the style block or add a rule.
 */

export const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export type Rgb = readonly [number, number, number];

/** #rgb or #rrggbb → [r, g, b] in 0–255; null for anything else. */
export function parseHexColor(value: string): Rgb | null {
  if (!HEX_COLOR.test(value)) return null;
  const hex = value.length === 4 ? [...value.slice(1)].map((c) => c + c).join('') : value.slice(1);
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
}

export const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** 1 (same) … 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const WHITE: Rgb = [255, 255, 255];
export const INK: Rgb = [17, 17, 17];
/** WCAG AA for normal text. */
export const MIN_CONTRAST = 4.5;

/**
 * Text colour on a brand-coloured surface: white or near-black, whichever contrasts more. One of the
 * two always reaches 4.5:1 (the worst case, a mid grey, still gives about 4.6:1 with pure black; with
 * #111 it is checked and black is used if needed).
 */
export function textColorOn(background: Rgb): Rgb {
  const candidates: Rgb[] = [WHITE, INK, [0, 0, 0]];
  return candidates.reduce((best, c) => (contrastRatio(c, background) > contrastRatio(best, background) ? c : best));
}

/**
 * The brand colour itself used as text (links, headings) on `background`: darkened (or lightened on a
 * dark background) in small steps until it reaches `min`, so a pale brand colour stays legible.
 */
export function readableOn(color: Rgb, background: Rgb, min = MIN_CONTRAST): Rgb {
  const toward: Rgb = luminance(background) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  for (let step = 0; step <= 20; step++) {
    const t = step / 20;
    const mixed = color.map((c, i) => Math.round(c + (toward[i]! - c) * t)) as unknown as Rgb;
    if (contrastRatio(mixed, background) >= min) return mixed;
  }
  return toward;
}
