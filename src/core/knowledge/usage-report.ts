/** Votes on an article from one audience. */
export interface Votes {
  helpful: number;
  notHelpful: number;
}

export interface ArticleUsageInput {
  id: string;
  title: string;
  visibility: string;
  /** Reads since the article was written (the schema keeps a counter, not one row per read). */
  views: number;
  console: Votes;
  portal: Votes;
}

/** Share of "helpful" among the votes, rounded to 3 places; null without votes (not 0: nobody said it was bad). */
export function helpfulRatio(v: Votes): number | null {
  const total = v.helpful + v.notHelpful;
  return total === 0 ? null : Math.round((v.helpful / total) * 1000) / 1000;
}

const sum = (a: Votes, b: Votes): Votes => ({ helpful: a.helpful + b.helpful, notHelpful: a.notHelpful + b.notHelpful });

/**
 * The usage report's figures: per article its votes from agents (console) and visitors (portal)
 * and the ratio; the tenant's totals; the articles nobody has read. Most viewed first.
 */
export function summarizeUsage(rows: readonly ArticleUsageInput[]) {
  const articles = rows
    .map((r) => {
      const votes = sum(r.console, r.portal);
      return { id: r.id, title: r.title, visibility: r.visibility, views: r.views, ...votes, helpfulRatio: helpfulRatio(votes), bySource: { console: r.console, portal: r.portal } };
    })
    .sort((a, b) => b.views - a.views || b.helpful + b.notHelpful - (a.helpful + a.notHelpful) || a.title.localeCompare(b.title, 'ja'));
  const votes = articles.reduce<Votes>((t, a) => sum(t, a), { helpful: 0, notHelpful: 0 });
  return {
    totals: { articles: articles.length, views: articles.reduce((n, a) => n + a.views, 0), ...votes, helpfulRatio: helpfulRatio(votes) },
    articles,
    neverViewed: articles.filter((a) => a.views === 0).map((a) => ({ id: a.id, title: a.title })),
  };
}
