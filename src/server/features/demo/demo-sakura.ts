/**
 * さくら電機 (appliance maker) customer histories: products owned with serial numbers and warranty,
 * purchases, repair / error-code / usage contacts, and repair, exchange and complaint cases.
 */
import { SAKURA_PRODUCTS, type ApplianceProduct } from './demo-catalog.js';
import {
  buildCase, buildCustomerCases, missedCallDraft, orderTimeWithin, pickInboundChannel, pickSlot,
  placeContactWith, timeContact, type CaseTopic, type Channel, type ContactDraft, type CustomerHistory,
  type StoryCustomer, type TenantContext,
} from './demo-contacts.js';
import type { UniqueRegistry } from './demo-people.js';
import type { Rng } from './demo-random.js';
import { DAY, SECOND, addYearsYmd, jstYmd } from './demo-time.js';
import type { DemoInteraction, DemoOrder, DemoOwned } from './demo-types.js';

const Q_REPAIR = '修理受付';
const Q_PRODUCT = '製品相談';
const Q_CONSULT = 'お客様相談室';

const INBOUND_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['phone', 70], ['email', 12], ['web', 8], ['chat', 5], ['line', 3], ['fax', 1], ['visit', 1],
];

const REPAIR_PARTS: Record<string, readonly string[]> = {
  冷蔵庫: ['冷却ファンモーター', '制御基板', '霜取りヒーター', 'ドアパッキン'],
  洗濯機: ['排水ポンプ', 'ドアロックスイッチ', '制御基板', '軸受けベアリング'],
  エアコン: ['室外機ファンモーター', '温度センサー', 'ドレンホース', '制御基板'],
  炊飯器: ['温度センサー', '内ぶたパッキン', '操作基板'],
  電子レンジ: ['マグネトロン', '扉スイッチ', '操作基板'],
  掃除機: ['モーター', 'バッテリー', '回転ブラシ'],
  テレビ: ['電源基板', 'メイン基板', 'チューナー基板'],
  食洗機: ['給水弁', '排水ポンプ', 'ヒーター'],
  空気清浄機: ['ファンモーター', 'ホコリセンサー'],
};

const CONSUMABLES: Record<string, readonly string[]> = {
  冷蔵庫: ['浄水フィルター', '製氷皿'],
  洗濯機: ['糸くずフィルター', '乾燥フィルター'],
  エアコン: ['交換用フィルター', 'リモコン'],
  炊飯器: ['内釜', '内ぶた'],
  電子レンジ: ['角皿', '給水タンク'],
  掃除機: ['交換用バッテリー', 'ダストフィルター'],
  テレビ: ['リモコン'],
  食洗機: ['残さいフィルター'],
  空気清浄機: ['集じんフィルター', '加湿フィルター'],
};

const PRODUCT_WEIGHTS = SAKURA_PRODUCTS.map((p) => [p, p.category === '冷蔵庫' || p.category === '洗濯機' || p.category === 'エアコン' ? 3 : 2] as const);

interface OwnedItem {
  product: ApplianceProduct;
  owned: DemoOwned;
  purchasedAt: number;
}

function model(p: ApplianceProduct): string {
  return p.sku.replace(/^SD-/, '');
}

const MONTH_LETTERS = 'ABCDEFGHIJKL';

/** SR4501-23A-00417: model block, manufacture year + month letter, running number. */
export function makeSerial(rng: Rng, reg: UniqueRegistry, p: ApplianceProduct, manufacturedAt: number): string {
  const ymd = jstYmd(manufacturedAt);
  const yy = ymd.slice(2, 4);
  const month = MONTH_LETTERS[Number(ymd.slice(5, 7)) - 1] ?? 'A';
  for (;;) {
    const serial = `${p.serialPrefix}-${yy}${month}-${String(rng.int(1, 99999)).padStart(5, '0')}`;
    if (!reg.serials.has(serial)) {
      reg.serials.add(serial);
      return serial;
    }
  }
}

