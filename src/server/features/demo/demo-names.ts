/**
 * Japanese name tables for the demo data: family and given names in kanji with katakana readings,
 * company name parts, and a small katakana → romaji (simplified Hepburn) converter for e-mail ids.
 */

export interface NameEntry {
  kanji: string;
  kana: string;
}

/** Generation a given name is typical of: o = born before ~1965, m = 1965–1995, y = after 1995. */
export type NameEra = 'o' | 'm' | 'y';

export interface GivenName extends NameEntry {
  era: NameEra;
}

/** Common family names, roughly in order of frequency (the generator weights by position). */
export const FAMILY_NAMES: readonly NameEntry[] = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト'],
  ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['斎藤', 'サイトウ'], ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'], ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'],
  ['石川', 'イシカワ'], ['山下', 'ヤマシタ'], ['中島', 'ナカジマ'], ['石井', 'イシイ'], ['小川', 'オガワ'],
  ['前田', 'マエダ'], ['岡田', 'オカダ'], ['長谷川', 'ハセガワ'], ['藤田', 'フジタ'], ['後藤', 'ゴトウ'],
  ['近藤', 'コンドウ'], ['村上', 'ムラカミ'], ['遠藤', 'エンドウ'], ['青木', 'アオキ'], ['坂本', 'サカモト'],
  ['斉藤', 'サイトウ'], ['福田', 'フクダ'], ['太田', 'オオタ'], ['西村', 'ニシムラ'], ['藤井', 'フジイ'],
  ['金子', 'カネコ'], ['岡本', 'オカモト'], ['藤原', 'フジワラ'], ['中野', 'ナカノ'], ['三浦', 'ミウラ'],
  ['原田', 'ハラダ'], ['中川', 'ナカガワ'], ['松田', 'マツダ'], ['竹内', 'タケウチ'], ['小野', 'オノ'],
  ['田村', 'タムラ'], ['中山', 'ナカヤマ'], ['和田', 'ワダ'], ['石田', 'イシダ'], ['森田', 'モリタ'],
  ['上田', 'ウエダ'], ['原', 'ハラ'], ['内田', 'ウチダ'], ['柴田', 'シバタ'], ['酒井', 'サカイ'],
  ['工藤', 'クドウ'], ['横山', 'ヨコヤマ'], ['宮崎', 'ミヤザキ'], ['宮本', 'ミヤモト'], ['内藤', 'ナイトウ'],
  ['高木', 'タカギ'], ['安藤', 'アンドウ'], ['谷口', 'タニグチ'], ['大野', 'オオノ'], ['丸山', 'マルヤマ'],
  ['今井', 'イマイ'], ['高田', 'タカダ'], ['藤本', 'フジモト'], ['武田', 'タケダ'], ['村田', 'ムラタ'],
  ['上野', 'ウエノ'], ['杉山', 'スギヤマ'], ['増田', 'マスダ'], ['小山', 'コヤマ'], ['大塚', 'オオツカ'],
  ['平野', 'ヒラノ'], ['菅原', 'スガワラ'], ['久保', 'クボ'], ['松井', 'マツイ'], ['千葉', 'チバ'],
  ['岩崎', 'イワサキ'], ['桜井', 'サクライ'], ['野口', 'ノグチ'], ['松尾', 'マツオ'], ['木下', 'キノシタ'],
  ['野村', 'ノムラ'], ['新井', 'アライ'], ['菊地', 'キクチ'], ['佐野', 'サノ'], ['大西', 'オオニシ'],
  ['杉本', 'スギモト'], ['新田', 'ニッタ'], ['服部', 'ハットリ'], ['比嘉', 'ヒガ'], ['堀', 'ホリ'],
].map(([kanji, kana]) => ({ kanji: kanji as string, kana: kana as string }));

function given(era: NameEra, list: string): GivenName[] {
  return list
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [kanji, kana] = pair.split(':');
      if (!kanji || !kana) throw new Error(`bad name entry ${pair}`);
      return { kanji, kana, era };
    });
}

