/**
 * Product catalogs of the two demo client companies, with the internal attributes the generator
 * needs (serial prefix, symptoms and error codes for appliances; durability and 定期便 for mail order).
 */
import type { DemoProduct } from './demo-types.js';

export interface ApplianceErrorCode {
  code: string;
  meaning: string;
  /** what the agent guides the customer to try */
  selfFix: string | null;
}

export interface ApplianceProduct extends DemoProduct {
  /** first block of the serial number, e.g. 'SR4501' */
  serialPrefix: string;
  /** large appliances are more often bought with a 5-year extended warranty */
  large: boolean;
  /** short everyday name used in notes, e.g. '冷蔵庫' */
  short: string;
  symptoms: readonly string[];
  errors: readonly ApplianceErrorCode[];
  howTo: readonly string[];
}

type ApplianceKind = Pick<ApplianceProduct, 'short' | 'symptoms' | 'errors' | 'howTo'>;

const FRIDGE: ApplianceKind = {
  short: '冷蔵庫',
  symptoms: ['冷蔵室の冷えが悪い', '運転中に異音がする', '自動製氷ができない', '本体下から水漏れがある', '扉がしっかり閉まらない'],
  errors: [
    { code: 'E-21', meaning: '冷却ファンの異常', selfFix: null },
    { code: 'E-23', meaning: '霜取りヒーターの異常', selfFix: null },
    { code: 'E-05', meaning: '製氷皿の動作異常', selfFix: '給水タンクの水量と製氷皿の取り付け' },
  ],
  howTo: ['急速冷凍モードの使い方', '製氷機のお手入れ方法', '節電モードの設定', '温度設定の切り替え方'],
};
const WASHER: ApplianceKind = {
  short: '洗濯機',
  symptoms: ['脱水が途中で止まる', '排水に時間がかかる', '乾燥が終わらない', '運転中の振動と音が大きい', '給水されない'],
  errors: [
    { code: 'E-05', meaning: '排水エラー', selfFix: '排水フィルターの清掃と排水ホースの折れ' },
    { code: 'E-12', meaning: 'ドアロック異常', selfFix: 'ドアの閉め直しと電源の入れ直し' },
    { code: 'E-02', meaning: '給水エラー', selfFix: '水栓が開いているかと給水ホースのフィルター' },
  ],
  howTo: ['槽洗浄コースの使い方', '乾燥フィルターの掃除方法', '予約タイマーの設定', '洗剤自動投入の設定'],
};
const AIRCON: ApplianceKind = {
  short: 'エアコン',
  symptoms: ['冷房が効かない', '室内機から水が垂れる', 'リモコンに反応しない', '運転開始時に異臭がする', '暖房の立ち上がりが遅い'],
  errors: [
    { code: 'E-08', meaning: '室内機と室外機の通信エラー', selfFix: 'ブレーカーの入れ直し' },
    { code: 'E-14', meaning: '室外機ファンの異常', selfFix: null },
    { code: 'E-31', meaning: '温度センサーの異常', selfFix: null },
  ],
  howTo: ['フィルターお掃除機能の設定', '内部クリーン運転の使い方', 'スマートフォンアプリとの接続', 'タイマー運転の設定'],
};
const RICE: ApplianceKind = {
  short: '炊飯器',
  symptoms: ['ご飯が硬く炊き上がる', '蓋がしっかり閉まらない', '表示部が消えたままになる', '保温中にご飯が黄ばむ'],
  errors: [
    { code: 'E-01', meaning: '温度センサーの異常', selfFix: null },
    { code: 'E-04', meaning: '内ぶたの取り付け不良', selfFix: '内ぶたと蒸気口の取り付け' },
  ],
  howTo: ['玄米の炊き方', '予約炊飯の設定', '内ぶたのお手入れ方法', '時計の合わせ方'],
};
const RANGE: ApplianceKind = {
  short: '電子レンジ',
  symptoms: ['温めができない', '庫内で火花が出た', '扉を閉めても運転しない', 'ボタンが反応しない'],
  errors: [
    { code: 'E-06', meaning: '扉スイッチの異常', selfFix: '扉周りの汚れの拭き取り' },
    { code: 'E-11', meaning: '重量センサーの異常', selfFix: '庫内の清掃と電源の入れ直し' },
  ],
  howTo: ['オーブン予熱の使い方', '自動メニューの選び方', '庫内の脱臭方法', 'スチーム給水タンクのお手入れ'],
};
const VACUUM: ApplianceKind = {
  short: '掃除機',
  symptoms: ['吸引力が弱くなった', '充電ができない', '運転が数分で止まる', 'ブラシが回転しない'],
  errors: [
    { code: 'E-07', meaning: 'バッテリー温度の異常', selfFix: '充電台から外して本体を冷ますこと' },
    { code: 'E-09', meaning: 'ブラシの絡まり', selfFix: 'ブラシに絡まった髪の毛の除去' },
  ],
  howTo: ['ダストボックスの洗い方', 'バッテリーの交換方法', 'アプリでの清掃エリア設定', 'フィルターのお手入れ'],
};
const TV: ApplianceKind = {
  short: 'テレビ',
  symptoms: ['電源が入らない', '画面が映らず音だけ出る', '録画予約が実行されない', 'リモコンが効かない'],
  errors: [
    { code: 'E-202', meaning: '受信できないエラー', selfFix: 'アンテナケーブルの接続' },
    { code: 'E-100', meaning: 'B-CASカードの認識エラー', selfFix: 'カードの差し直し' },
  ],
  howTo: ['外付けHDDの登録方法', 'ネット動画アプリの設定', 'チャンネル再設定の方法', '字幕表示の切り替え'],
};
const DISHWASHER: ApplianceKind = {
  short: '食洗機',
  symptoms: ['庫内に水が残る', '乾燥が不十分', '洗浄中に止まる'],
  errors: [
    { code: 'E-03', meaning: '給水エラー', selfFix: '給水栓とホースの確認' },
    { code: 'E-15', meaning: '排水エラー', selfFix: '残さいフィルターの清掃' },
  ],
  howTo: ['専用洗剤の量の目安', '残さいフィルターの掃除方法', 'ソフト洗浄コースの使い方'],
};
const PURIFIER: ApplianceKind = {
  short: '空気清浄機',
  symptoms: ['フィルターランプが点滅し続ける', '運転中に異臭がする', '加湿されない'],
  errors: [{ code: 'E-17', meaning: 'ファンモーターの異常', selfFix: null }],
  howTo: ['フィルターの交換時期', '加湿フィルターのお手入れ', 'お手入れランプのリセット方法'],
};

