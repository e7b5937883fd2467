/**
 * Structured data for search engines (https://developers.google.com/search/docs/appearance/structured-data/faqpage):
 * an article page is one question with its accepted answer.
 */
export function faqPageJsonLd(a: { question: string; answer: string; url: string; dateModified: string; inLanguage: string }) {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    url: a.url,
    inLanguage: a.inLanguage,
    dateModified: a.dateModified,
    mainEntity: [{ '@type': 'Question', name: a.question, acceptedAnswer: { '@type': 'Answer', text: a.answer } }],
  };
}

const UNSAFE_IN_SCRIPT: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON to place inside a <script type="application/ld+json"> element: `<`, `>` and `&` escaped as
 * JSON unicode escapes, so article text like `</script><script>…` cannot end the element. The value
 * parses back to the same JSON.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE_IN_SCRIPT[c]!);
}