export const FEMALE_NAMES: readonly GivenName[] = [
  ...given('o', '幸子:サチコ 和子:カズコ 節子:セツコ 洋子:ヨウコ 恵子:ケイコ 京子:キョウコ 順子:ジュンコ 典子:ノリコ 久美子:クミコ 美智子:ミチコ 弘子:ヒロコ 悦子:エツコ 文子:フミコ 静江:シズエ'),
  ...given('m', '由美子:ユミコ 真由美:マユミ 明美:アケミ 智子:トモコ 裕子:ユウコ 直美:ナオミ 陽子:ヨウコ 美穂:ミホ 恵:メグミ 香織:カオリ 沙織:サオリ 由佳:ユカ 理恵:リエ 真理子:マリコ 亜希子:アキコ 美香:ミカ 絵里:エリ 里美:サトミ 麻衣:マイ 愛:アイ 彩:アヤ 千尋:チヒロ 花子:ハナコ'),
  ...given('y', '美咲:ミサキ 陽菜:ヒナ 結衣:ユイ 葵:アオイ 七海:ナナミ さくら:サクラ 遥:ハルカ 杏奈:アンナ 千夏:チナツ 舞:マイ 奈々:ナナ 優花:ユウカ 彩花:アヤカ 菜摘:ナツミ'),
];

export const MALE_NAMES: readonly GivenName[] = [
  ...given('o', '清:キヨシ 実:ミノル 勝:マサル 進:ススム 茂:シゲル 博:ヒロシ 修:オサム 武:タケシ 孝:タカシ 正夫:マサオ 和夫:カズオ 一郎:イチロウ 昭:アキラ 稔:ミノル 義男:ヨシオ'),
  ...given('m', '浩:ヒロシ 隆:タカシ 誠:マコト 聡:サトシ 剛:ツヨシ 健一:ケンイチ 太郎:タロウ 大輔:ダイスケ 直樹:ナオキ 和也:カズヤ 達也:タツヤ 哲也:テツヤ 雄一:ユウイチ 裕介:ユウスケ 健二:ケンジ 正人:マサト 秀樹:ヒデキ 学:マナブ 康弘:ヤスヒロ 英明:ヒデアキ 浩二:コウジ 信也:シンヤ 拓也:タクヤ 健太:ケンタ'),
  ...given('y', '翔太:ショウタ 亮:リョウ 翔:ショウ 蓮:レン 大翔:ヒロト 悠斗:ユウト 陽太:ヨウタ 湊:ミナト 一輝:カズキ 俊介:シュンスケ 涼:リョウ 慎太郎:シンタロウ 颯太:ソウタ 拓海:タクミ 大和:ヤマト'),
];

/** Legal-form designators; `prefix` is how often the designator precedes the name (前株). */
export const COMPANY_FORMS: readonly (NameEntry & { prefix: number; weight: number })[] = [
  { kanji: '株式会社', kana: 'カブシキガイシャ', prefix: 0.6, weight: 70 },
  { kanji: '有限会社', kana: 'ユウゲンガイシャ', prefix: 0.8, weight: 20 },
  { kanji: '合同会社', kana: 'ゴウドウガイシャ', prefix: 0.5, weight: 10 },
];

export const COMPANY_CORES: readonly NameEntry[] = [
  ['ミドリ', 'ミドリ'], ['アオバ', 'アオバ'], ['北斗', 'ホクト'], ['大和', 'ヤマト'], ['旭', 'アサヒ'],
  ['丸福', 'マルフク'], ['東邦', 'トウホウ'], ['三光', 'サンコウ'], ['富士', 'フジ'], ['若葉', 'ワカバ'],
  ['日の出', 'ヒノデ'], ['山一', 'ヤマイチ'], ['栄', 'サカエ'], ['ひかり', 'ヒカリ'], ['中央', 'チュウオウ'],
  ['協和', 'キョウワ'], ['平和', 'ヘイワ'], ['双葉', 'フタバ'], ['千代田', 'チヨダ'], ['サンライズ', 'サンライズ'],
  ['あおぞら', 'アオゾラ'], ['はやて', 'ハヤテ'],
].map(([kanji, kana]) => ({ kanji: kanji as string, kana: kana as string }));

