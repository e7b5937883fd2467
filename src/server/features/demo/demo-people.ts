/**
 * Customer identities: names with readings, addresses, phone numbers and e-mail addresses that are
 * valid, realistic and unique.
 */
import type { Rng } from './demo-random.js';
import { BUILDING_NAMES, GENERIC_TOWNS, PREFECTURES, type DemoCity, type DemoPrefecture } from './demo-geo.js';
import {
  COMPANY_BUSINESSES, COMPANY_CORES, COMPANY_FORMS, FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES,
  kanaToRomaji, type GivenName, type NameEra,
} from './demo-names.js';
import type { DemoCustomer } from './demo-types.js';

/** Values already used (phones as digits, e-mails lowercased, serials), so generated ones stay unique. */
export interface UniqueRegistry {
  phones: Set<string>;
  emails: Set<string>;
  serials: Set<string>;
  companies: Set<string>;
}

export function createRegistry(): UniqueRegistry {
  return { phones: new Set(), emails: new Set(), serials: new Set(), companies: new Set() };
}

export const AGE_GROUPS = ['20代', '30代', '40代', '50代', '60代', '70代以上'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export interface Identity {
  kind: DemoCustomer['kind'];
  name: string;
  nameKana: string;
  companyName: string | null;
  gender: DemoCustomer['gender'];
  ageGroup: AgeGroup | null;
  prefecture: string;
  city: DemoCity;
  postalCode: string;
  address: string;
  phones: DemoCustomer['phones'];
  emails: DemoCustomer['emails'];
  consentMarketing: boolean;
  /** 0 (young) … 1 (old): drives channel preferences such as postcards and FAX */
  seniority: number;
}

const FAMILY_WEIGHTED = FAMILY_NAMES.map((n, i) => [n, 1 / (i + 8)] as const);
const PREFECTURE_WEIGHTED = PREFECTURES.map((p) => [p, p.pop] as const);
const FORM_WEIGHTED = COMPANY_FORMS.map((f) => [f, f.weight] as const);

function pickPrefecture(rng: Rng): DemoPrefecture {
  return rng.weighted(PREFECTURE_WEIGHTED);
}

function eraFor(rng: Rng, age: AgeGroup | null): NameEra {
  switch (age) {
    case '20代': return 'y';
    case '30代': return rng.chance(0.6) ? 'y' : 'm';
    case '40代': case '50代': return 'm';
    case '60代': return rng.chance(0.6) ? 'o' : 'm';
    case '70代以上': return 'o';
    default: return rng.pick(['y', 'm', 'o'] as const);
  }
}

function pickGiven(rng: Rng, list: readonly GivenName[], era: NameEra): GivenName {
  const fitting = list.filter((n) => n.era === era);
  return rng.pick(fitting.length > 0 && rng.chance(0.9) ? fitting : list);
}

export function formatPostal(rng: Rng, city: DemoCity): string {
  const rest = rng.chance(0.8) ? `00${String(rng.int(1, 99)).padStart(2, '0')}` : `0${String(rng.int(100, 999))}`;
  return `${city.postal}-${rest}`;
}

export function formatAddress(rng: Rng, city: DemoCity): string {
  const town = rng.pick(city.towns ?? GENERIC_TOWNS);
  const chome = rng.int(1, 6);
  let address = `${city.name}${town}${chome}丁目${rng.int(1, 30)}-${rng.int(1, 25)}`;
  if (rng.chance(0.35)) address += ` ${rng.pick(BUILDING_NAMES)}${rng.int(1, 9)}0${rng.int(1, 9)}`;
  return address;
}

type PhoneStyle = 'hyphen' | 'plain' | 'parenMid' | 'parenArea';

/** Writes a 10/11-digit number the way people do: 090-1234-5678, 09012345678, 03(1234)5678, (052)123-4567. */
export function formatPhone(digits: string, areaLength: number, style: PhoneStyle): string {
  const area = digits.slice(0, areaLength);
  const exchange = digits.slice(areaLength, digits.length - 4);
  const line = digits.slice(-4);
  switch (style) {
    case 'plain': return digits;
    case 'parenMid': return `${area}(${exchange})${line}`;
    case 'parenArea': return `(${area})${exchange}-${line}`;
    default: return `${area}-${exchange}-${line}`;
  }
}

function uniqueDigits(reg: UniqueRegistry, make: () => string): string {
  for (;;) {
    const d = make();
    if (!reg.phones.has(d)) {
      reg.phones.add(d);
      return d;
    }
  }
}

export function mobilePhone(rng: Rng, reg: UniqueRegistry): string {
  const digits = uniqueDigits(reg, () => `${rng.weighted([['090', 50], ['080', 35], ['070', 15]] as const)}${rng.int(1, 9)}${rng.digits(7)}`);
  return formatPhone(digits, 3, rng.weighted([['hyphen', 65], ['plain', 30], ['parenMid', 5]] as const));
}

export function landlinePhone(rng: Rng, reg: UniqueRegistry, city: DemoCity): string {
  const subscriberLength = 10 - city.area.length;
  const digits = uniqueDigits(reg, () => {
    const first = city.exchange ? rng.pick(city.exchange) : String(rng.int(2, 9));
    return `${city.area}${first}${rng.digits(subscriberLength - 1)}`;
  });
  return formatPhone(digits, city.area.length, rng.weighted([['hyphen', 55], ['plain', 20], ['parenMid', 15], ['parenArea', 10]] as const));
}

export function uniqueEmail(rng: Rng, reg: UniqueRegistry, local: string, domain: string): string {
  let candidate = `${local}@${domain}`.toLowerCase();
  while (reg.emails.has(candidate)) candidate = `${local}${rng.digits(3)}@${domain}`.toLowerCase();
  reg.emails.add(candidate);
  return candidate;
}

const PERSONAL_DOMAINS = [['example.jp', 50], ['example.com', 35], ['example.co.jp', 15]] as const;

function personEmailLocal(rng: Rng, given: string, family: string): string {
  const g = given;
  const f = family;
  switch (rng.int(0, 5)) {
    case 0: return `${g}.${f}`;
    case 1: return `${g[0] ?? ''}.${f}${rng.int(1, 999)}`;
    case 2: return `${f}.${g}${rng.int(60, 99)}`;
    case 3: return `${f}${g[0] ?? ''}${String(rng.int(1, 99)).padStart(2, '0')}`;
    case 4: return `${g}_${f[0] ?? ''}${rng.int(100, 999)}`;
    default: return `${g}${f}`;
  }
}

function pickAge(rng: Rng): AgeGroup {
  return rng.weighted([['20代', 10], ['30代', 16], ['40代', 21], ['50代', 20], ['60代', 17], ['70代以上', 16]] as const);
}

function seniorityOf(age: AgeGroup | null): number {
  return age === null ? 0.4 : AGE_GROUPS.indexOf(age) / (AGE_GROUPS.length - 1);
}

export function personIdentity(rng: Rng, reg: UniqueRegistry): Identity {
  const pref = pickPrefecture(rng);
  const city = rng.pick(pref.cities);
  const ageGroup = rng.chance(0.93) ? pickAge(rng) : null;
  const gender = rng.weighted([['female', 54], ['male', 42], ['other', 1], [null, 3]] as const);
  const era = eraFor(rng, ageGroup);
  const family = rng.weighted(FAMILY_WEIGHTED);
  const givenList = gender === 'female' ? FEMALE_NAMES : gender === 'male' ? MALE_NAMES : rng.chance(0.5) ? FEMALE_NAMES : MALE_NAMES;
  const given = pickGiven(rng, givenList, era);
  const seniority = seniorityOf(ageGroup);

  const phones: Identity['phones'] = [];
  const hasMobile = rng.chance(0.97 - seniority * 0.15);
  if (hasMobile) phones.push({ value: mobilePhone(rng, reg), label: '携帯' });
  if (!hasMobile || rng.chance(0.05 + seniority * 0.6)) phones.push({ value: landlinePhone(rng, reg, city), label: '自宅' });
  if (rng.chance(0.05)) phones.push({ value: landlinePhone(rng, reg, city), label: '勤務先' });

  const emails: Identity['emails'] = [];
  const gRoman = kanaToRomaji(given.kana);
  const fRoman = kanaToRomaji(family.kana);
  if (rng.chance(0.92 - seniority * 0.45)) {
    emails.push({ value: uniqueEmail(rng, reg, personEmailLocal(rng, gRoman, fRoman), rng.weighted(PERSONAL_DOMAINS)), label: '個人' });
    if (rng.chance(0.1)) emails.push({ value: uniqueEmail(rng, reg, `${gRoman}.${fRoman}`, 'example.co.jp'), label: '勤務先' });
  }
  return {
    kind: 'person',
    name: `${family.kanji} ${given.kanji}`,
    nameKana: `${family.kana} ${given.kana}`,
    companyName: null,
    gender,
    ageGroup,
    prefecture: pref.name,
    city,
    postalCode: formatPostal(rng, city),
    address: formatAddress(rng, city),
    phones,
    emails,
    consentMarketing: rng.chance(0.4),
    seniority,
  };
}

export function companyIdentity(rng: Rng, reg: UniqueRegistry): Identity {
  const pref = pickPrefecture(rng);
  const city = rng.pick(pref.cities);
  let name = '';
  let kana = '';
  let roman = '';
  for (let attempt = 0; attempt < 30; attempt++) {
    const form = rng.weighted(FORM_WEIGHTED);
    const core = rng.pick(COMPANY_CORES);
    const business = rng.pick(COMPANY_BUSINESSES);
    const prefix = rng.chance(form.prefix);
    name = prefix ? `${form.kanji}${core.kanji}${business.kanji}` : `${core.kanji}${business.kanji}${form.kanji}`;
    kana = prefix ? `${form.kana} ${core.kana}${business.kana}` : `${core.kana}${business.kana} ${form.kana}`;
    roman = `${kanaToRomaji(core.kana)}-${kanaToRomaji(business.kana)}`;
    if (!reg.companies.has(name)) break;
  }
  reg.companies.add(name);
  const phones: Identity['phones'] = [{ value: landlinePhone(rng, reg, city), label: '代表' }];
  if (rng.chance(0.4)) phones.push({ value: mobilePhone(rng, reg), label: '担当者携帯' });
  const emails: Identity['emails'] = [];
  if (rng.chance(0.85)) emails.push({ value: uniqueEmail(rng, reg, `info.${roman}`, 'example.co.jp'), label: '代表' });
  if (rng.chance(0.3)) {
    const contact = rng.weighted(FAMILY_WEIGHTED);
    emails.push({ value: uniqueEmail(rng, reg, `${kanaToRomaji(contact.kana)}.${roman}`, 'example.co.jp'), label: '担当者' });
  }
  return {
    kind: 'company',
    name,
    nameKana: kana,
    companyName: name,
    gender: null,
    ageGroup: null,
    prefecture: pref.name,
    city,
    postalCode: formatPostal(rng, city),
    address: formatAddress(rng, city),
    phones,
    emails,
    consentMarketing: rng.chance(0.3),
    seniority: 0.4,
  };
}
