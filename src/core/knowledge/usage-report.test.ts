import { describe, expect, it } from 'vitest';
import { helpfulRatio, summarizeUsage } from './usage-report.js';

describe('helpfulRatio', () => {
  it('is null without votes and rounded otherwise', () => {
    expect(helpfulRatio({ helpful: 0, notHelpful: 0 })).toBeNull();
    expect(helpfulRatio({ helpful: 2, notHelpful: 1 })).toBe(0.667);
    expect(helpfulRatio({ helpful: 0, notHelpful: 4 })).toBe(0);
  });
});

describe('summarizeUsage', () => {
  it('adds the sources, totals the tenant and lists the unread articles, most viewed first', () => {
    const sut = summarizeUsage([
      { id: 'a', title: '送料', visibility: 'public', views: 0, console: { helpful: 0, notHelpful: 0 }, portal: { helpful: 0, notHelpful: 0 } },
      { id: 'b', title: '返品', visibility: 'public', views: 10, console: { helpful: 3, notHelpful: 1 }, portal: { helpful: 1, notHelpful: 3 } },
      { id: 'c', title: '【社内】返金手順', visibility: 'internal', views: 4, console: { helpful: 1, notHelpful: 0 }, portal: { helpful: 0, notHelpful: 0 } },
    ]);
    expect(sut.articles.map((a) => a.id)).toEqual(['b', 'c', 'a']);
    expect(sut.articles[0]).toMatchObject({ helpful: 4, notHelpful: 4, helpfulRatio: 0.5, bySource: { console: { helpful: 3, notHelpful: 1 }, portal: { helpful: 1, notHelpful: 3 } } });
    expect(sut.totals).toEqual({ articles: 3, views: 14, helpful: 5, notHelpful: 4, helpfulRatio: 0.556 });
    expect(sut.neverViewed).toEqual([{ id: 'a', title: '送料' }]);
  });
});
