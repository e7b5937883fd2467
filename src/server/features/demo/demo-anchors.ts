/**
 * Fixed anchor customers that end-to-end tests and demos rely on. Nothing here is random: only the
 * dates move with `now`.
 */
import { HANAMARU_PRODUCTS, SAKURA_PRODUCTS } from './demo-catalog.js';
import { DAY, SECOND, addYearsYmd, jstAt, jstMonthDay, jstYear, jstYmd, ymdAt, ymdYearsBefore } from './demo-time.js';
import type { DemoCase, DemoCustomer, DemoInteraction, DemoOrder } from './demo-types.js';

export const ANCHOR_PHONES = ['090-1234-5678', '080-2345-6789', '03-3123-4567'] as const;
export const ANCHOR_EMAILS = ['taro.yamada@example.jp', 'hanako.sato@example.jp', 'ichiro.suzuki@example.com'] as const;
export const ANCHOR_SERIALS = ['SR4501-23A-00417', 'ST5504-24K-01288', 'SC5501-25E-03311'] as const;
/** highest case number used by anchors, per tenant prefix */
export const ANCHOR_CASE_COUNT: Record<string, number> = { SD: 2, HM: 1 };

const MIRAI = '@mirai-cc.example.jp';

function product(sku: string): { sku: string; name: string; priceJpy: number } {
  const p = [...SAKURA_PRODUCTS, ...HANAMARU_PRODUCTS].find((x) => x.sku === sku);
  if (!p) throw new Error(`unknown sku ${sku}`);
  return p;
}

function orderNo(prefix: string, at: number, seq: number): string {
  return `${prefix}${jstYear(at)}-${String(seq).padStart(6, '0')}`;
}

interface Fixed {
  at: number;
  channel?: DemoInteraction['channel'];
  direction?: DemoInteraction['direction'];
  waitSec: number;
  handleSec: number;
  wrapSec: number;
  subject: string;
  notes: string;
  disposition: string;
  queue: string;
  agent: string;
  caseRef?: string;
}

function fixed(f: Fixed): DemoInteraction {
  const answered = f.at + f.waitSec * SECOND;
  const ended = answered + f.handleSec * SECOND;
  return {
    channel: f.channel ?? 'phone',
    direction: f.direction ?? 'inbound',
    subject: f.subject,
    notes: f.notes,
    disposition: f.disposition,
    queue: f.queue,
    agentEmail: f.agent,
    offeredAt: new Date(f.at),
    answeredAt: new Date(answered),
    endedAt: new Date(ended),
    wrapUpEndedAt: new Date(ended + f.wrapSec * SECOND),
    caseRef: f.caseRef ?? null,
  };
}

function line(sku: string, quantity: number, unitPriceJpy?: number): DemoOrder['lines'][number] {
  const p = product(sku);
  return { sku, name: p.name, quantity, unitPriceJpy: unitPriceJpy ?? p.priceJpy };
}

function suzukiBase(): Omit<DemoCustomer, 'ref' | 'owned' | 'orders' | 'interactions' | 'cases'> {
  return {
    kind: 'person',
    name: '鈴木 一郎',
    nameKana: 'スズキ イチロウ',
    companyName: null,
    gender: 'male',
    ageGroup: '60代',
    prefecture: '東京都',
    postalCode: '154-0015',
    address: '世田谷区桜新町1丁目12-7',
    consentMarketing: false,
    phones: [{ value: '03-3123-4567', label: '自宅' }],
    emails: [{ value: 'ichiro.suzuki@example.com', label: '個人' }],
  };
}

