import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateTalkFlow } from '../../../core/talk-flow/talk-flow-validator.js';
import { DEMO_TALK_FLOWS, demoGraphOf } from './demo-talk-flows.js';

// The knowledge corpus the demo seeds (moved next to the demo data by the knowledge work; the old fixture path until then).
const CORPUS = ['src/server/features/demo/data/faq-corpus.json', 'test/fixtures/knowledge/faq-corpus.json'].find((p) => existsSync(p));

const all = Object.entries(DEMO_TALK_FLOWS).flatMap(([slug, defs]) => defs.map((def) => ({ slug, def })));

describe('demo talk flows', () => {
  it('has two flows per demo company, each valid with or without the linked articles and queues', () => {
    expect(Object.fromEntries(Object.entries(DEMO_TALK_FLOWS).map(([slug, defs]) => [slug, defs.length]))).toEqual({ 'hanamaru-tsuhan': 2, 'sakura-denki': 2 });
    for (const { def } of all) {
      expect(validateTalkFlow(demoGraphOf(def, new Map(), new Map())), def.name).toEqual([]);
      const titles = def.nodes.flatMap((n) => (n.type === 'info' ? n.articles ?? [] : []));
      const linked = demoGraphOf(def, new Map(titles.map((t, i) => [t, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`])), new Map());
      expect(validateTalkFlow(linked), def.name).toEqual([]);
      expect(linked.nodes.flatMap((n) => (n.type === 'info' ? n.articleIds ?? [] : []))).toHaveLength(titles.length);
    }
  });

  it('escalates to the named queue when the tenant has it, and without a queue otherwise', () => {
    const def = DEMO_TALK_FLOWS['hanamaru-tsuhan']!.find((d) => d.name === '返品受付')!;
    const queueId = '00000000-0000-4000-8000-0000000000aa';
    const withQueue = demoGraphOf(def, new Map(), new Map([['配送・返品', queueId]])).nodes.find((n) => n.id === 'refund_escalate');
    expect(withQueue).toMatchObject({ type: 'end', outcome: { kind: 'escalate', queueId } });
    expect(demoGraphOf(def, new Map(), new Map()).nodes.find((n) => n.id === 'refund_escalate')).toMatchObject({ outcome: { kind: 'escalate' } });
  });

  it('links only titles of the demo knowledge corpus of the same company', () => {
    expect(CORPUS, 'the demo FAQ corpus').toBeDefined();
    const corpus = JSON.parse(readFileSync(CORPUS!, 'utf8')) as { tenant: string; title: string }[];
    for (const { slug, def } of all) {
      const titles = new Set(corpus.filter((a) => a.tenant === slug).map((a) => a.title));
      for (const n of def.nodes) if (n.type === 'info') for (const title of n.articles ?? []) expect(titles.has(title), `${def.name}: ${title}`).toBe(true);
    }
  });
});
