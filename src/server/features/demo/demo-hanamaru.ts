/**
 * はなまる通販 (mail order) customer histories: orders by phone, web, postcard and FAX; order changes,
 * delivery, returns, 定期便 and billing contacts; return / delivery / subscription / billing cases.
 */
import { HANAMARU_PRODUCTS, type MailOrderProduct } from './demo-catalog.js';
import {
  buildCase, buildCustomerCases, isOpenStatus, missedCallDraft, orderTimeWithin, caseWindow, pickInboundChannel,
  pickSlot, placeContact, placeContactWith, timeContact, type BuiltCase, type CaseStatus, type CaseTopic, type Channel,
  type ContactDraft, type CustomerHistory, type StoryCustomer, type TenantContext,
} from './demo-contacts.js';
import type { UniqueRegistry } from './demo-people.js';
import { DAY, HOUR, MINUTE, SECOND, addYearsYmd, jstMonthDay, jstYmd } from './demo-time.js';
import type { DemoInteraction, DemoOrder, DemoOwned } from './demo-types.js';

const Q_ORDER = '注文受付';
const Q_DELIVERY = '配送・返品';
const Q_SUBSCRIPTION = '定期便';
const Q_BILLING = 'お支払い';
const Q_PRODUCT = '商品相談';

const INBOUND_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['phone', 55], ['email', 12], ['web', 10], ['chat', 5], ['line', 6], ['fax', 6], ['postcard', 6],
];

const CATEGORY_WEIGHT: Record<string, number> = { 健康食品: 35, 化粧品: 25, キッチン用品: 15, 衣料品: 25 };
const PRODUCT_WEIGHTS = HANAMARU_PRODUCTS.map((p) => {
  const inCategory = HANAMARU_PRODUCTS.filter((q) => q.category === p.category).length;
  return [p, (CATEGORY_WEIGHT[p.category] ?? 10) / inCategory] as const;
});
const SUBSCRIPTION_PRODUCTS = HANAMARU_PRODUCTS.filter((p) => p.subscription);

interface OrderRec {
  order: DemoOrder;
  at: number;
  products: MailOrderProduct[];
}

/** 12800 → '12,800' (no Intl: same output on every ICU build) */
function yen(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function total(o: DemoOrder): number {
  return o.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceJpy, 0);
}

function productOf(sku: string): MailOrderProduct {
  const p = HANAMARU_PRODUCTS.find((x) => x.sku === sku);
  if (!p) throw new Error(`unknown sku ${sku}`);
  return p;
}

function orderSummary(rec: OrderRec): string {
  const first = rec.products[0];
  const name = first ? first.short : '商品';
  return rec.products.length > 1 ? `${name}ほか${rec.products.length - 1}点` : name;
}

