import { describe, expect, it } from 'vitest';
import { faqPageJsonLd, jsonForScript } from './json-ld.js';

describe('FAQPage JSON-LD', () => {
  it('cannot close its script element, and parses back to the same value', () => {
    const value = faqPageJsonLd({ question: '</script><script>alert(1)</script>', answer: 'a & b <!-- c', url: 'https://x.example/portal/a/articles/1', dateModified: '2026-11-30T00:00:00.000Z', inLanguage: 'ja' });
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>]/);
    expect(JSON.parse(text)).toEqual(value);
    expect(JSON.parse(text)).toMatchObject({ '@type': 'FAQPage', mainEntity: [{ '@type': 'Question', acceptedAnswer: { '@type': 'Answer' } }] });
  });
});