function warrantyPhrase(item: OwnedItem, at: number): { covered: boolean; text: string } {
  const until = item.owned.warrantyUntil;
  if (until !== null && jstYmd(at) <= until) {
    const extended = addYearsYmd(item.owned.purchasedOn, 5) === until;
    return { covered: true, text: `${extended ? '延長保証' : 'メーカー保証'}期間内（${until}まで）のため無償修理の対象とご案内` };
  }
  return { covered: false, text: '保証期間外のため出張費・技術料・部品代の概算をご案内' };
}

function serviceMode(p: ApplianceProduct): string {
  return p.large ? '出張修理の訪問日調整' : '宅配修理（引き取り）の手配';
}

function repairTopic(ctx: TenantContext, item: OwnedItem, at: number): CaseTopic {
  const { rng } = ctx;
  const p = item.product;
  const symptom = rng.pick(p.symptoms);
  const w = warrantyPhrase(item, at);
  const part = rng.pick(REPAIR_PARTS[p.category] ?? ['部品']);
  return {
    title: `${model(p)} ${symptom}`,
    description: `お客様より「${symptom}」とのご申告（製造番号 ${item.owned.serial ?? '不明'}）。${w.text}。${serviceMode(p)}を修理サービス部へ依頼。`,
    department: '修理サービス部',
    category: '修理',
    priority: p.category === '冷蔵庫' ? rng.weighted([['high', 50], ['urgent', 15], ['normal', 35]] as const) : rng.weighted([['normal', 65], ['high', 20], ['low', 15]] as const),
    first: {
      channel: 'phone', direction: 'inbound', queue: Q_REPAIR, disposition: '修理受付',
      subject: `${p.short}の修理依頼（${symptom}）`,
      notes: `${model(p)}について「${symptom}」とのご連絡。${w.text}し、${serviceMode(p)}を受付。`,
    },
    followResolved: {
      channel: 'phone', direction: 'outbound', queue: Q_REPAIR, disposition: '解決',
      subject: '修理完了のご確認',
      notes: `${p.large ? '訪問修理' : '宅配修理'}で${part}を交換。その後、正常に動作していることをお客様にご確認いただいた。`,
    },
    followOpen: {
      channel: 'phone', direction: 'outbound', queue: Q_REPAIR, disposition: '折り返し予定',
      subject: p.large ? '訪問日程のご連絡' : '修理品の状況のご連絡',
      notes: p.large
        ? `サービス担当の訪問日を調整。交換部品（${part}）の取り寄せに数日かかる旨をお伝えした。`
        : '修理品が到着し点検中である旨をご連絡。完了予定日は改めて連絡するとお伝えした。',
    },
  };
}

function exchangeTopic(ctx: TenantContext, item: OwnedItem, at: number): CaseTopic {
  const { rng } = ctx;
  const p = item.product;
  const symptom = rng.pick(p.symptoms);
  const days = Math.max(1, Math.floor((at - item.purchasedAt) / DAY));
  const initial = days <= 30;
  const repairs = rng.int(2, 3);
  return {
    title: `${model(p)} ${initial ? '初期不良による' : '修理後の再発による'}交換要望`,
    description: initial
      ? `購入${days}日目で「${symptom}」。初期不良の可能性があり、品質保証部で交換可否を判断（製造番号 ${item.owned.serial ?? '不明'}）。`
      : `「${symptom}」で過去${repairs}回修理したが再発。製品交換のご要望につき品質保証部で対応方針を検討（製造番号 ${item.owned.serial ?? '不明'}）。`,
    department: '品質保証部',
    category: '交換',
    priority: rng.weighted([['high', 70], ['urgent', 10], ['normal', 20]] as const),
    first: {
      channel: 'phone', direction: 'inbound', queue: Q_REPAIR, disposition: 'エスカレーション',
      subject: `${p.short}の交換希望`,
      notes: initial
        ? `購入から${days}日で「${symptom}」とのこと。初期不良として新品交換をご希望のため品質保証部へエスカレーション。`
        : `「${symptom}」で修理を${repairs}回受けたが改善しないとのこと。製品交換のご要望として品質保証部へエスカレーション。`,
    },
    followResolved: {
      channel: 'phone', direction: 'outbound', queue: Q_REPAIR, disposition: '解決',
      subject: '交換品お届けのご確認',
      notes: '品質保証部の判断により新品交換を実施。交換品の設置と動作をご確認いただいた。',
    },
    followOpen: {
      channel: 'phone', direction: 'outbound', queue: Q_REPAIR, disposition: '折り返し予定',
      subject: '交換可否確認のご連絡',
      notes: `品質保証部で交換可否を確認中であることをご連絡。結果は${rng.int(2, 3)}営業日以内に折り返すとお伝えした。`,
    },
  };
}

