import { normalizeSerial } from '../../../core/text-ja/serial.util.js';
import { normalizeContact } from './customer.service.js';
import { createCustomerBody, type CreateCustomerInput } from './customer.schemas.js';
import type { ImportRowError } from './customer-import.schemas.js';
import { CustomerImportFileError } from './customer-import.errors.js';

type Field =
  | 'externalRef' | 'kind' | 'name' | 'nameKana' | 'companyName' | 'phone' | 'phone2' | 'mobile' | 'email' | 'postalCode'
  | 'prefecture' | 'address' | 'ageGroup' | 'gender' | 'consentMarketing' | 'vip' | 'notes' | 'sku' | 'serial' | 'purchasedOn';

/** Header names accepted for each field, compared after headerKey() folding (width, case, spaces, _ - ・ brackets). */
export const IMPORT_COLUMNS: Record<Field, readonly string[]> = {
  externalRef: ['顧客番号', '会員番号', '顧客ID', '顧客コード', 'お客様番号', 'external_ref', 'customer_no', 'customer_number', 'member_no'],
  kind: ['種別', '顧客種別', '個人法人', 'kind'],
  name: ['氏名', '名前', 'お名前', '顧客名', 'name', 'full_name'],
  nameKana: ['フリガナ', 'ふりがな', 'カナ', '氏名カナ', '氏名フリガナ', 'カナ氏名', 'name_kana', 'kana', 'furigana'],
  companyName: ['会社名', '法人名', '企業名', 'company', 'company_name'],
  phone: ['電話番号', '電話', '電話番号1', 'TEL', '固定電話', 'phone', 'phone1', 'tel1'],
  phone2: ['電話番号2', '電話2', 'TEL2', 'phone2'],
  mobile: ['携帯', '携帯電話', '携帯番号', '携帯電話番号', 'mobile', 'cell'],
  email: ['メール', 'メールアドレス', 'Eメール', 'PCメール', '携帯メール', 'メール2', 'email', 'email2', 'mail', 'email_address'],
  postalCode: ['郵便番号', '〒', 'postal_code', 'zip', 'zipcode', 'postcode'],
  prefecture: ['都道府県', 'prefecture'],
  address: ['住所', 'address'],
  ageGroup: ['年代', '年齢層', 'age_group'],
  gender: ['性別', 'gender', 'sex'],
  consentMarketing: ['DM可', 'DM可否', 'DM送付可', 'DM', 'consent', 'consent_marketing'],
  vip: ['VIP', '優良顧客', 'VIP顧客', 'VIPフラグ', '優良顧客フラグ', 'is_vip', 'vip_flag'],
  notes: ['備考', 'メモ', 'notes', 'note', 'remarks', 'memo'],
  sku: ['製品コード', '商品コード', '品番', 'sku', 'product_code'],
  serial: ['製造番号', 'シリアル番号', 'シリアル', 'serial', 'serial_number', 'serial_no'],
  purchasedOn: ['購入日', 'purchased_on', 'purchase_date'],
};
/** Fields that may appear in several columns (電話番号 + 携帯, PCメール + 携帯メール). */
const MULTI_FIELDS = new Set<Field>(['phone', 'phone2', 'mobile', 'email']);

const headerKey = (h: string) => h.normalize('NFKC').toLowerCase().replace(/[\s_\-\u2010-\u2015\u30fb・.:()[\]【】「」<>*※]/g, '');
// "氏名（必須）", "電話番号[半角]": the bracketed note is not part of the name.
const withoutNote = (h: string) => h.normalize('NFKC').replace(/[(（[【<＜][^)）\]】>＞]*[)）\]】>＞]/g, '');

const aliasIndex = new Map<string, Field>();
for (const [field, names] of Object.entries(IMPORT_COLUMNS) as [Field, readonly string[]][]) {
  for (const n of names) aliasIndex.set(headerKey(n), field);
}

interface Column { index: number; header: string }
export interface ColumnMap {
  fields: Map<Field, Column[]>;
  ignored: string[];
}

