import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { parse, type CsvError } from 'csv-parse/sync';
import { normalizeSerial } from '../../../core/text-ja/serial.util.js';
import { AppError, type FieldError } from '../../platform/app-error.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { displayContact, normalizeContact, planCustomerMerge, type CustomerService, type MergeCandidate } from './customer.service.js';
import { createCustomerBody, type CreateCustomerInput, type CustomerDto } from './customer.schemas.js';
import {
  IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type CustomerImportReport, type ImportEncoding, type ImportRowError,
} from './customer-import.schemas.js';

export type DecodedEncoding = 'utf-8' | 'shift_jis';

export type ImportFileProblem = 'encoding_unreadable' | 'file_too_large' | 'too_many_rows' | 'empty_file' | 'missing_columns' | 'duplicate_columns';

/**
 * The whole file cannot be imported (unreadable bytes, too big, no usable header). `problem` is the stable
 * code clients see in the problem+json body; row-level trouble never raises this, it goes into the report.
 */
export class CustomerImportFileError extends AppError {
  constructor(readonly problem: ImportFileProblem, message: string, readonly line: number | null = null) {
    super(problem === 'file_too_large' || problem === 'too_many_rows' ? 'payload_too_large' : 'bad_request', message,
      [{ path: line === null ? 'file' : `line ${line}`, message }]);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Decoding

const lineAt = (text: string, index: number) => text.slice(0, index).split(/\r\n|\r|\n/).length;

/**
 * Bytes → text. Excel saves "CSV" as CP932 (Microsoft's Shift_JIS: ①, 髙 and NEC/IBM extensions) and
 * "CSV UTF-8" with a BOM. Auto: BOM → UTF-8; bytes that are valid UTF-8 → UTF-8 (Shift_JIS Japanese text is
 * practically never valid UTF-8); otherwise CP932. Replacement characters left after decoding mean the guess
 * (or the caller's choice) was wrong: refuse rather than store mojibake.
 */
export function decodeCsvBytes(data: Buffer, encoding: ImportEncoding): { text: string; encoding: DecodedEncoding } {
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) {
    throw new CustomerImportFileError('encoding_unreadable', 'The file is UTF-16 (Excel "Unicode text"); save it as "CSV UTF-8" or "CSV" instead', 1);
  }
  const hasBom = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
  const chosen: DecodedEncoding = encoding === 'auto' ? (hasBom || isUtf8(data) ? 'utf-8' : 'shift_jis') : encoding;
  // iconv-lite strips a UTF-8 BOM and turns undecodable bytes into U+FFFD.
  const text = chosen === 'utf-8' ? iconv.decode(data, 'utf-8') : iconv.decode(data, 'cp932');
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    throw new CustomerImportFileError('encoding_unreadable',
      `Line ${lineAt(text, nul)} contains binary data (NUL bytes): this is not a CSV text file (an .xlsx workbook?). Save it from Excel as "CSV UTF-8" or "CSV"`, lineAt(text, nul));
  }
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const line = lineAt(text, bad);
    const what = encoding !== 'auto' ? `not valid ${chosen === 'utf-8' ? 'UTF-8' : 'Shift_JIS (CP932)'}`
      : hasBom ? 'not valid UTF-8 although it starts with a UTF-8 byte order mark' : 'neither UTF-8 nor Shift_JIS (CP932)';
    throw new CustomerImportFileError('encoding_unreadable',
      `The file is ${what}: line ${line} contains bytes that cannot be read. Save it again from Excel as "CSV UTF-8" or "CSV", or choose the right encoding`, line);
  }
  return { text, encoding: chosen };
}

// ---------------------------------------------------------------------------------------------------------
// Columns

