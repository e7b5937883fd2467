import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown-render.js';

// "Live" means a browser would run or load it: a real tag, an event attribute, a script URL.
const live = /<(script|iframe|svg|style|object|embed)\b|<[a-z][^<>]*\son\w+=|<a\s[^<>]*href="(?!https?:|mailto:)|<img\s[^<>]*src="(?!https?:)/i;

describe('renderMarkdown', () => {
  it('escapes raw HTML: script, img onerror, iframe, svg, style', () => {
    for (const md of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'a <iframe src="https://x.example"></iframe>', '<svg onload=alert(1)>', '<style>body{display:none}</style>', '<a href="javascript:alert(1)">x</a>']) {
      const html = renderMarkdown(md);
      expect(html, md).not.toMatch(live);
      expect(html, md).toContain('&lt;');
    }
  });

  it('drops links that are not http, https or mailto, keeping their text', () => {
    for (const md of ['[押す](javascript:alert(1))', '[押す](JaVaScRiPt:alert(1))', '[押す](&#106;avascript:alert(1))', '[押す](data:text/html,<script>alert(1)</script>)', '[押す](vbscript:x)', '[押す](/relative/path)', '<javascript:alert(1)>']) {
      const html = renderMarkdown(md);
      expect(html, md).not.toMatch(live);
      expect(html, md).not.toContain('<a ');
    }
    expect(renderMarkdown('[押す](javascript:alert(1))')).toBe('<p>押す</p>\n');
  });

  it('drops images that do not load over http(s), keeping the alt text', () => {
    expect(renderMarkdown('![図](data:image/svg+xml;base64,PHN2Zz4=)')).toBe('<p>図</p>\n');
    expect(renderMarkdown('![図](javascript:alert(1))')).not.toMatch(live);
    expect(renderMarkdown('![図](https://cdn.example.jp/a.png "x\\" onerror=alert(1)")')).toBe('<p><img src="https://cdn.example.jp/a.png" alt="図" title="x&quot; onerror=alert(1)"></p>\n');
  });

  it('renders allowed links with rel="noopener noreferrer nofollow", autolinks too', () => {
    expect(renderMarkdown('[窓口](https://example.jp/a?b=1&c=2)')).toBe('<p><a href="https://example.jp/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">窓口</a></p>\n');
    expect(renderMarkdown('<mailto:support@example.jp>')).toContain('<a href="mailto:support@example.jp" rel="noopener noreferrer nofollow">');
    expect(renderMarkdown('詳しくは https://example.jp/faq をご覧ください')).toContain('<a href="https://example.jp/faq" rel="noopener noreferrer nofollow">https://example.jp/faq</a>');
  });

  it('renders tables, lists, emphasis and code (escaped)', () => {
    const html = renderMarkdown('**重要**\n\n| 型番 | 容量 |\n|---|---|\n| SD-AC22 | 6畳 |\n\n1. 電源を切る\n2. 待つ\n\n- 点検\n\n```\n<b>x</b>\n```');
    expect(html).toContain('<strong>重要</strong>');
    expect(html).toContain('<td>SD-AC22</td>');
    expect(html).toContain('<ol>\n<li>電源を切る</li>');
    expect(html).toContain('<ul>\n<li>点検</li>');
    expect(html).toContain('<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>');
  });

  it('keeps an inner refused link from breaking the outer allowed one', () => {
    const html = renderMarkdown('[**[内側](javascript:1)**](https://ok.example.jp)');
    expect(html).not.toMatch(live);
  });
});

describe('markdownToText', () => {
  it('keeps lines, numbers and bullets; drops marks; keeps link URLs', () => {
    const md = '## 手順\n\n冷えない場合は**設定**をご確認ください。\n\n1. 電源を切る\n2. [フィルター](https://example.jp/filter)を掃除\n\n- 室外機\n- 窓\n\n| 型番 | 畳数 |\n|---|---|\n| AC22 | 6 |\n\n<script>x</script>';
    expect(markdownToText(md)).toBe('手順\n\n冷えない場合は設定をご確認ください。\n\n1. 電源を切る\n2. フィルター（https://example.jp/filter）を掃除\n\n・室外機\n・窓\n\n型番 | 畳数\nAC22 | 6\n\n<script>x</script>');
  });
});