const COMPLAINTS: readonly (readonly [topic: string, short: string, needsProduct: boolean])[] = [
  ['修理担当者が約束の時間に連絡なく遅れて来た', '修理担当者の遅刻', true],
  ['修理後すぐに同じ症状が再発した', '修理後の再発', true],
  ['修理受付の電話がなかなかつながらない', '電話のつながりにくさ', false],
  ['取扱説明書の説明が分かりにくい', '取扱説明書の分かりにくさ', true],
  ['設置の際に床に傷をつけられた', '設置時の床の傷', true],
  ['見積もりより修理費用が高かった', '修理費用', true],
];

function complaintTopic(ctx: TenantContext, item: OwnedItem | null, at: number): CaseTopic {
  const { rng } = ctx;
  const covered = item !== null && warrantyPhrase(item, at).covered;
  const options = COMPLAINTS.filter(([, short, needsProduct]) => (item !== null || !needsProduct) && !(covered && short === '修理費用'));
  const [topic, short, needsProduct] = rng.pick(options);
  const about = item && needsProduct ? `（${model(item.product)}）` : '';
  return {
    title: `【苦情】${short}${about}`,
    description: `お客様より「${topic}」とのお申し出${about}。経緯を確認のうえ、お客様相談室からご説明とお詫びが必要。`,
    department: 'お客様相談室',
    category: '苦情',
    priority: rng.weighted([['high', 60], ['urgent', 15], ['normal', 25]] as const),
    first: {
      channel: 'phone', direction: 'inbound', queue: Q_CONSULT, disposition: 'エスカレーション',
      subject: `ご意見：${short}`,
      notes: `${topic}とのことで強いご不満。お詫びのうえ、お客様相談室から改めてご連絡する旨をお伝えした。`,
    },
    followResolved: {
      channel: 'phone', direction: 'outbound', queue: Q_CONSULT, disposition: '解決',
      subject: 'お詫びと経緯のご説明',
      notes: 'お客様相談室より経緯をご説明しお詫び。再発防止策をお伝えし、ご了承いただいた。',
    },
    followOpen: {
      channel: 'phone', direction: 'outbound', queue: Q_CONSULT, disposition: '折り返し予定',
      subject: '事実確認状況のご連絡',
      notes: 'お客様相談室よりお詫びの連絡を入れ、事実関係を確認中である旨をお伝えした。',
    },
  };
}