type Spec = [sku: string, name: string, category: string, price: number, serialPrefix: string, large: boolean, kind: ApplianceKind];

const SAKURA_SPECS: readonly Spec[] = [
  ['SD-RF450', 'さくら 6ドア冷蔵庫 RF450 (450L)', '冷蔵庫', 198000, 'SR4501', true, FRIDGE],
  ['SD-RF520', 'さくら 6ドア冷蔵庫 RF520 (520L)', '冷蔵庫', 268000, 'SR5201', true, FRIDGE],
  ['SD-RF300', 'さくら 3ドア冷蔵庫 RF300 (300L)', '冷蔵庫', 98800, 'SR3001', true, FRIDGE],
  ['SD-WD100', 'さくら ドラム式洗濯乾燥機 WD100 (洗濯10kg/乾燥6kg)', '洗濯機', 239800, 'SW1002', true, WASHER],
  ['SD-WM80', 'さくら 全自動洗濯機 WM80 (8kg)', '洗濯機', 69800, 'SW0801', true, WASHER],
  ['SD-AC22', 'さくら ルームエアコン AC22 (主に6畳用)', 'エアコン', 79800, 'SA2203', true, AIRCON],
  ['SD-AC40', 'さくら ルームエアコン AC40 (主に14畳用)', 'エアコン', 168000, 'SA4003', true, AIRCON],
  ['SD-RC55', 'さくら IH炊飯器 RC55 (5.5合)', '炊飯器', 39800, 'SC5501', false, RICE],
  ['SD-RC10', 'さくら 圧力IH炊飯器 RC10 (1升)', '炊飯器', 59800, 'SC1002', false, RICE],
  ['SD-MW26', 'さくら スチームオーブンレンジ MW26 (26L)', '電子レンジ', 49800, 'SM2602', false, RANGE],
  ['SD-MW18', 'さくら 電子レンジ MW18 (18L)', '電子レンジ', 19800, 'SM1801', false, RANGE],
  ['SD-VC30', 'さくら コードレススティッククリーナー VC30', '掃除機', 44800, 'SV3001', false, VACUUM],
  ['SD-VR10', 'さくら ロボット掃除機 VR10', '掃除機', 69800, 'SV1005', false, VACUUM],
  ['SD-TV55', 'さくら 4K液晶テレビ TV55 (55V型)', 'テレビ', 149800, 'ST5504', true, TV],
  ['SD-TV43', 'さくら 4K液晶テレビ TV43 (43V型)', 'テレビ', 84800, 'ST4304', true, TV],
  ['SD-DW40', 'さくら 食器洗い乾燥機 DW40', '食洗機', 64800, 'SD4001', false, DISHWASHER],
  ['SD-AP20', 'さくら 加湿空気清浄機 AP20', '空気清浄機', 29800, 'SP2002', false, PURIFIER],
];

