import { systemContext } from '../../platform/system-context.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { KnowledgeWorkflowService } from '../knowledge/knowledge-workflow.service.js';

/** One FAQ of data/faq-corpus.json (described in test/fixtures/knowledge/README.md). */
interface CorpusArticle {
  id: string;
  tenant: string;
  category: string[];
  tags: string[];
  products: string[];
  visibility: 'public' | 'internal';
  title: string;
  body: string;
}

/** Per tenant, one article written and sent for review, so the workflow has something to show. */
const IN_REVIEW: Record<string, { title: string; body: string; tags: string[] }> = {
  'sakura-denki': {
    title: '【社内】修理受付時の保証期間の確認手順（改訂案）',
    body: '修理のお申し込みを受けるときは、次の順に保証期間を確認します。\n\n1. 顧客情報の**所有製品**から製造番号と購入日を確認する\n2. 保証書の写真があれば、購入日と販売店印を照合する\n3. 延長保証の加入有無を備考欄で確認する\n\n保証期間外の場合は、出張料と技術料の目安を先にお伝えしてください。',
    tags: ['修理', '保証', '受付手順'],
  },
  'hanamaru-tsuhan': {
    title: '【社内】定期便の一時休止を受けるときの案内文（改訂案）',
    body: '定期便の一時休止は、次回発送日の**7日前**まで受け付けます。\n\n- 休止できるのは最大3か月です\n- 休止中もポイントは失効しません\n- 再開のご連絡がない場合は、休止期間の終了後に自動で再開します\n\nお客様には、再開予定日を必ず復唱してください。',
    tags: ['定期便', '休止', '案内文'],
  },
};

const DRAFT_NOTE = '手順を追記中（デモ用の下書き）';
const DRAFT_ADDITION = '\n\n> 改訂中: 2027年モデルの情報を追記する予定です。';

/**
 * The demo knowledge base: each demo tenant's categories, synonyms and published FAQ articles from
 * data/, plus one article in review and one published article with a newer draft. Runs inside the
 * first-start seed only (createDemoSeedService skips a database that already has tenants).
 */
export async function seedDemoKnowledge(
  deps: { knowledge: KnowledgeService; workflow: KnowledgeWorkflowService },
  tenants: readonly { id: string; slug: string; timeZone: string }[],
) {
  // Loaded on demand: the corpus is only needed on the first start.
  const corpus = (await import('./data/faq-corpus.json', { with: { type: 'json' } })).default as CorpusArticle[];
  const synonyms = (await import('./data/synonyms.json', { with: { type: 'json' } })).default as Record<string, string[][]>;
  for (const tenant of tenants) {
    const articles = corpus.filter((a) => a.tenant === tenant.slug);
    if (articles.length === 0) continue;
    const ctx = systemContext(tenant, 'demo-seed');

    const categoryIds = new Map<string, string>();
    for (const a of articles) {
      let parentId: string | null = null;
      for (let depth = 1; depth <= a.category.length; depth++) {
        const key = a.category.slice(0, depth).join('/');
        let id = categoryIds.get(key);
        if (!id) {
          id = (await deps.knowledge.createCategory(ctx, { name: a.category[depth - 1]!, parentId, position: categoryIds.size })).id;
          categoryIds.set(key, id);
        }
        parentId = id;
      }
    }
    await deps.knowledge.setSynonyms(ctx, synonyms[tenant.slug] ?? []);
    const ids = await deps.knowledge.createArticles(ctx, articles.map((a) => ({
      title: a.title, body: a.body, tags: a.tags, productSkus: a.products, categoryId: categoryIds.get(a.category.join('/')) ?? null,
      visibility: a.visibility, publish: true,
    })));

    // The first article gets a newer draft: readers keep the published text meanwhile.
    const first = articles[0]!;
    const firstId = ids[0]!;
    const sameCategory = ids.filter((_, i) => i > 0 && articles[i]!.category.join('/') === first.category.join('/')).slice(0, 3);
    await deps.workflow.saveDraft(ctx, firstId, {
      title: first.title, body: first.body + DRAFT_ADDITION, tags: first.tags, productSkus: first.products, categoryId: categoryIds.get(first.category.join('/')) ?? null,
      visibility: first.visibility, relatedIds: sameCategory, baseVersion: 1, note: DRAFT_NOTE,
    });

    const review = IN_REVIEW[tenant.slug];
    if (review) {
      const id = await deps.knowledge.createArticle(ctx, { ...review, visibility: 'internal', relatedIds: sameCategory.slice(0, 1) });
      await deps.workflow.submit(ctx, id);
    }
  }
}