function generalDraft(ctx: TenantContext, items: readonly OwnedItem[], at: number): ContactDraft | null {
  const { rng } = ctx;
  const usable = items.filter((i) => i.purchasedAt + 3 * DAY <= at);
  const kind = rng.weighted([
    ['error', usable.length ? 22 : 0], ['usage', usable.length ? 26 : 0], ['warranty', usable.length ? 8 : 0],
    ['parts', usable.length ? 10 : 0], ['praise', usable.length ? 5 : 0], ['repair', usable.length ? 8 : 0],
    ['prepurchase', 8], ['address', 4], ['missed', 8],
  ] as const);
  const item = usable.length ? rng.pick(usable) : null;
  const base = { channel: 'phone' as Channel, direction: 'inbound' as const };
  if (kind === 'missed') return missedCallDraft(rng.pick([Q_REPAIR, Q_PRODUCT]));
  if (kind === 'prepurchase') {
    const p = rng.pick(SAKURA_PRODUCTS);
    return {
      ...base, queue: Q_PRODUCT, disposition: '情報提供',
      subject: '購入前のご相談',
      notes: `${p.category}の買い替えを検討中で、${model(p)}と他機種の違いについてご質問。容量・消費電力・設置寸法の違いをご説明。`,
    };
  }
  if (kind === 'address') {
    return { ...base, queue: Q_PRODUCT, disposition: '変更受付', subject: '登録情報の変更', notes: '転居に伴い、製品登録のご住所と電話番号の変更を受付。' };
  }
  if (!item) return null;
  const p = item.product;
  switch (kind) {
    case 'error': {
      const e = rng.pick(p.errors);
      return e.selfFix
        ? { ...base, queue: Q_REPAIR, disposition: '解決', subject: `${p.short}のエラー表示「${e.code}」`,
            notes: `${model(p)}に「${e.code}」（${e.meaning}）が表示。${e.selfFix}を確認いただき、表示が消えたことを確認。` }
        : { ...base, queue: Q_REPAIR, disposition: '修理受付', subject: `${p.short}のエラー表示「${e.code}」`,
            notes: `${model(p)}に「${e.code}」（${e.meaning}）が表示。点検が必要なため${serviceMode(p)}を受付。` };
    }
    case 'usage': {
      const h = rng.pick(p.howTo);
      return {
        ...base, queue: Q_PRODUCT, disposition: rng.chance(0.6) ? '情報提供' : '解決',
        subject: `${p.short}の使い方（${h}）`,
        notes: rng.chance(0.5)
          ? `${model(p)}の${h}についてご質問。取扱説明書の該当ページに沿って操作をご案内し、ご理解いただいた。`
          : `${model(p)}の${h}が分からないとのこと。公式サイトのFAQ記事をご案内し、手順を一緒に確認。`,
      };
    }
    case 'warranty':
      return {
        ...base, queue: Q_PRODUCT, disposition: '情報提供', subject: '保証期間の確認',
        notes: `${model(p)}の保証期限を確認したいとのこと。購入日の記録から${item.owned.warrantyUntil ?? '保証期限'}までであることをご回答。`,
      };
    case 'parts': {
      const part = rng.pick(CONSUMABLES[p.category] ?? ['付属品']);
      return {
        ...base, queue: Q_PRODUCT, disposition: '情報提供', subject: '消耗品・部品の購入方法',
        notes: `${p.short}の${part}を購入したいとのこと。部品番号と公式オンラインショップでの購入方法をご案内。`,
      };
    }
    case 'praise':
      return {
        ...base, queue: Q_CONSULT, disposition: 'ご意見承り', subject: 'お礼・お褒めの言葉',
        notes: rng.chance(0.5)
          ? '先日の修理担当者の説明が丁寧で助かったとのお礼。担当部署に共有する旨をお伝えした。'
          : `${model(p)}の使い心地がとても良いとのお声。商品企画部門に共有する旨をお伝えした。`,
      };
    default: {
      const w = warrantyPhrase(item, at);
      const symptom = rng.pick(p.symptoms);
      return {
        ...base, queue: Q_REPAIR, disposition: '修理受付', subject: `${p.short}の修理依頼（${symptom}）`,
        notes: `${model(p)}について「${symptom}」とのご連絡。${w.text}し、${serviceMode(p)}を受付。`,
      };
    }
  }
}

function purchaseChannel(rng: Rng): DemoOrder['channel'] {
  return rng.weighted([['store', 60], ['web', 28], ['phone', 12]] as const);
}

function storePrice(rng: Rng, price: number): number {
  return Math.round((price * rng.range(0.82, 0.98)) / 100) * 100;
}