export function mapImportColumns(header: string[]): ColumnMap {
  const fields = new Map<Field, Column[]>();
  const ignored: string[] = [];
  header.forEach((raw, index) => {
    const h = raw.trim();
    if (h === '') return;
    const field = aliasIndex.get(headerKey(h)) ?? aliasIndex.get(headerKey(withoutNote(h)));
    if (!field) {
      ignored.push(h);
      return;
    }
    const list = fields.get(field) ?? [];
    if (list.length > 0 && !MULTI_FIELDS.has(field)) {
      throw new CustomerImportFileError('duplicate_columns', `Columns "${list[0]!.header}" and "${h}" both mean ${field}; keep one of them`, 1);
    }
    fields.set(field, [...list, { index, header: h }]);
  });
  if (!fields.has('name') && !fields.has('companyName')) {
    const found = header.map((h) => h.trim()).filter(Boolean);
    throw new CustomerImportFileError('missing_columns',
      `The header (line 1) has no name column: add 氏名 (or 名前, name) or 会社名. Columns found: ${found.length ? found.join(', ') : '(none)'}`, 1);
  }
  return { fields, ignored };
}

/** The column a service error's path (`name`, `phones.1`, `email`) points at in this record: for contacts, the nth filled one. */
export function columnOfPath(columns: ColumnMap, cells: string[], path: string): string | null {
  const [head, index] = path.split('.');
  if (head === 'phones' || head === 'emails' || head === 'phone' || head === 'email') {
    const cols = head.startsWith('phone') ? (['phone', 'phone2', 'mobile'] as const) : (['email'] as const);
    const filled = cols.flatMap((f) => (columns.fields.get(f) ?? []).filter((c) => (cells[c.index] ?? '').trim() !== ''));
    return filled[index === undefined ? 0 : Number(index)]?.header ?? null;
  }
  return columns.fields.get(head as Field)?.[0]?.header ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Rows

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase();
const GENDER_VALUES: Record<string, 'male' | 'female' | 'other' | null> = {
  男性: 'male', 男: 'male', male: 'male', m: 'male', 女性: 'female', 女: 'female', female: 'female', f: 'female',
  その他: 'other', other: 'other', 不明: null, 未回答: null, 無回答: null, 回答しない: null, unknown: null, '-': null,
};
const CONSENT_VALUES: Record<string, boolean> = Object.fromEntries([
  ...['1', 'はい', 'true', 'yes', 'y', '可', '○', '〇', '◯', '有', 'あり', 'する', 'ok'].map((k) => [k, true]),
  ...['0', 'いいえ', 'false', 'no', 'n', '不可', '×', '✕', 'x', '無', 'なし', 'しない', 'ng'].map((k) => [k, false]),
]);
/** An optional flag column: an empty cell says nothing (a merge keeps what is recorded). */
const VIP_VALUES: Record<string, boolean> = Object.fromEntries([
  ...['1', 'はい', 'true', 'yes', 'y', '○', '〇', '◯', 'vip', '優良'].map((k) => [k, true]),
  ...['0', 'いいえ', 'false', 'no', 'n', '×', '✕', 'x', '-'].map((k) => [k, false]),
]);
const KIND_VALUES: Record<string, 'person' | 'company'> = { 個人: 'person', person: 'person', 法人: 'company', 企業: 'company', company: 'company' };

/** 〒, full-width digits, any dash; Excel drops the leading zeros of Hokkaido codes (060-0001 → 600001). */
function normalizePostalCode(raw: string): string {
  const s = raw.normalize('NFKC').replace(/^〒/, '').replace(/[\s\u2010-\u2015\u2212\u30fc]/g, (c) => (/\s/.test(c) ? '' : '-'));
  return /^\d{5,6}$/.test(s) ? s.padStart(7, '0') : s;
}

/** 2024-04-01, 2024/4/1, 2024.4.1, 2024年4月1日, 20240401 → ISO date; null when it is none of them. */
export function parseImportDate(raw: string): string | null {
  const s = raw.normalize('NFKC').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

interface RowContact { kind: 'phone' | 'email'; value: string; label: string | null; column: string; raw: string }
export interface ParsedRow {
  line: number;
  input: CreateCustomerInput;
  contacts: RowContact[];
  product: { sku: string; column: string; serial: string | null; serialColumn: string | null; purchasedOn: string | null } | null;
}

/** One CSV record → the createCustomer shape, validated by its own schema; every problem named by column. */
export function parseRow(cells: string[], line: number, columns: ColumnMap): { ok: true; row: ParsedRow } | { ok: false; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const fail = (column: string | null, message: string, value?: string) => errors.push({ row: line, column, message, ...(value !== undefined && value !== '' ? { value } : {}) });
  const cellsOf = (f: Field) => (columns.fields.get(f) ?? []).map((c) => ({ column: c.header, value: (cells[c.index] ?? '').trim() })).filter((c) => c.value !== '');
  const one = (f: Field) => cellsOf(f)[0];
  const text = (f: Field) => one(f)?.value;
  const columnOf = (f: Field) => columns.fields.get(f)?.[0]?.header ?? null;

  const mapped = <T>(f: Field, table: Record<string, T>, expected: string): T | undefined => {
    const c = one(f);
    if (!c) return undefined;
    const key = fold(c.value);
    if (key in table) return table[key];
    fail(c.column, `${c.column} must be ${expected}`, c.value);
    return undefined;
  };
  const gender = mapped('gender', GENDER_VALUES, '男性, 女性 or その他 (male, female, other)');
  const consentMarketing = mapped('consentMarketing', CONSENT_VALUES, '1 or 0 (はい/いいえ, true/false)');
  const vip = mapped('vip', VIP_VALUES, '1 or 0 (はい/いいえ, true/false, yes/no)');
  let kind = mapped('kind', KIND_VALUES, '個人 or 法人 (person, company)');

  let name = text('name');
  const companyName = text('companyName');
  // A company-only row (法人顧客) is named after the company.
  if (name === undefined && companyName !== undefined) {
    name = companyName;
    kind ??= 'company';
  }
  const phoneCells = (['phone', 'phone2', 'mobile'] as const).flatMap((f) => cellsOf(f).map((c) => ({ ...c, label: f === 'mobile' ? '携帯' : null })));
  const emailCells = cellsOf('email');
  const postal = one('postalCode');
  const candidate = {
    kind, name: name ?? '', nameKana: text('nameKana')?.normalize('NFKC'), companyName, gender, ageGroup: text('ageGroup'),
    prefecture: text('prefecture')?.normalize('NFKC'), postalCode: postal ? normalizePostalCode(postal.value) : undefined,
    address: text('address'), notes: text('notes'), consentMarketing, vip, externalRef: text('externalRef')?.normalize('NFKC'),
    phones: phoneCells.map((c) => ({ value: c.value, label: c.label })),
    emails: emailCells.map((c) => ({ value: c.value })),
  };
  const parsed = createCustomerBody.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path;
      const contactCell = head === 'phones' ? phoneCells[Number(index)] : head === 'emails' ? emailCells[Number(index)] : undefined;
      if (contactCell) {
        fail(contactCell.column, issue.message, contactCell.value);
        continue;
      }
      const field = (head === 'name' && !columns.fields.has('name') ? 'companyName' : head) as Field;
      const column = columnOf(field);
      fail(column, issue.message, column ? one(field)?.value : undefined);
    }
  }

  const contacts: RowContact[] = [];
  for (const [kind, list] of [['phone', phoneCells], ['email', emailCells]] as const) {
    for (const c of list) {
      const r = normalizeContact(kind, c.value);
      if (!r.ok) {
        if (!errors.some((e) => e.column === c.column && e.value === c.value)) fail(c.column, r.message, c.value);
      } else if (!contacts.some((x) => x.kind === kind && x.value === r.value)) {
        contacts.push({ kind, value: r.value, label: 'label' in c ? c.label : null, column: c.column, raw: c.value });
      }
    }
  }

  let product: ParsedRow['product'] = null;
  const sku = one('sku');
  const serial = one('serial');
  const purchased = one('purchasedOn');
  if (sku) {
    const purchasedOn = purchased ? parseImportDate(purchased.value) : null;
    if (purchased && !purchasedOn) fail(purchased.column, `${purchased.column} must be a date like 2024-04-01 or 2024/4/1`, purchased.value);
    if (serial && normalizeSerial(serial.value) === '') fail(serial.column, `${serial.column} has no letters or digits`, serial.value);
    product = { sku: sku.value.normalize('NFKC'), column: sku.column, serial: serial?.value ?? null, serialColumn: serial?.column ?? null, purchasedOn };
  } else if (serial || purchased) {
    const c = (serial ?? purchased)!;
    fail(c.column, `${c.column} needs the product code in ${columnOf('sku') ?? '製品コード'}`, c.value);
  }

  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, row: { line, input: parsed.data, contacts, product } };
}
