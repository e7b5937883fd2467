import { createHash } from 'node:crypto';
import { parseHexColor, readableOn, textColorOn, toHex, WHITE, type Rgb } from '../../../core/portal/brand-colors.js';

const FALLBACK: Rgb = [29, 78, 216];

/**
 * The page's only stylesheet, inline (no external assets), in the tenant's colours. Colours reach
 * the CSS only after parseHexColor (settings accept #rgb/#rrggbb only), and every text colour is
 * derived to keep 4.5:1 contrast on its background.
 */
export function portalCss(colors: { primary: string; accent: string }): string {
  const primary = parseHexColor(colors.primary) ?? FALLBACK;
  const accent = parseHexColor(colors.accent) ?? primary;
  const c = {
    brand: toHex(primary), onBrand: toHex(textColorOn(primary)), link: toHex(readableOn(primary, WHITE)),
    accent: toHex(accent), onAccent: toHex(textColorOn(accent)),
  };
  return [
    '*,*::before,*::after{box-sizing:border-box}',
    'body{margin:0;font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans JP","Yu Gothic",sans-serif;line-height:1.7;color:#1f2328;background:#fff}',
    `a{color:${c.link}}a:hover{text-decoration-thickness:2px}`,
    `:focus-visible{outline:3px solid ${c.link};outline-offset:2px}`,
    `.skip{position:absolute;left:-10000px;top:0;background:#fff;color:${c.link};padding:.5rem 1rem;z-index:10}.skip:focus{left:1rem}`,
    `header.site{background:${c.brand};color:${c.onBrand};padding:1rem}`,
    `header.site a{color:${c.onBrand}}`,
    '.wrap{max-width:960px;margin:0 auto;padding:0 1rem}',
    '.brand{display:flex;align-items:center;gap:.75rem;flex-wrap:wrap}.brand img{max-height:48px;max-width:160px;background:#fff;border-radius:4px}',
    '.brand .title{font-size:1.4rem;font-weight:700;text-decoration:none}.tagline{margin:.25rem 0 0}',
    'nav.main ul,nav.lang ul{list-style:none;margin:.5rem 0 0;padding:0;display:flex;gap:1rem;flex-wrap:wrap}',
    '.search{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin:1rem 0}',
    '.search input{flex:1 1 16rem;font-size:1rem;padding:.5rem;border:1px solid #57606a;border-radius:4px}',
    `button,.button{font-size:1rem;padding:.5rem 1rem;border-radius:4px;border:1px solid ${c.brand};background:${c.brand};color:${c.onBrand};cursor:pointer}`,
    'main{padding:1rem 0 2rem}h1{font-size:1.6rem;line-height:1.4}h2{font-size:1.25rem;margin-top:2rem}',
    'ul.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem}',
    'ul.cards li{border:1px solid #d0d7de;border-radius:6px;padding:.75rem}',
    'ul.list{padding-left:1.25rem}ul.list li{margin:.4rem 0}',
    `mark{background:${c.accent};color:${c.onAccent};padding:0 .1em}`,
    '.meta{color:#57606a;font-size:.9rem}',
    '.notice{border-left:4px solid #1a7f37;background:#dafbe1;padding:.75rem 1rem;margin:1rem 0}',
    '.alert{border-left:4px solid #cf222e;background:#ffebe9;padding:.75rem 1rem;margin:1rem 0}',
    'fieldset{border:1px solid #d0d7de;border-radius:6px;padding:1rem;margin:2rem 0}legend{font-weight:700;padding:0 .25rem}',
    '.field{margin:1rem 0}.field label{display:block;font-weight:600}.field input,.field textarea{width:100%;font-size:1rem;padding:.5rem;border:1px solid #57606a;border-radius:4px}',
    '.field .error{color:#cf222e;margin:.25rem 0 0}.field [aria-invalid="true"]{border-color:#cf222e;border-width:2px}',
    '.check{display:flex;gap:.5rem;align-items:flex-start}.check input{margin-top:.4rem;width:auto}',
    '.badge{font-size:.8rem;font-weight:400;margin-left:.5rem;color:#57606a}',
    '.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}',
    '.article-body img{max-width:100%}.article-body table{border-collapse:collapse}.article-body td,.article-body th{border:1px solid #d0d7de;padding:.25rem .5rem}',
    '.voice{border:1px solid #d0d7de;border-radius:6px;padding:1rem;margin:1rem 0}.voice h3{margin:.5rem 0 0;font-size:1rem}',
    'footer.site{border-top:1px solid #d0d7de;padding:1rem 0;color:#57606a;font-size:.9rem}',
    'nav.crumbs ol{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem;margin:0}nav.crumbs li+li::before{content:"›";margin-right:.5rem}',
  ].join('\n');
}

/** CSP source for exactly this stylesheet (no 'unsafe-inline' needed). */
export const cssHashSource = (css: string) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;

/**
 * The portal's own policy: no script at all (the JSON-LD block is data, which browsers never run),
 * only this page's stylesheet, images from https: (article images, logos) and inline logos.
 */
export function portalCsp(styleHash: string): string {
  return [
    "default-src 'none'", "script-src 'none'", `style-src ${styleHash}`, "img-src 'self' https: data:", "form-action 'self'",
    "base-uri 'none'", "frame-ancestors 'none'", "object-src 'none'",
  ].join('; ');
}
