import type { TalkFlowGraph, TalkFlowNode, TalkFlowOutcome } from '../../../core/talk-flow/talk-flow.types.js';
import type { TenantContext } from '../../platform/principal.js';
import { systemContext } from '../../platform/system-context.js';
import type { TalkFlowService } from '../talk-flows/talk-flow.service.js';

/**
 * Demo talk flows (トークスクリプト), published, two per demo company. Information steps link
 * the demo knowledge articles by title: the knowledge is seeded by another part of the demo, so
 * titles are looked up at seed time and a missing one is simply left out.
 */

type Choice = [id: string, label: string, next: string];
type DemoNode =
  | { type: 'question'; id: string; text: string; choices: Choice[] }
  | { type: 'info'; id: string; text: string; next: string; articles?: string[] }
  | { type: 'end'; id: string; text: string; outcome: TalkFlowOutcome; queue?: string };
export interface DemoFlow { name: string; description: string; nodes: DemoNode[] }

const q = (id: string, text: string, choices: Choice[]): DemoNode => ({ type: 'question', id, text, choices });
const info = (id: string, text: string, next: string, articles: string[] = []): DemoNode => ({ type: 'info', id, text, next, articles });
const end = (id: string, text: string, outcome: TalkFlowOutcome, queue?: string): DemoNode => ({ type: 'end', id, text, outcome, ...(queue ? { queue } : {}) });

