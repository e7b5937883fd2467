import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCustomerImport } from '../../../cli/import-customers.command.js';
import { createTestApp, HttpSession, type TestApp } from '../../../../test/support/test-app.js';
import { testEngines } from '../../../../test/support/test-db.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../../../../test/factories/tenant.factory.js';
import { systemContext } from '../../platform/system-context.js';
import type { TenantContext } from '../../platform/principal.js';
import { CustomerImportFileError } from './customer-import.errors.js';
import { createCustomerImportService, type CustomerImportService } from './customer-import.service.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './customer-import.schemas.js';
import { createCustomerBody } from './customer.schemas.js';

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const withBom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]);
// What Excel's "CSV" save writes on a Japanese Windows: CP932 (iconv-lite's Shift_JIS table includes its extensions).
const shiftJis = (text: string) => iconv.encode(text, 'Shift_JIS');

/** A client's list as Excel exports it: half-width kana, 髙 (an IBM extension), a zero-dropped Hokkaido postal code. */
const SAMPLE = csv(
  '顧客番号,氏名,フリガナ,電話番号,携帯,メールアドレス,郵便番号,都道府県,住所,年代,性別,DM可,備考',
  'C001,髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ,03-1234-5678,,Ichiro@Example.jp,1000001,東京都,千代田区千代田1-1,50代,男性,1,',
  'C002,山田 花子,ヤマダ ハナコ,,090-1111-2222,hanako@example.jp,600001,北海道,札幌市中央区北1条西2丁目,30代,女性,はい,"折り返しは夕方、""至急""と伝言"',
  'C003,佐藤 健,さとう けん,０６－６１２３－４５６７,080-3333-4444,,530-0001,大阪府,大阪市北区梅田1-1-1,,male,0,ｶﾀｶﾅのメモ',
);

