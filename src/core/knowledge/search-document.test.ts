import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../text-ja/search-query.util.js';
import { searchDocumentOf, searchQueryOf } from './search-document.js';

const lexemesOf = (vector: string) => new Set([...vector.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replaceAll("''", "'")));

describe('searchDocumentOf', () => {
  it('indexes every bigram and character of the folded title, tags and plain body', () => {
    const doc = searchDocumentOf({ title: 'ｴﾗｰ E-05', body: '**電源**を[入れ直す](https://x.example)', tags: ['エアコン', '故障'] });
    expect(doc.titleFold).toBe('えらーe05');
    expect(doc.tagsFold).toBe('えあこん|故障');
    const lex = lexemesOf(doc.searchVector);
    for (const l of ['えら', 'らー', 'ーe', 'e0', '05', 'え', '5', 'えあ', 'こん', '故障', '電源', '源を', '入れ', '直す']) expect(lex).toContain(l);
    expect(lex).not.toContain('https'); // link targets are not text
    expect(lex).not.toContain('ん故'); // no bigram spans two tags
  });
});

describe('searchQueryOf', () => {
  it('makes each term the conjunction of its bigrams and its synonyms alternatives', () => {
    const q = parseSearchQuery('返却 送料', { synonyms: [['返品', '返却']] });
    expect(searchQueryOf(q, 'all')).toBe("('返却' | '返品') & '送料'");
    expect(searchQueryOf(q, 'any')).toBe("('返却' | '返品') | '送料'");
  });

  it('asks for bigrams that cover every character, without the overlapping ones between', () => {
    // めーるまがじん: めー るま がじ cover six characters, じん the seventh.
    expect(searchQueryOf(parseSearchQuery('メールマガジン'), 'all')).toBe("('めー' & 'るま' & 'がじ' & 'じん')");
    expect(searchQueryOf(parseSearchQuery('製造番号'), 'all')).toBe("('製造' & '番号')");
    expect(searchQueryOf(parseSearchQuery('後払い'), 'all')).toBe("('後払' & '払い')");
  });

  it('is empty when nothing is searchable, and quotes what it passes on', () => {
    expect(searchQueryOf(parseSearchQuery('です か'), 'all')).toBe('');
    expect(searchQueryOf({ phrase: "a'b" as never, terms: [{ text: "a'b" as never, variants: ["a'b" as never], grams: [["a'", "'b"]] }] }, 'all')).toBe("('a''' & '''b')");
  });
});