export function buildSakuraHistory(ctx: TenantContext, reg: UniqueRegistry, who: StoryCustomer): CustomerHistory {
  const { rng, now } = ctx;
  const owned: DemoOwned[] = [];
  const orders: DemoOrder[] = [];
  const optional: DemoInteraction[] = [];
  const items: OwnedItem[] = [];

  // companies (offices, restaurants, care homes) tend to own more appliances
  const count = who.kind === 'company' ? rng.weighted([[1, 30], [2, 40], [3, 30]] as const) : rng.weighted([[1, 55], [2, 32], [3, 13]] as const);
  const skus = new Set<string>();
  for (let i = 0; i < count; i++) {
    let product = rng.weighted(PRODUCT_WEIGHTS);
    // a second air conditioner for another room is common; other duplicates are not
    while (skus.has(product.sku) && product.category !== 'エアコン') product = rng.weighted(PRODUCT_WEIGHTS);
    skus.add(product.sku);
    const channel = purchaseChannel(rng);
    const from = now - 6 * 365 * DAY;
    const to = now - 3 * DAY;
    let purchasedAt: number;
    let call: DemoInteraction | null = null;
    if (channel === 'web') {
      purchasedAt = from + Math.floor((rng.next() * (to - from)) / SECOND) * SECOND;
    } else {
      const slot = pickSlot(rng, from, to, channel === 'store' ? 19 * 60 + 40 : 19 * 60 + 30) ?? to;
      if (channel === 'phone' && slot >= ctx.windowFrom && slot <= ctx.latest) {
        call = timeContact(ctx, {
          channel: 'phone', direction: 'inbound', queue: Q_PRODUCT, disposition: '注文受付',
          subject: `直販のご注文（${product.short}）`,
          notes: `${model(product)}を直販でご注文。配送・設置日と古い${product.short}の引き取りの有無を確認。`,
        }, slot);
        purchasedAt = orderTimeWithin(ctx, call);
        optional.push(call);
      } else {
        purchasedAt = slot;
      }
    }
    const purchasedOn = jstYmd(purchasedAt);
    const extended = rng.chance(product.large ? 0.3 : 0.08);
    const manufacturedAt = purchasedAt - rng.int(20, 240) * DAY;
    const own: DemoOwned = {
      sku: product.sku,
      serial: makeSerial(rng, reg, product, manufacturedAt),
      purchasedOn,
      warrantyUntil: addYearsYmd(purchasedOn, extended ? 5 : 1),
    };
    owned.push(own);
    items.push({ product, owned: own, purchasedAt });
    orders.push({
      orderNumber: '',
      orderedAt: new Date(purchasedAt),
      status: 'delivered',
      channel,
      lines: [{ sku: product.sku, name: product.name, quantity: 1, unitPriceJpy: channel === 'store' ? storePrice(rng, product.priceJpy) : product.priceJpy }],
    });
  }

  const { cases, mandatory } = buildCustomerCases(rng, (status) => {
    const kind = rng.weighted([['repair', 55], ['exchange', 20], ['complaint', 25]] as const);
    const item = items.length ? rng.pick(items) : null;
    const channel = rng.weighted([['phone', 85], ['email', 8], ['web', 7]] as const);
    if (kind === 'complaint' || !item) {
      return buildCase(ctx, status, channel, item ? item.purchasedAt + 7 * DAY : 0, now, (at) => complaintTopic(ctx, item, at));
    }
    const from = item.purchasedAt + (kind === 'exchange' ? 2 : 14) * DAY;
    const to = kind === 'exchange' && rng.chance(0.5) ? item.purchasedAt + 30 * DAY : now;
    return buildCase(ctx, status, channel, from, to, (at) => (kind === 'repair' ? repairTopic(ctx, item, at) : exchangeTopic(ctx, item, at)));
  });

  const filler = (): DemoInteraction | null => {
    const channel = pickInboundChannel(rng, who.seniority, INBOUND_WEIGHTS);
    return placeContactWith(ctx, channel, ctx.windowFrom, ctx.latest, (at) => {
      const draft = generalDraft(ctx, items, at);
      // abandoned calls only happen on the phone
      if (draft?.missed && channel !== 'phone') return { ...draft, missed: false, disposition: '情報提供', subject: '製品に関するお問い合わせ', notes: '製品の仕様についてのお問い合わせ。カタログ記載の内容をご案内。' };
      return draft;
    });
  };
  return { owned, orders, cases, mandatory, optional, filler };
}