export const DEMO_TALK_FLOWS: Record<string, DemoFlow[]> = {
  'hanamaru-tsuhan': [
    {
      name: '返品受付',
      description: '返品・交換のお申し出。理由と到着からの日数で、案内・交換・エスカレーションに分けます。',
      nodes: [
        q('reason', '返品のご理由をお伺いします。どのような状況でしょうか？', [['damaged', '届いた商品が破損・不良だった', 'damaged_info'], ['wrong', '注文と違う商品が届いた', 'wrong_end'], ['mind', 'サイズやイメージが合わなかった', 'days'], ['other', 'その他', 'callback']]),
        info('damaged_info', '大変申し訳ございません。破損・初期不良は送料当社負担で新品と交換します。可能なら破損箇所の写真をお願いしてください。', 'damaged_wish', ['届いた商品が壊れていました', '【社内】破損・初期不良の交換はどう手配しますか？']),
        q('damaged_wish', '交換と返金のどちらをご希望ですか？', [['exchange', '新しい商品と交換', 'exchange_case'], ['refund', '返金してほしい', 'refund_escalate']]),
        end('exchange_case', '交換品の手配の案件を作成します。1〜3日以内の発送をご案内してください。', { kind: 'create_case', category: '返品・交換', priority: 'high' }),
        end('refund_escalate', '破損品の返金はSVの承認が必要です。配送・返品窓口へエスカレーションします。', { kind: 'escalate' }, '配送・返品'),
        end('wrong_end', 'お届け間違いの交換手配の案件を作成します。', { kind: 'create_case', category: '誤配送', priority: 'high' }),
        q('days', '商品の到着から8日以内で、未使用の状態ですか？', [['yes', 'はい（8日以内・未使用）', 'howto'], ['no', 'いいえ（8日を過ぎた・使用済み）', 'refuse_info']]),
        info('howto', 'お客様都合の返品は承れます。返送料550円はお客様負担で、返金額から差し引きます。手続きをご案内してください。', 'return_ok', ['返品の手続きのしかたを教えてください', '返品するときの送料はだれが負担しますか？']),
        end('return_ok', '返品の手続きをご案内しました。', { kind: 'disposition', code: 'RETURN_GUIDED' }),
        info('refuse_info', '申し訳ございませんが、到着から8日を過ぎた商品・使用済みの商品は返品を承れません。丁寧にお伝えしてください。', 'return_refused', ['返品できない商品はありますか？', '商品を返品することはできますか？']),
        end('return_refused', '返品条件の対象外であることをご案内しました。', { kind: 'disposition', code: 'RETURN_REFUSED' }),
        end('callback', '担当者が確認のうえ折り返します。コールバックを予約してください。', { kind: 'schedule_callback' }),
      ],
    },
    {
      name: '定期便の解約',
      description: '定期便の解約のお申し出。お休みや周期変更をご提案し、それでも解約ならお手続きします。',
      nodes: [
        q('why', '解約をご希望の理由をお伺いしてもよろしいですか？', [['much', '商品が余っている', 'skip_offer'], ['price', '価格・家計の都合', 'cancel_info'], ['away', '入院・長期不在', 'pause_info'], ['other', 'その他・理由は言いたくない', 'cancel_info']]),
        q('skip_offer', '次回を1回お休みしたり、お届け周期を延ばしたりもできます。いかがでしょうか？', [['skip', '1回お休みする', 'skip_end'], ['cycle', '周期を延ばす', 'cycle_end'], ['cancel', 'やはり解約する', 'cancel_info']]),
        info('pause_info', '最長6か月まで定期便を一時休止できます（次回発送予定日の7日前まで）。再開の月をお伺いしてください。', 'pause_end', ['入院などで、しばらく定期便を休みたい']),
        end('pause_end', '定期便のお休みを承りました。', { kind: 'disposition', code: 'SUBSCRIPTION_PAUSED' }),
        end('skip_end', '次回分のお休みを承りました。', { kind: 'disposition', code: 'SUBSCRIPTION_SKIPPED' }),
        end('cycle_end', 'お届け周期の変更を承りました。', { kind: 'disposition', code: 'SUBSCRIPTION_CYCLE_CHANGED' }),
        info('cancel_info', '解約は手数料なしでいつでもできます。次回発送予定日の7日前を過ぎていれば、次回分のお届け後の解約になることをお伝えしてください。', 'cancel_end', ['定期便を解約したいのですが', '【社内】定期便の解約の電話はどう受け付けますか？', '【社内】次回の定期便の発送停止が間に合わないときは？']),
        end('cancel_end', '定期便の解約を承りました。', { kind: 'disposition', code: 'SUBSCRIPTION_CANCELLED' }),
      ],
    },
  ],
  'sakura-denki': [
    {
      name: '故障受付',
      description: '製品の故障・不具合のお申し出。症状の切り分け、保証の確認、修理の受付まで。',
      nodes: [
        q('product', 'どの製品のご相談ですか？', [['ac', 'エアコン', 'ac_code'], ['fridge', '冷蔵庫', 'fridge_cold'], ['initial', '購入直後に動かない（初期不良）', 'initial_info'], ['other', 'その他の製品', 'warranty']]),
        q('ac_code', 'リモコンや本体に表示されているコードはありますか？', [['e08', '「E-08」', 'ac_e08'], ['e14', '「E-14」', 'ac_e14'], ['none', '表示はないが冷えない', 'ac_cool']]),
        info('ac_e08', '「E-08」は室内機と室外機の通信異常です。専用ブレーカーを1分以上切ってから入れ直していただいてください。', 'solved', ['エアコンのランプが点滅し、リモコンに「E-08」と表示されます']),
        info('ac_e14', '「E-14」の内容と対処をご案内してください。', 'solved', ['エアコンのエラーコード「E-14」は何ですか？']),
        info('ac_cool', '設定温度・フィルターの汚れ・室外機の周りを確認していただいてください。', 'solved', ['エアコンの冷房が効かず、部屋がなかなか冷えません']),
        q('fridge_cold', '冷蔵室・冷凍室は冷えていますか？', [['warm', '冷えていない', 'fridge_urgent'], ['ok', '冷えているが表示が出ている', 'fridge_code']]),
        info('fridge_urgent', '冷えない冷蔵庫は食品に関わるため優先で修理を手配します。', 'urgent_case', ['【社内】冷蔵庫の修理はなぜ優先度を上げるのですか？']),
        end('urgent_case', '冷蔵庫の優先修理の案件を作成します。', { kind: 'create_case', category: '修理', priority: 'urgent' }),
        info('fridge_code', '表示されているコードの意味と対処をご案内してください。', 'solved', ['冷蔵庫に「E-05」が表示されています', '冷蔵庫に「E-21」と表示され、冷えが悪くなりました', '【社内】エラーコード早見表（全製品）']),
        q('solved', 'ご案内で症状は解消しましたか？', [['yes', '解消した', 'solved_end'], ['no', '解消しない', 'warranty']]),
        end('solved_end', 'ご案内で解決しました。', { kind: 'disposition', code: 'SOLVED_BY_GUIDANCE' }),
        info('initial_info', '購入直後の不具合は、販売店での交換か修理かを判断する必要があります。SVへ引き継いでください。', 'initial_escalate', ['【社内】初期不良で「新品に交換してほしい」と言われたら？']),
        end('initial_escalate', '初期不良の対応を修理受付のSVへエスカレーションします。', { kind: 'escalate' }, '修理受付'),
        q('warranty', '保証期間内ですか？（保証書・購入日を確認）', [['in', '保証期間内', 'repair_info'], ['out', '保証期間外', 'fee_info'], ['unknown', 'わからない（保証書がない）', 'callback']]),
        info('repair_info', '無償修理の受付です。出張修理か宅配修理かをご案内してください。', 'repair_case', ['修理を申し込むにはどうすればいいですか？', '出張修理と宅配修理の違いは？どちらになりますか？', '【社内】修理受付で必ずお伺いする項目は？']),
        end('repair_case', '修理受付の案件を作成します。', { kind: 'create_case', category: '修理', priority: 'high' }),
        info('fee_info', '有償修理になります。修理料金の目安をご案内してください（確定金額は点検後）。', 'paid', ['保証期間が過ぎた製品の修理料金はいくらかかりますか？', '【社内】修理費用の概算を案内するときの注意点は？']),
        q('paid', '有償での修理をご希望ですか？', [['yes', '希望する', 'paid_case'], ['no', '希望しない', 'declined']]),
        end('paid_case', '有償修理の案件を作成します。', { kind: 'create_case', category: '修理', priority: 'normal' }),
        end('declined', '修理を見送られました。', { kind: 'disposition', code: 'REPAIR_DECLINED' }),
        end('callback', '購入日を確認のうえ折り返します。コールバックを予約してください。', { kind: 'schedule_callback' }),
      ],
    },
    {
      name: 'エラーコード案内',
      description: '表示されたエラーコードの意味と対処のご案内。解決しなければ修理受付へ。',
      nodes: [
        q('product', 'エラーが表示されている製品は？', [['washer', '洗濯機', 'washer'], ['rice', '炊飯器', 'rice'], ['other', 'その他の製品', 'table']]),
        q('washer', '表示されているコードは？', [['e05', '「E05」', 'washer_e05'], ['e12', '「E-12」', 'washer_e12'], ['u4', '「U4」', 'washer_u4']]),
        info('washer_e05', '「E05」は排水エラーです。排水フィルターの詰まりと排水ホースの折れを確認していただいてください。', 'result', ['洗濯機に「E05」と表示されて止まりました']),
        info('washer_e12', '「E-12」はドア（ふた）のロック異常です。閉め直しと電源プラグの抜き差し（1分以上）をご案内してください。', 'result', ['洗濯機のエラー「E-12」でドアが開かない・運転できません']),
        info('washer_u4', '「U4」の対処をご案内してください。', 'result', ['洗濯機の表示に「U4」が出ました']),
        q('rice', '表示されているコードは？', [['e01', '「E-01」', 'rice_e01'], ['e04', '「E04」', 'rice_e04']]),
        info('rice_e01', '「E-01」の対処をご案内してください。', 'result', ['炊飯器に「E-01」と表示され、炊飯できません']),
        info('rice_e04', '「E04」の対処をご案内してください。', 'result', ['炊飯器の「E04」表示は何ですか？']),
        info('table', '早見表でコードを確認してご案内してください。', 'result', ['【社内】エラーコード早見表（全製品）']),
        q('result', 'ご案内で解消しましたか？', [['yes', '解消した', 'solved'], ['no', '解消しない', 'repair']]),
        end('solved', 'エラーの対処をご案内し、解消しました。', { kind: 'disposition', code: 'ERROR_CODE_SOLVED' }),
        end('repair', '解消しないため修理受付の案件を作成します。', { kind: 'create_case', category: '修理', priority: 'normal' }),
      ],
    },
  ],
};