export const COMPANY_BUSINESSES: readonly NameEntry[] = [
  ['工務店', 'コウムテン'], ['商事', 'ショウジ'], ['食堂', 'ショクドウ'], ['不動産', 'フドウサン'], ['運輸', 'ウンユ'],
  ['電設', 'デンセツ'], ['設計事務所', 'セッケイジムショ'], ['産業', 'サンギョウ'], ['物産', 'ブッサン'], ['建設', 'ケンセツ'],
  ['企画', 'キカク'], ['精機', 'セイキ'], ['印刷', 'インサツ'], ['製菓', 'セイカ'], ['ケアサービス', 'ケアサービス'],
  ['薬局', 'ヤッキョク'], ['美容室', 'ビヨウシツ'], ['歯科', 'シカ'],
].map(([kanji, kana]) => ({ kanji: kanji as string, kana: kana as string }));

const BASE: Record<string, string> = {
  ア: 'a', イ: 'i', ウ: 'u', エ: 'e', オ: 'o',
  カ: 'ka', キ: 'ki', ク: 'ku', ケ: 'ke', コ: 'ko',
  サ: 'sa', シ: 'shi', ス: 'su', セ: 'se', ソ: 'so',
  タ: 'ta', チ: 'chi', ツ: 'tsu', テ: 'te', ト: 'to',
  ナ: 'na', ニ: 'ni', ヌ: 'nu', ネ: 'ne', ノ: 'no',
  ハ: 'ha', ヒ: 'hi', フ: 'fu', ヘ: 'he', ホ: 'ho',
  マ: 'ma', ミ: 'mi', ム: 'mu', メ: 'me', モ: 'mo',
  ヤ: 'ya', ユ: 'yu', ヨ: 'yo',
  ラ: 'ra', リ: 'ri', ル: 'ru', レ: 're', ロ: 'ro',
  ワ: 'wa', ヲ: 'o', ン: 'n',
  ガ: 'ga', ギ: 'gi', グ: 'gu', ゲ: 'ge', ゴ: 'go',
  ザ: 'za', ジ: 'ji', ズ: 'zu', ゼ: 'ze', ゾ: 'zo',
  ダ: 'da', ヂ: 'ji', ヅ: 'zu', デ: 'de', ド: 'do',
  バ: 'ba', ビ: 'bi', ブ: 'bu', ベ: 'be', ボ: 'bo',
  パ: 'pa', ピ: 'pi', プ: 'pu', ペ: 'pe', ポ: 'po',
  ヴ: 'vu', ァ: 'a', ィ: 'i', ゥ: 'u', ェ: 'e', ォ: 'o',
};
const SMALL_Y: Record<string, string> = { ャ: 'a', ュ: 'u', ョ: 'o' };

/**
 * Katakana or hiragana → lowercase romaji in the simplified Hepburn people use in e-mail addresses
 * (long vowels collapsed: サトウ → sato, イチロウ → ichiro, オオタ → ota). Other characters are dropped.
 */
export function kanaToRomaji(kana: string): string {
  const chars = [...kana].map((c) => {
    const code = c.charCodeAt(0);
    return code >= 0x3041 && code <= 0x3096 ? String.fromCharCode(code + 0x60) : c;
  });
  let out = '';
  let geminate = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === 'ッ') {
      geminate = true;
      continue;
    }
    let syllable = BASE[c];
    if (syllable === undefined) {
      geminate = false;
      continue; // ー, spaces, punctuation
    }
    const following = chars[i + 1];
    const yVowel = following === undefined ? undefined : SMALL_Y[following];
    if (yVowel !== undefined && syllable.endsWith('i') && syllable.length > 1) {
      const stem = syllable.slice(0, -1);
      syllable = /(sh|ch|j)$/.test(stem) ? stem + yVowel : `${stem}y${yVowel}`;
      i++;
    }
    if (geminate) {
      out += syllable.startsWith('ch') ? 't' : (syllable[0] ?? '');
      geminate = false;
    }
    out += syllable;
  }
  return out.replace(/ou(?![aiueo])/g, 'o').replace(/oo(?![aiueo])/g, 'o').replace(/uu(?![aiueo])/g, 'u');
}