export const SAKURA_PRODUCTS: readonly ApplianceProduct[] = SAKURA_SPECS.map(
  ([sku, name, category, priceJpy, serialPrefix, large, kind]) => ({ sku, name, category, priceJpy, serialPrefix, large, ...kind }),
);

export interface MailOrderProduct extends DemoProduct {
  /** durable goods get an owned-product record (and sometimes a serial number) */
  durable: boolean;
  /** sold as 定期便 (subscription) */
  subscription: boolean;
  /** short name for notes */
  short: string;
}

const m = (sku: string, name: string, category: string, priceJpy: number, short: string, flags: { durable?: boolean; subscription?: boolean } = {}): MailOrderProduct => ({
  sku, name, category, priceJpy, short, durable: flags.durable ?? false, subscription: flags.subscription ?? false,
});

export const HANAMARU_PRODUCTS: readonly MailOrderProduct[] = [
  m('HM-1001', 'はなまる大麦若葉青汁 30包', '健康食品', 3240, '青汁', { subscription: true }),
  m('HM-1002', '熟成黒酢カプセル 90粒', '健康食品', 2980, '黒酢カプセル', { subscription: true }),
  m('HM-1003', 'グルコサミン&コンドロイチン 240粒', '健康食品', 4320, 'グルコサミン', { subscription: true }),
  m('HM-1004', 'DHA・EPA 120粒', '健康食品', 3980, 'DHA・EPA', { subscription: true }),
  m('HM-1005', '国産れんげはちみつ 500g', '健康食品', 2480, 'はちみつ'),
  m('HM-1006', '乳酸菌サプリメント 60粒', '健康食品', 2160, '乳酸菌サプリ', { subscription: true }),
  m('HM-1011', 'うるおいオールインワンジェル 100g', '化粧品', 3980, 'オールインワンジェル', { subscription: true }),
  m('HM-1012', '薬用美白美容液 30mL', '化粧品', 4950, '美容液'),
  m('HM-1013', 'アミノ酸洗顔フォーム 120g', '化粧品', 1650, '洗顔フォーム'),
  m('HM-1014', 'エイジングケアクリーム 50g', '化粧品', 6600, 'クリーム'),
  m('HM-1015', 'UVカットミルク SPF50+ 60mL', '化粧品', 2200, '日焼け止め'),
  m('HM-1021', 'ステンレス電気ケトル 1.0L', 'キッチン用品', 4980, '電気ケトル', { durable: true }),
  m('HM-1022', 'ノンフライヤー 3.5L', 'キッチン用品', 12800, 'ノンフライヤー', { durable: true }),
  m('HM-1023', '高速ブレンダー 1.5L', 'キッチン用品', 9980, 'ブレンダー', { durable: true }),
  m('HM-1024', '鉄製フライパン 26cm', 'キッチン用品', 5480, 'フライパン'),
  m('HM-1025', '耐熱ガラス保存容器 10点セット', 'キッチン用品', 2980, '保存容器'),
  m('HM-1031', 'あったか裏起毛パンツ (M/L/LL)', '衣料品', 3990, '裏起毛パンツ'),
  m('HM-1032', '綿100%ダブルガーゼパジャマ (M/L)', '衣料品', 4990, 'パジャマ'),
  m('HM-1033', 'らくらくウォーキングシューズ', '衣料品', 6990, 'ウォーキングシューズ'),
  m('HM-1034', '軽量ダウンベスト', '衣料品', 7990, 'ダウンベスト'),
  m('HM-1035', 'シルク混あったか腹巻き', '衣料品', 1980, '腹巻き'),
];

/** Plain DemoProduct rows for the dataset (no internal attributes). */
export function toDemoProduct(p: DemoProduct): DemoProduct {
  return { sku: p.sku, name: p.name, category: p.category, priceJpy: p.priceJpy };
}