describe.each(testEngines())('customer CSV import [%s]', (engine) => {
  let t: TestApp;
  let sut: CustomerImportService;
  let tenantCount = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    sut = t.services.customerImport;
  });
  afterAll(() => t.close());

  async function newTenant(): Promise<TenantContext> {
    const tenant = await t.services.tenants.createTenant({ slug: `imp${++tenantCount}`, name: `取込テスト${tenantCount}` });
    return systemContext(tenant, 'test');
  }

  /** Everything the import wrote for a tenant, without ids and timestamps, in a stable order. */
  async function dump(ctx: TenantContext) {
    const page = await t.services.customers.searchCustomers(ctx, '', 1, 100);
    const out = [];
    for (const s of page.items) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...customer } = await t.services.customers.getCustomer(ctx, s.id);
      const contacts = (await t.services.customers.listContactPoints(ctx, s.id)).map(({ id: _pid, ...p }) => p).sort((a, b) => a.value.localeCompare(b.value));
      out.push({ ...customer, contacts });
    }
    return out.sort((a, b) => (a.externalRef ?? a.name).localeCompare(b.externalRef ?? b.name));
  }

  async function customerByPhone(ctx: TenantContext, phone: string) {
    const id = await t.services.customers.identify(ctx, { phone });
    expect(id, phone).not.toBeNull();
    return t.services.customers.getCustomer(ctx, id!);
  }

  it('imports a UTF-8 file: fields, kana folded to full width, contact points normalized', async () => {
    const ctx = await newTenant();
    const report = await sut.importCustomers(ctx, { data: utf8(SAMPLE), encoding: 'auto' });
    expect(report).toEqual({ totalRows: 3, created: 3, updated: 0, unchanged: 0, failed: 0, errors: [], encoding: 'utf-8', dryRun: false, ignoredColumns: [] });

    const ichiro = await customerByPhone(ctx, '0312345678');
    expect(ichiro).toMatchObject({
      externalRef: 'C001', name: '髙橋 一郎', nameKana: 'タカハシ イチロウ', postalCode: '100-0001', prefecture: '東京都',
      ageGroup: '50代', gender: 'male', consentMarketing: true, notes: null,
    });
    expect(await t.services.customers.identify(ctx, { email: 'ichiro@example.jp' })).toBe((await customerByPhone(ctx, '03-1234-5678')).id);

    const hanako = await customerByPhone(ctx, '090-1111-2222');
    expect(hanako).toMatchObject({ postalCode: '060-0001', gender: 'female', consentMarketing: true, notes: '折り返しは夕方、"至急"と伝言' });
    const points = await t.services.customers.listContactPoints(ctx, hanako.id);
    expect(points.map((p) => [p.kind, p.display, p.label, p.isPrimary]).sort()).toEqual([
      ['email', 'hanako@example.jp', null, true], ['phone', '090-1111-2222', '携帯', true],
    ]);

    const ken = await customerByPhone(ctx, '06-6123-4567');
    expect(ken).toMatchObject({ externalRef: 'C003', nameKana: 'さとう けん', gender: 'male', consentMarketing: false, notes: 'ｶﾀｶﾅのメモ' });
    expect((await t.services.customers.listContactPoints(ctx, ken.id)).map((p) => p.display).sort()).toEqual(['06-6123-4567', '080-3333-4444']);
  });

  it('imports the same content encoded as Shift_JIS (auto-detected or named) and as UTF-8 with BOM identically', async () => {
    const reference = await newTenant();
    await sut.importCustomers(reference, { data: utf8(SAMPLE), encoding: 'auto' });
    const expected = await dump(reference);
    expect(expected).toHaveLength(3);

    for (const [data, encoding, detected] of [
      [shiftJis(SAMPLE), 'auto', 'shift_jis'], [shiftJis(SAMPLE), 'shift_jis', 'shift_jis'], [withBom(SAMPLE), 'auto', 'utf-8'], [withBom(SAMPLE), 'utf-8', 'utf-8'],
    ] as const) {
      const ctx = await newTenant();
      const report = await sut.importCustomers(ctx, { data, encoding });
      expect(report, `${encoding} → ${detected}`).toMatchObject({ created: 3, failed: 0, encoding: detected });
      // The BOM must not stick to the first header: 顧客番号 is recognized.
      expect(await dump(ctx)).toEqual(expected);
    }
  });

  it('keeps CP932-only characters (①, 髙, ～) from a Windows Excel export', async () => {
    const ctx = await newTenant();
    const data = iconv.encode(csv('氏名,電話番号,備考', '髙木 ～ 様,045-123-4567,①修理 ②交換'), 'cp932');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(data)).toThrow();
    const report = await sut.importCustomers(ctx, { data, encoding: 'auto' });
    expect(report).toMatchObject({ created: 1, encoding: 'shift_jis' });
    expect(await customerByPhone(ctx, '0451234567')).toMatchObject({ name: '髙木 ～ 様', notes: '①修理 ②交換' });
  });

  it('lists broken phones, e-mails and other bad cells per row with line numbers while the good rows import', async () => {
    const ctx = await newTenant();
    const file = csv(
      '顧客番号,氏名,電話番号,メールアドレス,郵便番号,性別,備考', // line 1
      'E001,良い 太郎,090-1234-5678,good@example.jp,100-0001,男性,"二行に', // lines 2-3
      'わたるメモ"',
      'E002,悪い 電話,090-1234-567,,,,', // line 4
      'E003,悪い 文字,abc,,,,', // line 5
      'E004,悪い メール,,taro@@example,,,', // line 6
      '', // line 7: blank lines are not rows
      'E005,,03-5555-6666,,,,', // line 8: no name
      'E006,悪い 郵便,080-2222-3333,jiro@example.jp,12-345,,', // line 9
      'E007,悪い 性別,070-3333-4444,,,おとこ,', // line 10
      'E008,良い 三郎,070-5555-6666,,,,', // line 11
      'E009,二つ 悪い,abc,@example.jp,,,', // line 12
    );
    const report = await sut.importCustomers(ctx, { data: utf8(file), encoding: 'utf-8' });
    expect(report).toMatchObject({ totalRows: 9, created: 2, updated: 0, unchanged: 0, failed: 7 });
    expect(report.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [4, '電話番号', '090-1234-567'],
      [5, '電話番号', 'abc'],
      [6, 'メールアドレス', 'taro@@example'],
      [8, '氏名', undefined],
      [9, '郵便番号', '12-345'],
      [10, '性別', 'おとこ'],
      [12, '電話番号', 'abc'],
      [12, 'メールアドレス', '@example.jp'],
    ]);
    expect(report.errors[0]!.message).toMatch(/not a valid phone number/);
    expect(report.errors[2]!.message).toMatch(/not a valid email/);
    expect(report.errors[3]!.message).toBe('name is required');
    expect((await customerByPhone(ctx, '09012345678')).notes).toBe('二行に\nわたるメモ');
    await customerByPhone(ctx, '070-5555-6666');
    expect(await t.services.customers.identify(ctx, { phone: '080-2222-3333' })).toBeNull();
    expect((await t.services.customers.searchCustomers(ctx, '', 1, 100)).total).toBe(2);
  });

  it('re-importing the same file creates no duplicates; a newer file fills empty fields and adds contacts', async () => {
    const ctx = await newTenant();
    await sut.importCustomers(ctx, { data: utf8(SAMPLE), encoding: 'auto' });
    const before = await dump(ctx);

    const again = await sut.importCustomers(ctx, { data: shiftJis(SAMPLE), encoding: 'auto' });
    expect(again).toMatchObject({ totalRows: 3, created: 0, updated: 0, unchanged: 3, failed: 0 });
    expect(await dump(ctx)).toEqual(before);

    // Matched by 顧客番号 (C001: a different name is not overwritten, the new mobile is added),
    // by phone (no number: C003's age group filled, DM withdrawn), by e-mail (C002: 備考 kept).
    const newer = csv(
      '会員番号,名前,電話,携帯,Eメール,年代,DM可,備考',
      'C001,高橋 一郎,,070-9999-0000,,,1,',
      ',佐藤 健,06-6123-4567,,ken@example.jp,40代,0,',
      ',,,,HANAKO@example.jp,,,別のメモ',
    );
    const merged = await sut.importCustomers(ctx, { data: utf8(newer), encoding: 'auto' });
    expect(merged).toMatchObject({ totalRows: 3, created: 0, updated: 2, unchanged: 0, failed: 1 });
    // The third row has no name: a row that only matches still needs to be a valid customer row.
    expect(merged.errors).toEqual([{ row: 4, column: '名前', message: 'name is required' }]);

    const ichiro = await customerByPhone(ctx, '070-9999-0000');
    expect(ichiro).toMatchObject({ externalRef: 'C001', name: '髙橋 一郎' });
    const ken = await customerByPhone(ctx, '06-6123-4567');
    expect(ken).toMatchObject({ externalRef: 'C003', ageGroup: '40代', consentMarketing: false });
    expect(await t.services.customers.identify(ctx, { email: 'ken@example.jp' })).toBe(ken.id);
    expect((await t.services.customers.searchCustomers(ctx, '', 1, 100)).total).toBe(3);

    const third = await sut.importCustomers(ctx, { data: utf8(newer), encoding: 'auto' });
    expect(third).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 1 });
  });

  it('merges rows that repeat each other inside one file, and a dry run predicts the same without writing', async () => {
    const file = csv(
      '氏名,電話番号,メール,住所,DM可',
      '鈴木 一郎,0120-444-444,,,',
      '鈴木 一郎,0120444444,suzuki@example.jp,,', // same phone: adds the e-mail
      'スズキ イチロウ,,SUZUKI@example.jp,横浜市,', // same e-mail: fills the address
      '鈴木 一郎,0120-444-444,suzuki@example.jp,,', // nothing new
      '田中 次郎,03-1111-2222,,,true',
    );
    const dry = await newTenant();
    const predicted = await sut.importCustomers(dry, { data: utf8(file), encoding: 'auto', dryRun: true });
    expect(predicted).toMatchObject({ totalRows: 5, created: 2, updated: 2, unchanged: 1, failed: 0, dryRun: true });
    expect((await t.services.customers.searchCustomers(dry, '', 1, 10)).total).toBe(0);

    const ctx = await newTenant();
    const progress: [number, number][] = [];
    const real = await sut.importCustomers(ctx, { data: utf8(file), encoding: 'auto', onProgress: (d, n) => progress.push([d, n]) });
    expect({ ...real, dryRun: true }).toEqual(predicted);
    expect(progress.at(0)).toEqual([0, 5]);
    expect(progress.at(-1)).toEqual([5, 5]);
    const suzuki = await customerByPhone(ctx, '0120-444-444');
    expect(suzuki).toMatchObject({ name: '鈴木 一郎', address: '横浜市' });
    expect((await t.services.customers.listContactPoints(ctx, suzuki.id)).map((p) => p.value).sort()).toEqual(['+81120444444', 'suzuki@example.jp']);
    expect((await t.services.customers.searchCustomers(ctx, '', 1, 10)).total).toBe(2);
  });

  it('does not merge a row into a customer that has a different 顧客番号', async () => {
    const ctx = await newTenant();
    await sut.importCustomers(ctx, { data: utf8(csv('顧客番号,氏名,電話番号', 'K001,家族 父,03-2222-3333')), encoding: 'auto' });
    const report = await sut.importCustomers(ctx, { data: utf8(csv('顧客番号,氏名,電話番号', 'K002,家族 母,03-2222-3333')), encoding: 'auto' });
    expect(report).toMatchObject({ created: 0, failed: 1 });
    expect(report.errors[0]).toMatchObject({ row: 2, column: '電話番号', value: '03-2222-3333' });
    expect(report.errors[0]!.message).toContain('K001');
  });

  it('matches only within the tenant: a phone known in tenant A creates a new customer in tenant B and leaves A alone', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const inA = await t.services.customers.createCustomer(a, createCustomerBody.parse({
      name: 'A社の 顧客', phones: [{ value: '03-1234-5678' }], emails: [{ value: 'shared@example.jp' }],
    }));
    const aBefore = await dump(a);

    const report = await sut.importCustomers(b, { data: shiftJis(csv('顧客番号,氏名,電話番号,メール,住所', 'B001,B社の 顧客,03-1234-5678,shared@example.jp,福岡市')), encoding: 'auto' });
    expect(report).toMatchObject({ created: 1, updated: 0, failed: 0 });
    const inB = await customerByPhone(b, '03-1234-5678');
    expect(inB.id).not.toBe(inA.id);
    expect(inB).toMatchObject({ name: 'B社の 顧客', externalRef: 'B001', address: '福岡市' });
    expect(await dump(a)).toEqual(aBefore);
    expect((await t.services.customers.getCustomer(a, inA.id)).updatedAt).toBe(inA.updatedAt);
  });

  it('registers owned products by product code and serial, once', async () => {
    const ctx = await newTenant();
    await t.services.catalog.createProduct(ctx, { sku: 'RF-100', name: '冷蔵庫 RF-100' });
    const file = csv(
      '氏名,電話番号,製品コード,製造番号,購入日',
      '木村 拓,03-7777-8888,RF-100,ab-1234 5678,2024/4/1',
      '木村 拓,03-7777-8888,RF-100,AB12345678,2024/4/1', // the same serial, written differently
      '中村 翔,03-7777-9999,RF-100,ＡＢ－１２３４－５６７８,', // someone else's serial
      '小林 誠,03-6666-5555,XX-999,,', // unknown product
      '小林 誠,03-6666-5555,RF-100,,2024/2/30', // impossible date
    );
    const report = await sut.importCustomers(ctx, { data: utf8(file), encoding: 'auto' });
    expect(report).toMatchObject({ created: 1, unchanged: 1, failed: 3 });
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([[4, '製造番号'], [5, '製品コード'], [6, '購入日']]);
    const owner = await t.services.catalog.findOwnerBySerial(ctx, 'AB-1234-5678');
    expect(owner).toBe((await customerByPhone(ctx, '0377778888')).id);
    const owned = await t.services.catalog.listOwnedByCustomer(ctx, owner!);
    expect(owned).toMatchObject([{ sku: 'RF-100', serial: 'ab-1234 5678', purchasedOn: '2024-04-01' }]);

    const again = await sut.importCustomers(ctx, { data: utf8(file), encoding: 'auto' });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 3 });
  });

  it('refuses a file that is neither UTF-8 nor Shift_JIS with one clear error naming the first bad line', async () => {
    const ctx = await newTenant();
    const data = Buffer.concat([shiftJis(csv('氏名,電話番号', '山田 太郎,03-1234-5678')), Buffer.from([0x83, 0xff, 0xfe, 0x2c, 0x30, 0x0d, 0x0a])]);
    const err = await sut.importCustomers(ctx, { data, encoding: 'auto' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CustomerImportFileError);
    expect(err).toMatchObject({ problem: 'encoding_unreadable', line: 3, status: 400 });
    expect((err as Error).message).toMatch(/neither UTF-8 nor Shift_JIS.*line 3/);
    expect((await t.services.customers.searchCustomers(ctx, '', 1, 10)).total).toBe(0);

    // Naming the wrong encoding gives the same clear refusal, not mojibake.
    const wrong = await sut.importCustomers(ctx, { data: shiftJis(SAMPLE), encoding: 'utf-8' }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ problem: 'encoding_unreadable', line: 1 });
    expect((wrong as Error).message).toMatch(/not valid UTF-8/);
  });

  it('refuses files without a name column, over 50,000 rows or over 20 MB', async () => {
    const ctx = await newTenant();
    await expect(sut.importCustomers(ctx, { data: utf8(csv('電話番号,メール', '03-1234-5678,a@example.jp')), encoding: 'auto' }))
      .rejects.toMatchObject({ problem: 'missing_columns', line: 1 });
    await expect(sut.importCustomers(ctx, { data: utf8(''), encoding: 'auto' })).rejects.toMatchObject({ problem: 'empty_file' });
    const many = `氏名\n${'山田\n'.repeat(IMPORT_MAX_ROWS + 1)}`;
    await expect(sut.importCustomers(ctx, { data: utf8(many), encoding: 'auto' })).rejects.toMatchObject({ problem: 'too_many_rows', status: 413 });
    await expect(sut.importCustomers(ctx, { data: Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x41), encoding: 'auto' })).rejects.toMatchObject({ problem: 'file_too_large', status: 413 });
    expect((await t.services.customers.searchCustomers(ctx, '', 1, 10)).total).toBe(0);
  });

  it('reports columns it does not know and accepts tab-separated files', async () => {
    const ctx = await newTenant();
    const report = await sut.importCustomers(ctx, { data: utf8(csv('氏名（必須）\t電話番号[半角]\t担当者', '石井 守\t03-4444-5555\t佐々木')), encoding: 'auto' });
    expect(report).toMatchObject({ created: 1, ignoredColumns: ['担当者'] });
    expect((await customerByPhone(ctx, '03-4444-5555')).name).toBe('石井 守');
  });

  it('merges repeats across chunk boundaries (rows are looked up and created 500 at a time)', async () => {
    const ctx = await newTenant();
    const lines = ['氏名,電話番号,メール'];
    for (let i = 0; i < 700; i++) lines.push(`顧客 ${i},03-6000-${String(i).padStart(4, '0')},`);
    // Rows 702…: the first 300 customers again, now with an e-mail each (in the second chunk).
    for (let i = 0; i < 300; i++) lines.push(`顧客 ${i},03-6000-${String(i).padStart(4, '0')},c${i}@example.jp`);
    const report = await sut.importCustomers(ctx, { data: utf8(csv(...lines)), encoding: 'auto' });
    expect(report).toMatchObject({ totalRows: 1000, created: 700, updated: 300, unchanged: 0, failed: 0 });
    expect((await t.services.customers.searchCustomers(ctx, '', 1, 1)).total).toBe(700);
    expect(await t.services.customers.identify(ctx, { email: 'c299@example.jp' })).toBe(await t.services.customers.identify(ctx, { phone: '03-6000-0299' }));
  });

  it('when a phone is taken between lookup and insert, only that row fails and the others are created', async () => {
    const ctx = await newTenant();
    const racing = createCustomerImportService({
      catalog: t.services.catalog, audit: t.services.audit,
      customers: {
        ...t.services.customers,
        // An agent registers one of the numbers just before the batch insert.
        createCustomers: async (c, inputs) => {
          await t.services.customers.createCustomer(c, createCustomerBody.parse({ name: '先に登録', phones: [{ value: '03-7000-0002' }] }));
          return t.services.customers.createCustomers(c, inputs);
        },
      },
    });
    const file = csv('氏名,電話番号', '一郎,03-7000-0001', '二郎,03-7000-0002', '二郎,03-7000-0002', '三郎,03-7000-0003');
    const report = await racing.importCustomers(ctx, { data: utf8(file), encoding: 'auto' });
    expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0, failed: 2 });
    expect(report.errors).toMatchObject([
      { row: 3, column: '電話番号', message: expect.stringMatching(/already belongs to another customer/) },
      { row: 4, column: null, message: expect.stringMatching(/repeats line 3/) },
    ]);
    expect((await customerByPhone(ctx, '03-7000-0002')).name).toBe('先に登録');
    await customerByPhone(ctx, '03-7000-0003');
  });

  it('reports a CSV syntax error at the line where the broken record starts and keeps the rows before it', async () => {
    const ctx = await newTenant();
    const report = await sut.importCustomers(ctx, { data: utf8(csv('氏名,電話番号', '前田 一,03-8000-0001', '前田 二,"03-8000-0002', '前田 三,03-8000-0003')), encoding: 'auto' });
    expect(report).toMatchObject({ created: 1, failed: 1 });
    expect(report.errors).toMatchObject([{ row: 3, column: null, message: expect.stringMatching(/never closed/) }]);
  });

  it('runs from the CLI: exit codes 0 / 2 / 1 and an Excel-friendly error report', async () => {
    const ctx = await newTenant();
    const dir = await mkdtemp(join(tmpdir(), 'madoguchi-import-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const good = join(dir, 'good.csv');
      await writeFile(good, shiftJis(SAMPLE));
      expect(await runCustomerImport({ services: t.services, ctx, file: good, encoding: 'auto', reportFile: null })).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toMatch(/created 3, updated 0, unchanged 0, failed 0/);
      expect(stderr.mock.calls.flat().join('')).toMatch(/100% \(3\/3 rows\)/);

      const bad = join(dir, 'bad.csv');
      const report = join(dir, 'errors.csv');
      await writeFile(bad, shiftJis(csv('氏名,電話番号', '良い 人,03-9000-0001', '悪い 人,=1+2')));
      expect(await runCustomerImport({ services: t.services, ctx, file: bad, encoding: 'auto', reportFile: report })).toBe(2);
      const written = await readFile(report);
      expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // A cell that Excel would run as a formula is defused with a leading apostrophe.
      expect(written.toString('utf8').slice(1).split('\r\n')).toEqual([
        'row,column,message,value', '3,電話番号,"""=1+2"" is not a valid phone number",\'=1+2', '',
      ]);

      const unreadable = join(dir, 'broken.csv');
      await writeFile(unreadable, Buffer.from([0x41, 0x0a, 0xff, 0xfe, 0x0a]));
      expect(await runCustomerImport({ services: t.services, ctx, file: unreadable, encoding: 'auto', reportFile: null })).toBe(1);
      expect(err.mock.calls.flat().join('\n')).toMatch(/line 2.*encoding_unreadable/);
      expect(await runCustomerImport({ services: t.services, ctx, file: join(dir, 'missing.csv'), encoding: 'auto', reportFile: null })).toBe(1);
    } finally {
      log.mockRestore();
      err.mockRestore();
      stderr.mockRestore();
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('over HTTP', () => {
    let supervisor: HttpSession;
    let agent: HttpSession;
    const upload = (s: HttpSession, body: Buffer, query = '') => s.post(`/api/v1/customers/import${query}`, body, { 'content-type': 'text/csv' });

    beforeAll(async () => {
      const slug = `http${engine === 'pglite' ? 'a' : 'b'}`;
      await createTenantWithStaff(t.services, slug);
      supervisor = await new HttpSession(t.app).login(`supervisor@${slug}.test`, TEST_PASSWORD);
      agent = await new HttpSession(t.app).login(`agent@${slug}.test`, TEST_PASSWORD);
    });

    it('imports a Shift_JIS upload and answers with the report; a dry run writes nothing', async () => {
      const dry = await upload(supervisor, shiftJis(SAMPLE), '?encoding=auto&dryRun=true');
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json()).toMatchObject({ created: 3, dryRun: true, encoding: 'shift_jis' });
      expect((await supervisor.get('/api/v1/customers')).json().total).toBe(0);

      const res = await upload(supervisor, shiftJis(SAMPLE), '?encoding=sjis');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ totalRows: 3, created: 3, updated: 0, unchanged: 0, failed: 0, errors: [], encoding: 'shift_jis', dryRun: false, ignoredColumns: [] });
      const found = await supervisor.get(`/api/v1/customers?q=${encodeURIComponent('たかはし')}`);
      expect(found.json().items.map((c: { name: string }) => c.name)).toEqual(['髙橋 一郎']);

      const again = await supervisor.post('/api/v1/customers/import', shiftJis(SAMPLE), { 'content-type': 'application/octet-stream' });
      expect(again.json()).toMatchObject({ created: 0, unchanged: 3 });
    });

    it('forbids agents (403) and other body types (415)', async () => {
      const res = await upload(agent, utf8(SAMPLE));
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const json = await supervisor.post('/api/v1/customers/import', { name: 'x' });
      expect(json.statusCode).toBe(415);
    });

    it('answers 400 encoding_unreadable and 413 for a body over 20 MB', async () => {
      const bad = await upload(supervisor, Buffer.from([0x8e, 0x81, 0x96, 0xbc, 0x0a, 0xff, 0xfe, 0xfd, 0x0a]));
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'encoding_unreadable', status: 400, errors: [{ path: 'line 2' }] });

      const big = await upload(supervisor, Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x41));
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ code: 'payload_too_large' });
    });
  });
});