type Field =
  | 'externalRef' | 'kind' | 'name' | 'nameKana' | 'companyName' | 'phone' | 'phone2' | 'mobile' | 'email' | 'postalCode'
  | 'prefecture' | 'address' | 'ageGroup' | 'gender' | 'consentMarketing' | 'notes' | 'sku' | 'serial' | 'purchasedOn';

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
interface ColumnMap {
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
interface ParsedRow {
  line: number;
  input: CreateCustomerInput;
  contacts: RowContact[];
  product: { sku: string; column: string; serial: string | null; serialColumn: string | null; purchasedOn: string | null } | null;
}

/** One CSV record → the createCustomer shape, validated by its own schema; every problem named by column. */
function parseRow(cells: string[], line: number, columns: ColumnMap): { ok: true; row: ParsedRow } | { ok: false; errors: ImportRowError[] } {
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
    address: text('address'), notes: text('notes'), consentMarketing, externalRef: text('externalRef')?.normalize('NFKC'),
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

interface CsvRow { line: number; cells: string[] }

/** Records with the line each starts on (a quoted field may span lines); all-blank records are not rows. */
function parseCsvText(original: string): { header: string[]; rows: CsvRow[]; syntaxErrors: ImportRowError[] } {
  // csv-parse counts CR and LF of a quoted CRLF as two lines: with LF only, its line numbers are the file's.
  // Line breaks inside quoted cells are stored as LF too.
  const text = original.replace(/\r\n?/g, '\n');
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  // Excel's "Unicode text" and some exports are tab-separated.
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const skipped: { endLine: number; code: string | undefined; message: string }[] = [];
  const records = parse(text, {
    delimiter, info: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      skipped.push({ endLine: (err as { lines?: number } | undefined)?.lines ?? 0, code: err?.code, message: err?.message ?? 'unreadable record' });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  const rows: CsvRow[] = records.map((r) => {
    // raw also holds the blank lines skipped before the record; what remains spans the record's own lines.
    const own = r.raw.replace(/^\n+/, '').replace(/\n$/, '');
    return { line: r.info.lines - (own.match(/\n/g)?.length ?? 0), cells: r.record };
  });
  // A broken record starts on the line after the last good record before it.
  const syntaxErrors: ImportRowError[] = skipped.map((e) => {
    const at = records.reduce((max, r) => (r.info.lines < e.endLine && r.info.lines > max ? r.info.lines : max), 0) + 1;
    return {
      row: at, column: null,
      message: e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `A quoted field opened on line ${at} or later is never closed; the rest of the file could not be read`
        : `CSV syntax error: ${e.message}`,
    };
  });
  const [head, ...data] = rows;
  if (!head) throw new CustomerImportFileError('empty_file', 'The file is empty: expected a header row (氏名, 電話番号, …) and one customer per line', null);
  return { header: head.cells, rows: data.filter((r) => r.cells.some((c) => c.trim() !== '')), syntaxErrors };
}

// ---------------------------------------------------------------------------------------------------------
// The import

/** Rows are looked up and created in chunks: one lookup and one insert per chunk instead of several per row. */
const CHUNK_ROWS = 500;

type Outcome = 'created' | 'updated' | 'unchanged' | ImportRowError[];
interface ProductAdd { productId: string; serial: string | null; purchasedOn: string | null; line: number }

/**
 * One customer as this run knows it. `stored`: in the database (loaded, or created and flushed).
 * `pending`: to be created when the chunk is flushed; rows that repeat it merge into `input` meanwhile.
 * `simulated`: what a dry run would have created.
 */
interface Snapshot {
  customer: CustomerDto;
  state: 'stored' | 'pending' | 'simulated';
  input: CreateCustomerInput | null;
  /** The row that creates a pending customer, then the rows merged into it (they share its fate). */
  lines: number[];
  /** Products owned (ids), loaded lazily for stored customers. */
  products: Set<string> | null;
  productAdds: ProductAdd[];
}

/**
 * What this run knows about the tenant's customers: loaded from the database chunk by chunk and kept up to
 * date with every planned write, so rows that repeat each other merge, and a dry run predicts exactly what a
 * real run would do without writing.
 */
function createLedger() {
  const byId = new Map<string, Snapshot>();
  const byRef = new Map<string, Snapshot>();
  const byContact = new Map<string, Snapshot>();
  const bySerial = new Map<string, Snapshot>();
  const key = (kind: string, value: string) => `${kind}:${value}`;
  const index = (snap: Snapshot, contacts: { kind: string; value: string }[]) => {
    if (snap.customer.externalRef) byRef.set(snap.customer.externalRef, snap);
    for (const c of contacts) byContact.set(key(c.kind, c.value), snap);
  };
  return {
    adopt(c: MergeCandidate) {
      if (byId.has(c.customer.id)) return;
      const snap: Snapshot = { customer: c.customer, state: 'stored', input: null, lines: [], products: null, productAdds: [] };
      byId.set(c.customer.id, snap);
      index(snap, c.contacts);
    },
    add(snap: Snapshot, contacts: { kind: string; value: string }[]) {
      byId.set(snap.customer.id, snap);
      index(snap, contacts);
    },
    /** Records changes of a known customer (fields filled, contacts added). */
    update(snap: Snapshot, customer: CustomerDto, contacts: { kind: string; value: string }[]) {
      if (customer.id !== snap.customer.id) {
        byId.delete(snap.customer.id);
        byId.set(customer.id, snap);
      }
      snap.customer = customer;
      index(snap, contacts);
    },
    /** Forgets a pending customer whose creation failed, so later rows do not merge into it. */
    forget(snap: Snapshot) {
      byId.delete(snap.customer.id);
      for (const m of [byRef, byContact, bySerial]) for (const [k, v] of m) if (v === snap) m.delete(k);
    },
    byRef: (ref: string) => byRef.get(ref),
    ownerOf: (kind: string, value: string) => byContact.get(key(kind, value)),
    serialOwner: (serial: string) => bySerial.get(serial),
    claimSerial: (serial: string, snap: Snapshot) => bySerial.set(serial, snap),
  };
}

export interface ImportCustomersInput {
  data: Buffer;
  encoding: ImportEncoding;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export function createCustomerImportService(deps: { customers: CustomerService; catalog: CatalogService; audit: AuditService }) {
  const { customers, catalog } = deps;

  return {
    /**
     * Imports a client's customer list: good rows are created or merged, bad rows are reported with their
     * line and column. Matching (same tenant only): 顧客番号 (external_ref), else any phone, else any e-mail.
     */
    async importCustomers(ctx: TenantContext, input: ImportCustomersInput): Promise<CustomerImportReport> {
      const dryRun = input.dryRun ?? false;
      if (input.data.length > IMPORT_MAX_BYTES) {
        throw new CustomerImportFileError('file_too_large', `The file is ${(input.data.length / 1024 / 1024).toFixed(1)} MB; the limit is ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into several files`);
      }
      const { text, encoding } = decodeCsvBytes(input.data, input.encoding);
      const { header, rows, syntaxErrors } = parseCsvText(text);
      const columns = mapImportColumns(header);
      if (rows.length > IMPORT_MAX_ROWS) {
        throw new CustomerImportFileError('too_many_rows', `The file has ${rows.length.toLocaleString('en')} rows; the limit is ${IMPORT_MAX_ROWS.toLocaleString('en')}. Split it into several files`);
      }

      const report: CustomerImportReport = {
        totalRows: rows.length + syntaxErrors.length, created: 0, updated: 0, unchanged: 0, failed: syntaxErrors.length,
        errors: [...syntaxErrors], encoding, dryRun, ignoredColumns: columns.ignored,
      };
      const ledger = createLedger();
      const productsBySku = new Map<string, { id: string } | null>();
      let tempIds = 0;

      const productBySku = async (sku: string) => {
        if (!productsBySku.has(sku)) productsBySku.set(sku, await catalog.findProductBySku(ctx, sku));
        return productsBySku.get(sku)!;
      };
      const ownedProductIds = async (snap: Snapshot) => {
        snap.products ??= new Set((await catalog.listOwnedOfLoadedCustomer(ctx, snap.customer.id)).map((o) => o.productId));
        return snap.products;
      };

      /** A service refusal (a contact taken a moment ago, …) becomes this row's error, named by column where possible. */
      const rowErrorsOf = (r: CsvRow, err: AppError): ImportRowError[] => {
        const columnOfPath = (path: string) => {
          const [head, index] = path.split('.');
          if (head === 'phones' || head === 'emails' || head === 'phone' || head === 'email') {
            const cols = head.startsWith('phone') ? (['phone', 'phone2', 'mobile'] as const) : (['email'] as const);
            const filled = cols.flatMap((f) => (columns.fields.get(f) ?? []).filter((c) => (r.cells[c.index] ?? '').trim() !== ''));
            return filled[index === undefined ? 0 : Number(index)]?.header ?? null;
          }
          return columns.fields.get(head as Field)?.[0]?.header ?? null;
        };
        const list: FieldError[] = err.errors.length > 0 ? err.errors : [{ path: '', message: err.message }];
        return list.map((e) => ({ row: r.line, column: e.path ? columnOfPath(e.path) : null, message: e.message }));
      };

      /** Decides what one valid row does; writes at once only merges into stored customers (creations wait for the flush). */
      async function planRow(row: ParsedRow, pending: Snapshot[]): Promise<Outcome> {
        const { input: v, contacts, product, line } = row;
        const rowError = (column: string | null, message: string, value?: string | null): ImportRowError[] => [{ row: line, column, message, ...(value ? { value } : {}) }];

        const productRow = product ? await productBySku(product.sku) : null;
        if (product && !productRow) return rowError(product.column, `No product with code "${product.sku}" in this tenant's catalog`, product.sku);

        let target: Snapshot | undefined = v.externalRef ? ledger.byRef(v.externalRef) : undefined;
        if (!target) {
          // Phones before e-mails: a shared family address is commoner than a shared phone number.
          const via = contacts.find((c) => c.kind === 'phone' && ledger.ownerOf(c.kind, c.value)) ?? contacts.find((c) => ledger.ownerOf(c.kind, c.value));
          if (via) {
            target = ledger.ownerOf(via.kind, via.value)!;
            const theirRef = target.customer.externalRef;
            if (v.externalRef && theirRef && theirRef !== v.externalRef) {
              return rowError(via.column, `${displayContact(via.kind, via.value)} already belongs to the customer with number ${theirRef}; a row numbered ${v.externalRef} cannot be merged into it`, via.raw);
            }
          }
        }

        let productAdd: ProductAdd | null = null;
        const serial = product?.serial ? normalizeSerial(product.serial) : null;
        if (productRow && product) {
          let owned: boolean;
          if (serial) {
            const snapOwner = ledger.serialOwner(serial);
            const dbOwner = snapOwner ? null : await catalog.findOwnerBySerial(ctx, serial);
            const mine = snapOwner ? snapOwner === target : dbOwner !== null && dbOwner === target?.customer.id;
            if ((snapOwner || dbOwner) && !mine) return rowError(product.serialColumn, `Serial number ${product.serial} is already registered to another customer`, product.serial);
            owned = mine;
          } else {
            owned = target !== undefined && (target.state === 'stored' ? (await ownedProductIds(target)).has(productRow.id) : target.products!.has(productRow.id));
          }
          if (!owned) productAdd = { productId: productRow.id, serial: product.serial, purchasedOn: product.purchasedOn, line };
        }
        const claimProduct = (snap: Snapshot) => {
          if (!productAdd) return;
          if (serial) ledger.claimSerial(serial, snap);
          snap.products?.add(productAdd.productId);
        };

        if (target) {
          const patch = planCustomerMerge(target.customer, v);
          const fresh = contacts.filter((c) => !ledger.ownerOf(c.kind, c.value));
          const changesCustomer = Object.keys(patch).length > 0 || fresh.length > 0;
          if (target.state === 'stored' && !dryRun) {
            let changed = false;
            if (changesCustomer) {
              // Only the contacts free in this run: one may belong to a customer still waiting to be created.
              const merged = await customers.mergeCustomer(ctx, target.customer.id, {
                ...v, phones: fresh.filter((c) => c.kind === 'phone'), emails: fresh.filter((c) => c.kind === 'email'), lineUserIds: [],
              });
              ledger.update(target, merged.customer, merged.addedContacts);
              changed = merged.fields.length > 0 || merged.addedContacts.length > 0;
            }
            if (productAdd) {
              await catalog.addOwnedProduct(ctx, target.customer.id, { productId: productAdd.productId, serial: productAdd.serial, purchasedOn: productAdd.purchasedOn });
              claimProduct(target);
              changed = true;
            }
            return changed ? 'updated' : 'unchanged';
          }
          // Merging in memory: into a customer still to be created, or anything during a dry run.
          if (target.state === 'pending') target.lines.push(line);
          if (!changesCustomer && !productAdd) return 'unchanged';
          ledger.update(target, { ...target.customer, ...patch }, fresh);
          if (target.state === 'pending') {
            const pending = target.input!;
            Object.assign(pending, patch);
            pending.phones.push(...fresh.filter((c) => c.kind === 'phone').map((c) => ({ value: c.value, label: c.label })));
            pending.emails.push(...fresh.filter((c) => c.kind === 'email').map((c) => ({ value: c.value, label: null })));
            if (productAdd) target.productAdds.push(productAdd);
          }
          claimProduct(target);
          return 'updated';
        }

        const snap: Snapshot = {
          customer: {
            id: `${dryRun ? 'dry-run' : 'pending'}-${++tempIds}`, kind: v.kind, externalRef: v.externalRef ?? null, name: v.name, nameKana: v.nameKana ?? null,
            companyName: v.companyName ?? null, gender: v.gender ?? null, ageGroup: v.ageGroup ?? null, prefecture: v.prefecture ?? null,
            postalCode: v.postalCode ?? null, address: v.address ?? null, notes: v.notes ?? null, consentMarketing: v.consentMarketing ?? false,
            createdAt: '', updatedAt: '',
          },
          state: dryRun ? 'simulated' : 'pending',
          input: dryRun ? null : { ...v, phones: contacts.filter((c) => c.kind === 'phone').map((c) => ({ value: c.value, label: c.label })), emails: contacts.filter((c) => c.kind === 'email').map((c) => ({ value: c.value, label: null })), lineUserIds: [] },
          lines: [line],
          products: new Set(),
          productAdds: productAdd ? [productAdd] : [],
        };
        ledger.add(snap, contacts);
        claimProduct(snap);
        if (!dryRun) pending.push(snap);
        return 'created';
      }

      /**
       * Creates the chunk's pending customers in one transaction; if that fails (someone else took a phone a
       * moment ago), creates them one by one so only the rows concerned fail. Then registers their products.
       */
      async function flush(pending: Snapshot[], outcomes: Map<number, Outcome>, rowsByLine: Map<number, CsvRow>) {
        if (pending.length === 0) return;
        const fail = (snap: Snapshot, errors: ImportRowError[]) => {
          const [first, ...rest] = snap.lines;
          outcomes.set(first!, errors);
          for (const l of rest) outcomes.set(l, [{ row: l, column: null, message: `Not imported: this row repeats line ${first}, which failed` }]);
          ledger.forget(snap);
        };
        let created: (CustomerDto | null)[];
        try {
          created = await customers.createCustomers(ctx, pending.map((p) => p.input!));
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          created = [];
          for (const snap of pending) {
            try {
              created.push(await customers.createCustomer(ctx, snap.input!));
            } catch (e) {
              if (!(e instanceof AppError)) throw e;
              fail(snap, rowErrorsOf(rowsByLine.get(snap.lines[0]!)!, e));
              created.push(null);
            }
          }
        }
        for (const [i, snap] of pending.entries()) {
          const dto = created[i];
          if (!dto) continue;
          ledger.update(snap, dto, []);
          snap.state = 'stored';
          snap.input = null;
          for (const p of snap.productAdds) {
            try {
              await catalog.addOwnedProduct(ctx, dto.id, { productId: p.productId, serial: p.serial, purchasedOn: p.purchasedOn });
            } catch (e) {
              if (!(e instanceof AppError)) throw e;
              outcomes.set(p.line, [{ row: p.line, column: columns.fields.get('serial')?.[0]?.header ?? null, message: `The customer was imported but not the product: ${e.message}` }]);
            }
          }
          snap.productAdds = [];
        }
      }

      input.onProgress?.(0, rows.length);
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const chunk = rows.slice(start, start + CHUNK_ROWS);
        const outcomes = new Map<number, Outcome>();
        const valid: ParsedRow[] = [];
        for (const r of chunk) {
          const parsed = parseRow(r.cells, r.line, columns);
          if (parsed.ok) valid.push(parsed.row);
          else outcomes.set(r.line, parsed.errors);
        }
        const candidates = await customers.findForMerge(ctx, {
          externalRefs: valid.flatMap((p) => (p.input.externalRef ? [p.input.externalRef] : [])),
          phones: valid.flatMap((p) => p.contacts.filter((c) => c.kind === 'phone').map((c) => c.value)),
          emails: valid.flatMap((p) => p.contacts.filter((c) => c.kind === 'email').map((c) => c.value)),
        });
        for (const c of candidates) ledger.adopt(c);

        const pending: Snapshot[] = [];
        for (const p of valid) {
          let outcome: Outcome;
          try {
            outcome = await planRow(p, pending);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            outcome = rowErrorsOf(chunk.find((r) => r.line === p.line)!, err);
          }
          outcomes.set(p.line, outcome);
        }
        await flush(pending, outcomes, new Map(chunk.map((r) => [r.line, r])));

        for (const outcome of outcomes.values()) {
          if (Array.isArray(outcome)) {
            report.failed++;
            report.errors.push(...outcome);
          } else report[outcome]++;
        }
        input.onProgress?.(Math.min(start + CHUNK_ROWS, rows.length), rows.length);
      }
      report.errors.sort((a, b) => a.row - b.row);

      if (!dryRun) {
        await deps.audit.record(ctx, {
          action: 'customer.import', entity: 'customer', entityId: null,
          changes: { encoding, totalRows: report.totalRows, created: report.created, updated: report.updated, unchanged: report.unchanged, failed: report.failed },
        });
      }
      return report;
    },
  };
}
export type CustomerImportService = ReturnType<typeof createCustomerImportService>;