export function sakuraAnchors(now: number): DemoCustomer[] {
  // 山田 太郎: RF450 bought two years ago with a 5-year extended warranty; one repair done, one open.
  const purchasedOn = ymdYearsBefore(now, 2);
  const purchasedAt = ymdAt(purchasedOn, 14, 20);
  const t1 = jstAt(now - 200 * DAY, 10, 12);
  const t2 = jstAt(now - 197 * DAY, 16, 5);
  const t3 = jstAt(now - 3 * DAY, 11, 30);
  const repair = fixed({
    at: t1, waitSec: 25, handleSec: 460, wrapSec: 110, queue: '修理受付', agent: `agent.sakura${MIRAI}`,
    subject: '冷蔵庫の修理依頼（冷蔵室の冷えが悪い）',
    notes: 'RF450について「冷蔵室の冷えが悪い」とのご連絡。延長保証期間内のため無償修理の対象とご案内し、出張修理の訪問日調整を受付。',
    disposition: '修理受付', caseRef: 'SD-CS-00001',
  });
  const done = fixed({
    at: t2, direction: 'outbound', waitSec: 12, handleSec: 180, wrapSec: 60, queue: '修理受付', agent: `agent.sakura${MIRAI}`,
    subject: '修理完了のご確認',
    notes: '訪問修理で冷却ファンモーターを交換。その後、冷えが戻り正常に動作していることをご確認いただいた。',
    disposition: '解決', caseRef: 'SD-CS-00001',
  });
  const again = fixed({
    at: t3, waitSec: 40, handleSec: 540, wrapSec: 150, queue: '修理受付', agent: `agent${MIRAI}`,
    subject: '冷蔵庫のエラー表示「E-21」',
    notes: 'RF450に「E-21」（冷却ファンの異常）が表示。前回修理と同じ箇所の不具合の可能性があるため品質保証部へエスカレーション。',
    disposition: 'エスカレーション', caseRef: 'SD-CS-00002',
  });
  const created1 = (repair.endedAt as Date).getTime();
  const created2 = (again.endedAt as Date).getTime();
  const cases: DemoCase[] = [
    {
      ref: 'SD-CS-00001', title: 'RF450 冷蔵室の冷えが悪い',
      description: 'お客様より「冷蔵室の冷えが悪い」とのご申告（製造番号 SR4501-23A-00417）。延長保証期間内のため無償修理。出張修理の訪問日調整を修理サービス部へ依頼。',
      status: 'resolved', priority: 'normal', createdAt: new Date(created1), dueAt: new Date(created1 + 3 * DAY),
      ownerEmail: `agent.sakura${MIRAI}`, department: '修理サービス部', category: '修理',
    },
    {
      ref: 'SD-CS-00002', title: 'RF450 エラー「E-21」再発（修理後の再発）',
      description: '前回の修理（冷却ファンモーター交換）後に「E-21」が再表示。再修理か製品交換かを品質保証部で判断する（製造番号 SR4501-23A-00417）。',
      status: 'open', priority: 'high', createdAt: new Date(created2), dueAt: new Date(created2 + 2 * DAY),
      ownerEmail: `sv${MIRAI}`, department: '品質保証部', category: '修理',
    },
  ];
  const yamada: DemoCustomer = {
    ref: 'SD-C0001',
    kind: 'person',
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    companyName: null,
    gender: 'male',
    ageGroup: '40代',
    prefecture: '東京都',
    postalCode: '176-0012',
    address: '練馬区豊玉北5丁目18-3',
    consentMarketing: true,
    phones: [{ value: '090-1234-5678', label: '携帯' }],
    emails: [{ value: 'taro.yamada@example.jp', label: '個人' }],
    owned: [{ sku: 'SD-RF450', serial: 'SR4501-23A-00417', purchasedOn, warrantyUntil: addYearsYmd(purchasedOn, 5) }],
    orders: [{ orderNumber: orderNo('SD', purchasedAt, 417), orderedAt: new Date(purchasedAt), status: 'delivered', channel: 'store', lines: [line('SD-RF450', 1, 178000)] }],
    interactions: [repair, done, again],
    cases,
  };

  // 鈴木 一郎: also a はなまる通販 customer with the same home phone. A VIP of さくら電機 (a TV and a rice
  // cooker, a long-time customer): the demo line raises his priority when he calls.
  const tvAt = jstAt(now - 400 * DAY, 15, 10);
  const riceAt = jstAt(now - 150 * DAY, 21, 3);
  const suzuki: DemoCustomer = {
    ...suzukiBase(),
    ref: 'SD-C0002',
    vip: true,
    owned: [
      { sku: 'SD-TV55', serial: 'ST5504-24K-01288', purchasedOn: jstYmd(tvAt), warrantyUntil: addYearsYmd(jstYmd(tvAt), 1) },
      { sku: 'SD-RC55', serial: 'SC5501-25E-03311', purchasedOn: jstYmd(riceAt), warrantyUntil: addYearsYmd(jstYmd(riceAt), 1) },
    ],
    orders: [
      { orderNumber: orderNo('SD', tvAt, 418), orderedAt: new Date(tvAt), status: 'delivered', channel: 'store', lines: [line('SD-TV55', 1, 139800)] },
      { orderNumber: orderNo('SD', riceAt, 419), orderedAt: new Date(riceAt), status: 'delivered', channel: 'web', lines: [line('SD-RC55', 1)] },
    ],
    interactions: [
      fixed({
        at: jstAt(now - 380 * DAY, 10, 40), waitSec: 18, handleSec: 390, wrapSec: 75, queue: '修理受付', agent: `agent.sakura${MIRAI}`,
        subject: 'テレビのエラー表示「E-202」',
        notes: 'TV55に「E-202」（受信できないエラー）が表示。アンテナケーブルの接続を確認いただき、映るようになったことを確認。',
        disposition: '解決',
      }),
      fixed({
        at: jstAt(now - 60 * DAY, 14, 15), waitSec: 32, handleSec: 300, wrapSec: 50, queue: '製品相談', agent: `agent${MIRAI}`,
        subject: '炊飯器の使い方（玄米の炊き方）',
        notes: 'RC55の玄米の炊き方についてご質問。玄米コースの水量と浸水時間をご案内し、ご理解いただいた。',
        disposition: '情報提供',
      }),
    ],
    cases: [],
  };
  return [yamada, suzuki];
}

