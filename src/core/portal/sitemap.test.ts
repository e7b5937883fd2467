import { describe, expect, it } from 'vitest';
import { sitemapXml } from './sitemap.js';

describe('sitemapXml', () => {
  it('escapes every location and lists entries in order', () => {
    const xml = sitemapXml([{ loc: 'https://x.example/portal/a/' }, { loc: 'https://x.example/portal/a/search?q=<b>&lang=en', lastmod: '2026-11-30' }]);
    expect(xml).toContain('<loc>https://x.example/portal/a/search?q=&lt;b&gt;&amp;lang=en</loc><lastmod>2026-11-30</lastmod>');
    expect(xml).not.toContain('<b>');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });
});