export interface DemoTalkFlowDeps {
  talkFlows: Pick<TalkFlowService, 'createFlow' | 'publish'>;
  knowledge: { search(ctx: TenantContext, query: string, opts: { audience: 'console'; limit: number }): Promise<{ hits: { id: string; title: string }[] }> };
  routingAdmin: { listQueues(ctx: TenantContext): Promise<{ items: { id: string; name: string }[] }> };
}

/** The graph of a demo flow, with the articles and queues this tenant has. */
export function demoGraphOf(def: DemoFlow, articleIds: ReadonlyMap<string, string>, queueIds: ReadonlyMap<string, string>): TalkFlowGraph {
  const nodes = def.nodes.map((n, i): TalkFlowNode => {
    // Laid out top-down in definition order, so the editor opens on a readable picture.
    const position = { x: 0, y: i * 120 };
    if (n.type === 'question') return { type: 'question', id: n.id, text: n.text, choices: n.choices.map(([id, label, next]) => ({ id, label, next })), position };
    if (n.type === 'info') {
      const ids = (n.articles ?? []).flatMap((title) => articleIds.get(title) ?? []);
      return { type: 'info', id: n.id, text: n.text, next: n.next, ...(ids.length ? { articleIds: ids } : {}), position };
    }
    const queueId = n.queue ? queueIds.get(n.queue) : undefined;
    const outcome = n.outcome.kind === 'escalate' && queueId ? { ...n.outcome, queueId } : n.outcome;
    return { type: 'end', id: n.id, text: n.text, outcome, position };
  });
  return { start: def.nodes[0]!.id, nodes };
}

/** Creates and publishes the demo flows of the demo tenants (others are left alone). */
export async function seedDemoTalkFlows(deps: DemoTalkFlowDeps, tenants: readonly { id: string; slug: string; timeZone: string }[]) {
  for (const tenant of tenants) {
    const defs = DEMO_TALK_FLOWS[tenant.slug];
    if (!defs) continue;
    const ctx = systemContext(tenant, 'demo-seed');
    const titles = [...new Set(defs.flatMap((d) => d.nodes.flatMap((n) => (n.type === 'info' ? n.articles ?? [] : []))))];
    const articleIds = new Map<string, string>();
    for (const title of titles) {
      const hit = (await deps.knowledge.search(ctx, title, { audience: 'console', limit: 10 })).hits.find((h) => h.title === title);
      if (hit) articleIds.set(title, hit.id);
    }
    const queueIds = new Map((await deps.routingAdmin.listQueues(ctx)).items.map((q) => [q.name, q.id]));
    for (const def of defs) {
      const created = await deps.talkFlows.createFlow(ctx, { name: def.name, description: def.description, graph: demoGraphOf(def, articleIds, queueIds) });
      await deps.talkFlows.publish(ctx, created.id, 1);
    }
  }
}