export function buildHanamaruHistory(ctx: TenantContext, reg: UniqueRegistry, who: StoryCustomer): CustomerHistory {
  const { rng, now } = ctx;
  const s = who.seniority;
  const recs: OrderRec[] = [];
  /** orders whose return is already told by a case */
  const returnCases = new Set<OrderRec>();
  const optional: DemoInteraction[] = [];
  let subProduct: MailOrderProduct | null = rng.chance(0.3) ? rng.pick(SUBSCRIPTION_PRODUCTS) : null;

  const statusForAge = (at: number): string => {
    const age = now - at;
    if (age < DAY) return 'received';
    if (age < 3 * DAY) return rng.chance(0.7) ? 'shipped' : 'received';
    const st = rng.weighted([['delivered', 90], ['cancelled', 5], ['returned', 5]] as const);
    return st === 'returned' && age < 6 * DAY ? 'delivered' : st;
  };

  const makeOrder = (from: number, to: number, forced: readonly MailOrderProduct[] = []): OrderRec | null => {
    from = Math.max(from, now - 730 * DAY);
    to = Math.min(to, now - HOUR);
    if (to < from) return null;
    let channel: 'web' | 'phone' | 'postcard' | 'fax' = rng.weighted([
      ['web', Math.max(5, 60 - 45 * s)], ['phone', 25 + 20 * s], ['postcard', 6 + 14 * s], ['fax', 4 + 8 * s],
    ] as const);
    const products: MailOrderProduct[] = [...forced];
    const lineCount = Math.max(products.length, rng.weighted([[1, 45], [2, 30], [3, 15], [4, 10]] as const));
    if (subProduct && !products.includes(subProduct) && products.length < lineCount && rng.chance(0.6)) products.push(subProduct);
    for (let guard = 0; products.length < lineCount && guard < 20; guard++) {
      const p = rng.weighted(PRODUCT_WEIGHTS);
      if (!products.includes(p)) products.push(p);
    }
    const lines = products.map((p) => ({
      sku: p.sku,
      name: p.name,
      quantity: rng.weighted([[1, 80], [2, 15], [3, 5]] as const),
      unitPriceJpy: p === subProduct ? Math.round(p.priceJpy * 0.9) : p.priceJpy,
    }));
    let at: number;
    const slot = channel === 'web' ? null : pickSlot(rng, from, to, channel === 'phone' ? 19 * 60 + 30 : 18 * 60);
    if (slot === null) {
      channel = 'web';
      at = from + Math.floor((rng.next() * (to - from)) / SECOND) * SECOND;
    } else if (slot >= ctx.windowFrom && slot <= ctx.latest) {
      const summary = products.map((p) => p.short).join('・');
      const call = timeContact(ctx, {
        channel, direction: 'inbound', queue: Q_ORDER, disposition: '注文受付',
        subject: `ご注文（${products[0]?.short ?? '商品'}${products.length > 1 ? 'ほか' : ''}）`,
        notes: channel === 'phone'
          ? `${summary}のご注文を受付。お支払い方法とお届け希望日を確認し、復唱のうえ確定。`
          : `${channel === 'fax' ? 'FAX' : 'はがき'}注文書の内容（${summary}）を入力。記載のお届け先と電話番号を確認済み。`,
      }, slot);
      at = orderTimeWithin(ctx, call);
      optional.push(call);
    } else {
      at = slot;
    }
    const rec: OrderRec = {
      order: { orderNumber: '', orderedAt: new Date(at), status: statusForAge(at), channel, lines },
      at,
      products,
    };
    recs.push(rec);
    return rec;
  };

  const orderCount = rng.weighted([[1, 35], [2, 30], [3, 20], [4, 15]] as const);
  for (let i = 0; i < orderCount; i++) makeOrder(now - 730 * DAY, now - HOUR);

  /** An existing delivered order placed in [from, to], or a new one there. */
  const orderIn = (from: number, to: number): OrderRec | null => {
    const found = recs.filter((r) => r.at >= from && r.at <= to && r.order.status !== 'cancelled' && r.order.status !== 'returned' && !returnCases.has(r));
    if (found.length && rng.chance(0.8)) return rng.pick(found);
    const made = makeOrder(from, to);
    if (made) made.order.status = 'delivered';
    return made;
  };

  const { cases, mandatory } = buildCustomerCases(rng, hanamaruCase);

  function hanamaruCase(status: CaseStatus): BuiltCase | null {
    const w = caseWindow(ctx, status);
    const kind = rng.weighted([['return', 35], ['delay', 20], ['subscription', 20], ['billing', 12], ['complaint', 13]] as const);
    const channel: Channel = rng.weighted([['phone', 80], ['email', 10], ['web', 5], ['fax', 5]] as const);
    switch (kind) {
      case 'return': {
        const rec = orderIn(w.from - 9 * DAY, w.to - 3 * DAY);
        return rec ? buildCase(ctx, status, channel, rec.at + 3 * DAY, rec.at + 9 * DAY, () => returnTopic(rec)) : null;
      }
      case 'delay': {
        const rec = orderIn(w.from - 10 * DAY, w.to - 4 * DAY);
        return rec ? buildCase(ctx, status, channel, rec.at + 4 * DAY, rec.at + 10 * DAY, () => delayTopic(rec)) : null;
      }
      case 'billing': {
        const rec = orderIn(w.from - 40 * DAY, w.to - 7 * DAY);
        return rec ? buildCase(ctx, status, channel, rec.at + 7 * DAY, rec.at + 40 * DAY, () => billingTopic(rec)) : null;
      }
      case 'complaint': {
        const rec = orderIn(w.from - 10 * DAY, w.to - 2 * DAY);
        return rec ? buildCase(ctx, status, channel, rec.at + 2 * DAY, rec.at + 10 * DAY, () => complaintTopic(rec)) : null;
      }
      default: {
        subProduct ??= rng.pick(SUBSCRIPTION_PRODUCTS);
        const sp = subProduct;
        let first = recs.filter((r) => r.products.includes(sp)).sort((a, b) => a.at - b.at)[0] ?? null;
        first ??= makeOrder(w.from - 120 * DAY, w.from - 20 * DAY, [sp]);
        if (!first) return null;
        if (first.order.status !== 'delivered') first.order.status = 'delivered';
        return buildCase(ctx, status, channel, first.at + 20 * DAY, now, (at) => subscriptionTopic(sp, at));
      }
    }
  }

  function returnTopic(rec: OrderRec): CaseTopic {
    const line = rng.pick(rec.order.lines);
    const p = productOf(line.sku);
    const md = jstMonthDay(rec.at);
    const reason = p.category === '衣料品' ? 'サイズが合わない'
      : p.category === '化粧品' ? '肌に合わなかった'
      : p.category === 'キッチン用品' ? rng.pick(['届いた商品が破損していた', p.durable ? '初期不良で電源が入らない' : '届いた商品が破損していた'])
      : '注文数を間違えた';
    const damaged = reason.includes('破損') || reason.includes('初期不良');
    const refund = line.quantity * line.unitPriceJpy;
    return {
      title: `${p.short} ${damaged ? '交換' : '返品'}（${reason}）`,
      description: `${md}ご注文分。${reason}とのことで${damaged ? '交換' : '返品'}を受付。${damaged ? '配送中の破損または初期不良の可能性があり、配送課にも共有。' : `${p.category === '健康食品' ? '未開封' : '未使用'}・到着後8日以内で返品条件を満たすことを確認。`}`,
      department: '返品交換窓口',
      category: '返品・交換',
      priority: damaged ? rng.weighted([['high', 60], ['normal', 40]] as const) : rng.weighted([['normal', 70], ['low', 20], ['high', 10]] as const),
      first: {
        channel: 'phone', direction: 'inbound', queue: Q_DELIVERY, disposition: '返品受付',
        subject: `${p.short}の${damaged ? '交換' : '返品'}（${reason}）`,
        notes: `${md}注文の${p.short}について「${reason}」とのことで${damaged ? '交換' : '返品'}をご希望。${damaged ? '交換品の発送と破損品の回収を手配。' : '返送用伝票の送付を手配。'}`,
      },
      followResolved: damaged
        ? { channel: 'phone', direction: 'outbound', queue: Q_DELIVERY, disposition: '解決', subject: '交換品発送のご連絡', notes: '交換品を発送し、到着と動作をご確認いただいた。破損品の回収も完了。' }
        : { channel: rng.chance(0.5) ? 'email' : 'phone', direction: 'outbound', queue: Q_DELIVERY, disposition: '解決', subject: '返金完了のご連絡', notes: `返品商品の到着を確認し、${yen(refund)}円の返金手続きが完了した旨をご連絡。` },
      followOpen: { channel: 'phone', direction: 'outbound', queue: Q_DELIVERY, disposition: '折り返し予定', subject: '返送用伝票の到着確認', notes: '返送用伝票が届いているか確認。集荷の日時をご希望に合わせて手配した。' },
      onPlaced: (st) => {
        returnCases.add(rec);
        if (!damaged && !isOpenStatus(st)) rec.order.status = 'returned';
        else rec.order.status = 'delivered';
      },
    };
  }

  function delayTopic(rec: OrderRec): CaseTopic {
    const md = jstMonthDay(rec.at);
    const tracking = rng.pick(['配達店に保管中のまま', '輸送中のまま更新なし', '配達完了となっているが受け取っていない']);
    const cause = rng.pick(['住所の番地違い', '配達店での仕分け誤り', '不在票の投函漏れ']);
    return {
      title: `${md}ご注文分 配送遅延の調査`,
      description: `お届け予定日を過ぎても商品（${orderSummary(rec)}）が届かないとのお問い合わせ。追跡情報は「${tracking}」。配送業者への調査依頼が必要。`,
      department: '配送課',
      category: '配送',
      priority: rng.weighted([['high', 40], ['normal', 50], ['urgent', 10]] as const),
      first: {
        channel: 'phone', direction: 'inbound', queue: Q_DELIVERY, disposition: rng.chance(0.6) ? '折り返し予定' : 'エスカレーション',
        subject: 'お届け遅延のお問い合わせ',
        notes: `${md}に注文した${orderSummary(rec)}がまだ届かないとのこと。配送業者へ調査を依頼し、結果を折り返す旨をお伝えした。`,
      },
      followResolved: { channel: 'phone', direction: 'outbound', queue: Q_DELIVERY, disposition: '解決', subject: '配送調査結果のご連絡', notes: `配送業者の調査で${cause}が判明。再配達を手配し、到着をご確認いただいた。` },
      followOpen: { channel: 'phone', direction: 'outbound', queue: Q_DELIVERY, disposition: '折り返し予定', subject: '配送調査状況のご連絡', notes: '配送業者の調査結果待ちであることをご連絡。明日中に改めて連絡するとお伝えした。' },
      onPlaced: (st) => {
        rec.order.status = isOpenStatus(st) ? 'shipped' : 'delivered';
      },
    };
  }

  function billingTopic(rec: OrderRec): CaseTopic {
    const md = jstMonthDay(rec.at);
    const reason = rng.pick(['後払いの請求書が二重に届いた', '支払い済みなのに督促状が届いた', '請求金額が注文時の金額と違う']);
    return {
      title: `請求確認：${reason}`,
      description: `${md}ご注文分（${yen(total(rec.order))}円）について「${reason}」とのお申し出。入金記録と請求書の発行履歴の確認が必要。`,
      department: '経理課',
      category: '請求',
      priority: rng.weighted([['normal', 70], ['high', 25], ['low', 5]] as const),
      first: {
        channel: 'phone', direction: 'inbound', queue: Q_BILLING, disposition: 'エスカレーション',
        subject: 'ご請求内容の確認',
        notes: `「${reason}」とのお問い合わせ。入金状況の確認を経理課に依頼し、結果を折り返す旨をお伝えした。`,
      },
      followResolved: { channel: 'phone', direction: 'outbound', queue: Q_BILLING, disposition: '解決', subject: 'ご請求確認結果のご連絡', notes: '経理課で確認した結果をご説明し、不要な請求書は破棄いただくようご案内。ご了承いただいた。' },
      followOpen: { channel: 'phone', direction: 'outbound', queue: Q_BILLING, disposition: '折り返し予定', subject: 'ご請求確認状況のご連絡', notes: '経理課で入金記録を確認中であることをご連絡。確認でき次第、改めて連絡するとお伝えした。' },
    };
  }

  function complaintTopic(rec: OrderRec): CaseTopic {
    const [topic, short] = rng.pick([
      ['配達員の言葉遣いが乱暴だった', '配達員の対応'],
      ['箱が潰れた状態で届いた', '梱包の破損'],
      ['置き配を指定したのに不在票が入っていた', '置き配指定の不履行'],
    ] as const);
    return {
      title: `【苦情】${short}`,
      description: `${jstMonthDay(rec.at)}ご注文分のお届けについて「${topic}」とのお申し出。配送業者への事実確認と指導依頼が必要。`,
      department: '配送課',
      category: '苦情',
      priority: rng.weighted([['high', 55], ['normal', 35], ['urgent', 10]] as const),
      first: {
        channel: 'phone', direction: 'inbound', queue: Q_DELIVERY, disposition: 'エスカレーション',
        subject: `ご意見：${short}`,
        notes: `${topic}とのことでご立腹。お詫びのうえ、配送課から経緯をご連絡する旨をお伝えした。`,
      },
      followResolved: { channel: 'phone', direction: 'outbound', queue: Q_DELIVERY, disposition: '解決', subject: 'お詫びと調査結果のご報告', notes: '配送業者に事実確認のうえ指導を依頼した旨をご報告し、お詫び。ご了承いただいた。' },
      followOpen: { channel: 'phone', direction: 'outbound', queue: Q_DELIVERY, disposition: '折り返し予定', subject: '調査状況のご連絡', notes: '配送業者に事実確認を依頼中である旨をご連絡し、改めてお詫びした。' },
    };
  }

  function subscriptionTopic(p: MailOrderProduct, at: number): CaseTopic {
    const reason = rng.pick(['飲み切れずに残っている', '体質に合わなかった', '家計の見直しのため', '入院するため当面不要になった']);
    const nextShip = jstMonthDay(at + rng.int(3, 12) * DAY);
    return {
      title: `${p.short} 定期便解約`,
      description: `解約理由：${reason}。次回発送分（${nextShip}発送予定）の停止を定期便担当へ依頼。`,
      department: '定期便担当',
      category: '定期便',
      priority: rng.weighted([['normal', 70], ['high', 20], ['low', 10]] as const),
      first: {
        channel: 'phone', direction: 'inbound', queue: Q_SUBSCRIPTION, disposition: '解約受付',
        subject: '定期便の解約希望',
        notes: `${p.short}の定期便について「${reason}」とのことで解約をご希望。${rng.chance(0.5) ? 'お届け周期の変更やスキップもご案内したが、解約の意向に変わりなし。' : '次回発送分の停止を定期便担当に依頼。'}`,
      },
      followResolved: { channel: rng.chance(0.5) ? 'email' : 'phone', direction: 'outbound', queue: Q_SUBSCRIPTION, disposition: '解決', subject: '定期便解約完了のご連絡', notes: '定期便の解約手続きが完了し、次回以降の発送と請求が停止されたことをご連絡。' },
      followOpen: { channel: 'phone', direction: 'outbound', queue: Q_SUBSCRIPTION, disposition: '折り返し予定', subject: '定期便停止状況のご連絡', notes: '次回発送分の停止が間に合うか定期便担当で確認中である旨をご連絡。' },
    };
  }

  // everyday contacts tied to what happened to the orders
  for (const rec of recs) {
    const md = jstMonthDay(rec.at);
    if (rec.order.status === 'cancelled') {
      const ix = placeContact(ctx, {
        channel: 'phone', direction: 'inbound', queue: Q_ORDER, disposition: 'キャンセル受付', subject: 'ご注文のキャンセル',
        notes: `${md}注文分（${orderSummary(rec)}）のキャンセルをご希望。発送前のためキャンセルを受付。`,
      }, rec.at + 10 * MINUTE, rec.at + DAY);
      if (ix) optional.push(ix);
    } else if (rec.order.status === 'returned' && !returnCases.has(rec)) {
      const p = rng.pick(rec.products);
      const ix = placeContact(ctx, {
        channel: 'phone', direction: 'inbound', queue: Q_DELIVERY, disposition: '返品受付', subject: `${p.short}の返品`,
        notes: `${md}注文の${p.short}を返品したいとのこと。返品条件を満たすことを確認し、返送用伝票を手配。`,
      }, rec.at + 3 * DAY, rec.at + 10 * DAY);
      if (ix) optional.push(ix);
    }
  }

  const generalDraft = (at: number): ContactDraft | null => {
    const base = { channel: 'phone' as Channel, direction: 'inbound' as const };
    const recent = recs.filter((r) => r.at <= at && at - r.at <= 5 * DAY && r.order.status !== 'cancelled');
    const owned = recs.filter((r) => r.at <= at);
    const kind = rng.weighted([
      ['change', recent.length ? 20 : 0], ['tracking', recent.length ? 20 : 0], ['subChange', subProduct ? 12 : 0],
      ['billing', owned.length ? 12 : 0], ['product', 18], ['catalog', 6], ['address', 4], ['missed', 8],
    ] as const);
    switch (kind) {
      case 'change': {
        const rec = rng.pick(recent);
        return {
          ...base, queue: Q_ORDER, disposition: '変更受付', subject: 'ご注文内容の変更',
          notes: `${jstMonthDay(rec.at)}注文分について${rng.pick(['お届け日の変更', 'お届け先の変更', '数量の追加', 'ギフト包装の追加'])}をご希望。発送前のため変更を受付。`,
        };
      }
      case 'tracking': {
        const rec = rng.pick(recent);
        return {
          ...base, queue: Q_DELIVERY, disposition: '情報提供', subject: 'お届け予定の確認',
          notes: `${jstMonthDay(rec.at)}注文分（${orderSummary(rec)}）の配送状況のお問い合わせ。お問い合わせ伝票番号と到着予定日をご案内。`,
        };
      }
      case 'subChange': {
        const cycles = ['1か月', '2か月', '3か月'];
        const fromCycle = rng.pick(cycles);
        const toCycle = rng.pick(cycles.filter((c) => c !== fromCycle));
        return rng.chance(0.7)
          ? { ...base, queue: Q_SUBSCRIPTION, disposition: '変更受付', subject: '定期便のお届け周期変更',
              notes: `${subProduct?.short ?? '定期便'}のお届けを${fromCycle}ごとから${toCycle}ごとに変更したいとのこと。次回発送分から変更で受付。` }
          : { ...base, queue: Q_SUBSCRIPTION, disposition: '変更受付', subject: '定期便の一時休止',
              notes: `旅行で不在にするため、${subProduct?.short ?? '定期便'}の次回お届けを1回スキップしたいとのこと。スキップを受付。` };
      }
      case 'billing':
        return {
          ...base, queue: Q_BILLING, disposition: '情報提供', subject: 'お支払い方法の確認',
          notes: rng.pick([
            'コンビニ後払いの払込票を紛失したとのこと。再発行して郵送する旨をご案内。',
            '代金引換の手数料についてのご質問。手数料の金額と、前払い・後払いの選択肢をご案内。',
            '領収書の発行をご希望。マイページから発行できることをご案内し、操作方法をお伝えした。',
          ]),
        };
      case 'product': {
        const p = rng.pick(HANAMARU_PRODUCTS);
        const notes = p.category === '健康食品' ? `${p.short}の原材料にアレルギー物質が含まれていないかのご質問。原材料表示を確認してご案内。`
          : p.category === '化粧品' ? `${p.short}の使い方と1回の使用量の目安についてのご質問。敏感肌の方はパッチテストをおすすめした。`
          : p.category === 'キッチン用品' ? `${p.short}のお手入れ方法についてのご質問。取扱説明書の手順をご案内。`
          : `${p.short}のサイズ選びのご相談。サイズ表の寸法をお伝えし、普段のサイズと比べてご検討いただくことに。`;
        return { ...base, queue: Q_PRODUCT, disposition: '情報提供', subject: `${p.short}について`, notes };
      }
      case 'catalog':
        return { ...base, queue: Q_ORDER, disposition: '資料送付', subject: 'カタログ送付のご依頼', notes: '最新号のカタログ送付をご希望。登録住所への発送を手配。' };
      case 'address':
        return { ...base, queue: Q_ORDER, disposition: '変更受付', subject: '登録情報の変更', notes: '転居に伴い、お届け先のご住所と電話番号の変更を受付。' };
      default:
        return missedCallDraft(rng.pick([Q_ORDER, Q_DELIVERY]));
    }
  };

  const filler = (): DemoInteraction | null => {
    const channel = pickInboundChannel(rng, s, INBOUND_WEIGHTS);
    return placeContactWith(ctx, channel, ctx.windowFrom, ctx.latest, (at) => {
      const draft = generalDraft(at);
      if (draft?.missed && channel !== 'phone') return { ...draft, missed: false, disposition: '資料送付', subject: 'カタログ送付のご依頼', notes: '最新号のカタログ送付をご希望。登録住所への発送を手配。' };
      return draft;
    });
  };

  // durable goods that stayed with the customer become owned products (serial numbers optional)
  const owned: DemoOwned[] = [];
  const finalizeOwned = (): void => {
    for (const rec of recs) {
      if (rec.order.status === 'cancelled' || rec.order.status === 'returned' || rec.order.status === 'received') continue;
      for (const p of rec.products) {
        if (!p.durable) continue;
        const purchasedOn = jstYmd(rec.at);
        let serial: string | null = null;
        if (rng.chance(0.6)) {
          const yymm = purchasedOn.slice(2, 4) + purchasedOn.slice(5, 7);
          do serial = `${p.sku.replace('-', '')}-${yymm}-${String(rng.int(1, 99999)).padStart(5, '0')}`;
          while (reg.serials.has(serial));
          reg.serials.add(serial);
        }
        owned.push({ sku: p.sku, serial, purchasedOn, warrantyUntil: addYearsYmd(purchasedOn, 1) });
      }
    }
  };
  finalizeOwned();

  return { owned, orders: recs.map((r) => r.order), cases, mandatory, optional, filler };
}