export function hanamaruAnchors(now: number): DemoCustomer[] {
  // 佐藤 花子: two orders, returning the pajamas of the second one (open case).
  const o1At = jstAt(now - 40 * DAY, 21, 47);
  const callAt = jstAt(now - 12 * DAY, 13, 0);
  const o2At = callAt + (20 + 300) * SECOND;
  const returnAt = jstAt(now - 5 * DAY, 15, 20);
  const orderCall = fixed({
    at: callAt, waitSec: 20, handleSec: 450, wrapSec: 90, queue: '注文受付', agent: `agent.hanamaru${MIRAI}`,
    subject: 'ご注文（パジャマほか）',
    notes: 'パジャマ（Mサイズ）1点と腹巻き2点のご注文を受付。お支払いはコンビニ後払い、通常配送でのお届けとご案内。',
    disposition: '注文受付',
  });
  const returnCall = fixed({
    at: returnAt, waitSec: 35, handleSec: 520, wrapSec: 120, queue: '配送・返品', agent: `agent${MIRAI}`,
    subject: 'パジャマの返品（サイズが合わない）',
    notes: `${jstMonthDay(o2At)}注文のパジャマについて、サイズが小さかったため返品してLサイズへの交換をご希望。返送用伝票の送付を手配。`,
    disposition: '返品受付', caseRef: 'HM-CS-00001',
  });
  const created = (returnCall.endedAt as Date).getTime();
  const sato: DemoCustomer = {
    ref: 'HM-C0001',
    kind: 'person',
    name: '佐藤 花子',
    nameKana: 'サトウ ハナコ',
    companyName: null,
    gender: 'female',
    ageGroup: '30代',
    prefecture: '大阪府',
    postalCode: '530-0001',
    address: '大阪市北区梅田2丁目4-9 メゾン梅田805',
    consentMarketing: true,
    phones: [{ value: '080-2345-6789', label: '携帯' }],
    emails: [{ value: 'hanako.sato@example.jp', label: '個人' }],
    owned: [],
    orders: [
      { orderNumber: orderNo('HM', o1At, 123), orderedAt: new Date(o1At), status: 'delivered', channel: 'web', lines: [line('HM-1001', 2), line('HM-1011', 1)] },
      { orderNumber: orderNo('HM', o2At, 124), orderedAt: new Date(o2At), status: 'delivered', channel: 'phone', lines: [line('HM-1032', 1), line('HM-1035', 2)] },
    ],
    interactions: [orderCall, returnCall],
    cases: [{
      ref: 'HM-CS-00001', title: 'パジャマ 返品・サイズ交換（M→L）',
      description: `${jstMonthDay(o2At)}ご注文分。お届けしたパジャマ（Mサイズ）が小さいとのことで、返品およびLサイズへの交換をご希望。未使用・到着後8日以内のため返品条件を満たす。`,
      status: 'open', priority: 'normal', createdAt: new Date(created), dueAt: new Date(created + 3 * DAY),
      ownerEmail: `agent${MIRAI}`, department: '返品交換窓口', category: '返品・交換',
    }],
  };

  const subCall = jstAt(now - 30 * DAY, 10, 25);
  const subAt = subCall + (15 + 240) * SECOND;
  const suzuki: DemoCustomer = {
    ...suzukiBase(),
    ref: 'HM-C0002',
    owned: [],
    orders: [
      { orderNumber: orderNo('HM', subAt, 125), orderedAt: new Date(subAt), status: 'delivered', channel: 'phone', lines: [line('HM-1003', 1, 3888)] },
    ],
    interactions: [
      fixed({
        at: subCall, waitSec: 15, handleSec: 420, wrapSec: 80, queue: '注文受付', agent: `agent.hanamaru${MIRAI}`,
        subject: 'ご注文（グルコサミン 定期便）',
        notes: 'グルコサミンを定期便（1か月ごと・10%割引）でお申し込み。初回のお届け日と代金引換でのお支払いを確認。',
        disposition: '注文受付',
      }),
      fixed({
        at: jstAt(now - 6 * DAY, 10, 50), waitSec: 48, handleSec: 260, wrapSec: 60, queue: '定期便', agent: `agent${MIRAI}`,
        subject: '定期便のお届け周期変更',
        notes: 'グルコサミンのお届けを1か月ごとから2か月ごとに変更したいとのこと。次回発送分から変更で受付。',
        disposition: '変更受付',
      }),
    ],
    cases: [],
  };
  return [sato, suzuki];
}
