import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, generateDemoDataset, type DemoDataset, type DemoTenant } from './demo-data.js';
import { kanaToRomaji } from './demo-names.js';

const NOW = new Date('2026-03-15T03:00:00Z'); // 12:00 JST
const DAY = 86_400_000;
const JST = 9 * 3_600_000;

const MOBILE = /^0[789]0[1-9]\d{7}$/;
const TOKYO = /^03[2-9]\d{7}$/;
const OSAKA = /^06[2-9]\d{7}$/;
/** other geographic numbers: 10 digits, not a mobile/IP/free-dial prefix */
const LANDLINE = /^0(?!(?:[5789]0|120))[1-9]\d{8}$/;
/** how people write numbers: 090-1234-5678, 09012345678, 03(1234)5678, (052)123-4567 */
const WRITTEN = /^(?:\d{10,11}|\d{2,4}-\d{2,4}-\d{4}|\d{2,4}\(\d{2,4}\)\d{4}|\(\d{2,4}\)\d{2,4}-\d{4})$/;
const ALLOWED_DOMAINS = new Set(['example.jp', 'example.com', 'example.co.jp']);

const dataset = generateDemoDataset({ seed: 1, now: NOW, customersPerTenant: 150 });

function tenant(d: DemoDataset, slug: string): DemoTenant {
  const t = d.tenants.find((x) => x.slug === slug);
  if (!t) throw new Error(`no tenant ${slug}`);
  return t;
}

function minuteOfDayJst(d: Date): number {
  const ms = d.getTime() + JST;
  return Math.floor((ms % DAY) / 60_000);
}

function jstDay(d: Date): number {
  return Math.floor((d.getTime() + JST) / DAY);
}

/** Every rule of the brief that must hold for any seed and any `now`. */
function checkInvariants(d: DemoDataset, now: Date, perTenant: number): void {
  const nowMs = now.getTime();
  expect(d.centerName).toBe('みらいコンタクトセンター');
  expect(d.tenants.map((t) => t.slug)).toEqual(['sakura-denki', 'hanamaru-tsuhan']);
  for (const t of d.tenants) {
    expect(t.timeZone).toBe('Asia/Tokyo');
    expect(t.customers).toHaveLength(perTenant);
    expect(t.products.length).toBeGreaterThanOrEqual(15);
    const skus = new Set(t.products.map((p) => p.sku));
    expect(skus.size).toBe(t.products.length);
    const staff = new Set(
      d.users.filter((u) => u.memberships.some((m) => m.tenantSlug === t.slug && (m.role === 'agent' || m.role === 'supervisor'))).map((u) => u.email),
    );
    const phones = new Set<string>();
    const emails = new Set<string>();
    const serials = new Set<string>();
    const caseRefs = new Set<string>();
    const orderNumbers = new Set<string>();
    const customerRefs = new Set<string>();
    for (const c of t.customers) {
      expect(customerRefs.has(c.ref)).toBe(false);
      customerRefs.add(c.ref);
      expect(c.phones.length + c.emails.length).toBeGreaterThan(0);
      if (c.postalCode !== null) expect(c.postalCode).toMatch(/^\d{3}-\d{4}$/);
      if (c.nameKana !== null) expect(c.nameKana).toMatch(/^[ァ-ヶー ]+$/);
      if (c.kind === 'company') {
        expect(c.companyName).toBe(c.name);
        expect(c.gender).toBeNull();
      } else {
        expect(c.name).toMatch(/^\S+ \S+$/);
      }
      if (c.ageGroup !== null) expect(['20代', '30代', '40代', '50代', '60代', '70代以上']).toContain(c.ageGroup);

      for (const p of c.phones) {
        expect(p.value).toMatch(WRITTEN);
        const digits = p.value.replace(/\D/g, '');
        const valid = MOBILE.test(digits) || TOKYO.test(digits) || OSAKA.test(digits) || (!digits.startsWith('03') && !digits.startsWith('06') && LANDLINE.test(digits));
        expect(valid, `${p.value} is not a valid Japanese number`).toBe(true);
        const parsed = parsePhoneNumberFromString(digits, 'JP');
        expect(parsed?.isValid(), `${p.value} rejected by libphonenumber`).toBe(true);
        expect(['MOBILE', 'FIXED_LINE']).toContain(parsed?.getType());
        expect(phones.has(digits), `duplicate phone ${p.value} in ${t.slug}`).toBe(false);
        phones.add(digits);
      }
      for (const e of c.emails) {
        expect(e.value).toBe(e.value.toLowerCase());
        expect(e.value).toMatch(/^[a-z0-9._-]+@[a-z.]+$/);
        expect(ALLOWED_DOMAINS.has(e.value.split('@')[1] ?? '')).toBe(true);
        expect(emails.has(e.value), `duplicate e-mail ${e.value}`).toBe(false);
        emails.add(e.value);
      }
      for (const o of c.owned) {
        expect(skus.has(o.sku)).toBe(true);
        expect(o.purchasedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Date.parse(`${o.purchasedOn}T00:00:00+09:00`)).toBeLessThanOrEqual(nowMs);
        if (o.warrantyUntil !== null) expect(o.warrantyUntil > o.purchasedOn).toBe(true);
        if (o.serial !== null) {
          // unique also once separators are ignored, as serial lookup does
          const key = o.serial.toUpperCase().replace(/[^A-Z0-9]/g, '');
          expect(serials.has(key), `duplicate serial ${o.serial}`).toBe(false);
          serials.add(key);
        }
      }
      for (const o of c.orders) {
        expect(o.orderNumber).toMatch(t.slug === 'sakura-denki' ? /^SD\d{4}-\d{6}$/ : /^HM\d{4}-\d{6}$/);
        expect(orderNumbers.has(o.orderNumber)).toBe(false);
        orderNumbers.add(o.orderNumber);
        expect(o.orderedAt.getTime()).toBeLessThanOrEqual(nowMs);
        expect(o.lines.length).toBeGreaterThanOrEqual(1);
        expect(o.lines.length).toBeLessThanOrEqual(4);
        for (const l of o.lines) {
          expect(skus.has(l.sku)).toBe(true);
          expect(l.quantity).toBeGreaterThan(0);
          expect(l.unitPriceJpy).toBeGreaterThan(0);
        }
        expect(['received', 'shipped', 'delivered', 'cancelled', 'returned']).toContain(o.status);
      }

      const ownCases = new Map(c.cases.map((k) => [k.ref, k]));
      const linked = new Map<string, number>();
      for (const k of c.cases) {
        expect(caseRefs.has(k.ref), `duplicate case ${k.ref}`).toBe(false);
        caseRefs.add(k.ref);
        expect(k.createdAt.getTime()).toBeLessThanOrEqual(nowMs);
        expect(k.dueAt).not.toBeNull();
        const dueDays = ((k.dueAt as Date).getTime() - k.createdAt.getTime()) / DAY;
        expect(dueDays).toBeGreaterThanOrEqual(1);
        expect(dueDays).toBeLessThanOrEqual(7);
        if (k.ownerEmail !== null) expect(staff.has(k.ownerEmail)).toBe(true);
      }

      expect(c.interactions.length).toBeGreaterThanOrEqual(1);
      expect(c.interactions.length).toBeLessThanOrEqual(5);
      for (const ix of c.interactions) {
        const offered = ix.offeredAt.getTime();
        expect(offered).toBeLessThanOrEqual(nowMs);
        expect(offered).toBeGreaterThanOrEqual(nowMs - 548 * DAY);
        const times = [ix.offeredAt, ix.answeredAt, ix.endedAt, ix.wrapUpEndedAt].filter((x): x is Date => x !== null).map((x) => x.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
        for (const x of times) expect(x).toBeLessThanOrEqual(nowMs);
        const last = new Date(Math.max(...times));
        expect(jstDay(last)).toBe(jstDay(ix.offeredAt));
        expect(minuteOfDayJst(ix.offeredAt)).toBeGreaterThanOrEqual(9 * 60);
        expect(minuteOfDayJst(last)).toBeLessThan(20 * 60);
        if (ix.answeredAt === null) {
          expect(ix.disposition).toBe('不在・放棄');
        } else {
          const handle = ((ix.endedAt as Date).getTime() - ix.answeredAt.getTime()) / 60_000;
          expect(handle).toBeGreaterThanOrEqual(2);
          expect(handle).toBeLessThanOrEqual(15);
          const wrap = ((ix.wrapUpEndedAt as Date).getTime() - (ix.endedAt as Date).getTime()) / 60_000;
          expect(wrap).toBeGreaterThanOrEqual(0.5);
          expect(wrap).toBeLessThanOrEqual(3);
          expect(ix.agentEmail).not.toBeNull();
        }
        if (ix.agentEmail !== null) expect(staff.has(ix.agentEmail), `${ix.agentEmail} does not work for ${t.slug}`).toBe(true);
        expect(ix.notes.replace(/[\s-]/g, '')).not.toMatch(/\d{12,}/);
        if (ix.caseRef !== null) {
          expect(ownCases.has(ix.caseRef), `${ix.caseRef} is not a case of ${c.ref}`).toBe(true);
          linked.set(ix.caseRef, (linked.get(ix.caseRef) ?? 0) + 1);
        }
      }
      for (const k of c.cases) {
        const n = linked.get(k.ref) ?? 0;
        expect(n, `case ${k.ref} linked from ${n} interactions`).toBeGreaterThanOrEqual(1);
        expect(n).toBeLessThanOrEqual(2);
      }
    }
  }
}

describe('generateDemoDataset', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateDemoDataset({ seed: 1, now: NOW, customersPerTenant: 150 });
    expect(again).toEqual(dataset);
    const other = generateDemoDataset({ seed: 2, now: NOW, customersPerTenant: 150 });
    expect(other).not.toEqual(dataset);
    expect(other.tenants[0]?.customers[5]?.name === dataset.tenants[0]?.customers[5]?.name && other.tenants[0]?.customers[5]?.phones[0]?.value === dataset.tenants[0]?.customers[5]?.phones[0]?.value).toBe(false);
  });

  it('respects customersPerTenant', () => {
    for (const n of [0, 1, 2, 3, 17]) {
      const d = generateDemoDataset({ seed: 7, now: NOW, customersPerTenant: n });
      for (const t of d.tenants) expect(t.customers).toHaveLength(n);
    }
    expect(() => generateDemoDataset({ seed: 1, now: NOW, customersPerTenant: -1 })).toThrow(RangeError);
    expect(() => generateDemoDataset({ seed: 1, now: new Date(Number.NaN), customersPerTenant: 1 })).toThrow(RangeError);
  });

  it('satisfies every data rule', () => {
    checkInvariants(dataset, NOW, 150);
  });

  it('satisfies the rules for any seed and any moment of the day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: Date.UTC(2021, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (seed, nowMs) => {
          const now = new Date(nowMs);
          checkInvariants(generateDemoDataset({ seed, now, customersPerTenant: 25 }), now, 25);
        },
      ),
      { numRuns: 12, seed: 20260315 },
    );
  });

  it('puts the fixed anchor customers first', () => {
    const sakura = tenant(dataset, 'sakura-denki');
    const hanamaru = tenant(dataset, 'hanamaru-tsuhan');

    const yamada = sakura.customers[0];
    expect(yamada).toMatchObject({
      ref: 'SD-C0001', kind: 'person', name: '山田 太郎', nameKana: 'ヤマダ タロウ', ageGroup: '40代', prefecture: '東京都',
      phones: [{ value: '090-1234-5678', label: '携帯' }], emails: [{ value: 'taro.yamada@example.jp', label: '個人' }],
    });
    expect(yamada?.owned).toEqual([{ sku: 'SD-RF450', serial: 'SR4501-23A-00417', purchasedOn: '2024-03-15', warrantyUntil: '2029-03-15' }]);
    expect(yamada?.interactions).toHaveLength(3);
    expect(yamada?.cases.map((c) => c.status).sort()).toEqual(['open', 'resolved']);

    const sato = hanamaru.customers[0];
    expect(sato).toMatchObject({
      ref: 'HM-C0001', kind: 'person', name: '佐藤 花子', nameKana: 'サトウ ハナコ', ageGroup: '30代', prefecture: '大阪府',
      phones: [{ value: '080-2345-6789', label: '携帯' }], emails: [{ value: 'hanako.sato@example.jp', label: '個人' }],
    });
    expect(sato?.orders).toHaveLength(2);
    expect(sato?.cases).toHaveLength(1);
    expect(sato?.cases[0]).toMatchObject({ status: 'open', category: '返品・交換', department: '返品交換窓口' });

    for (const [t, ref] of [[sakura, 'SD-C0002'], [hanamaru, 'HM-C0002']] as const) {
      expect(t.customers[1]).toMatchObject({ ref, name: '鈴木 一郎', nameKana: 'スズキ イチロウ' });
      expect(t.customers[1]?.phones.map((p) => p.value)).toContain('03-3123-4567');
    }
    // the shared phone belongs to nobody else in either tenant
    for (const t of dataset.tenants) {
      const holders = t.customers.filter((c) => c.phones.some((p) => p.value.replace(/\D/g, '') === '0331234567'));
      expect(holders.map((c) => c.name)).toEqual(['鈴木 一郎']);
    }

    // anchors do not depend on the seed or the size
    const small = generateDemoDataset({ seed: 99, now: NOW, customersPerTenant: 2 });
    expect(small.tenants[0]?.customers).toEqual(sakura.customers.slice(0, 2));
    expect(small.tenants[1]?.customers).toEqual(hanamaru.customers.slice(0, 2));
  });

  it('has the demo users with their memberships', () => {
    const byEmail = new Map(dataset.users.map((u) => [u.email, u]));
    expect(DEMO_PASSWORD).toBe('madoguchi-demo');
    for (const u of dataset.users) expect(u.password).toBe(DEMO_PASSWORD);
    const roles = (email: string): string[] => (byEmail.get(email)?.memberships ?? []).map((m) => `${m.tenantSlug}:${m.role}`).sort();
    expect(roles('admin@mirai-cc.example.jp')).toEqual(['hanamaru-tsuhan:admin', 'sakura-denki:admin']);
    expect(roles('sv@mirai-cc.example.jp')).toEqual(['hanamaru-tsuhan:supervisor', 'sakura-denki:supervisor']);
    expect(roles('agent@mirai-cc.example.jp')).toEqual(['hanamaru-tsuhan:agent', 'sakura-denki:agent']);
    expect(roles('agent.sakura@mirai-cc.example.jp')).toEqual(['sakura-denki:agent']);
    expect(roles('agent.hanamaru@mirai-cc.example.jp')).toEqual(['hanamaru-tsuhan:agent']);
    expect(roles('hq@mirai-cc.example.jp')).toEqual(['sakura-denki:hq']);
    expect(roles('viewer@sakura-denki.example.jp')).toEqual(['sakura-denki:client_viewer']);
    expect(roles('viewer@hanamaru.example.jp')).toEqual(['hanamaru-tsuhan:client_viewer']);
    expect(byEmail.get('admin@mirai-cc.example.jp')?.displayName).toBe('管理者 みらい');
  });

  it('has a realistic mix of cases, companies and channels', () => {
    for (const t of dataset.tenants) {
      const generated = t.customers.slice(2);
      const withCase = generated.filter((c) => c.cases.length > 0).length / generated.length;
      expect(withCase).toBeGreaterThan(0.18);
      expect(withCase).toBeLessThan(0.42);
      const cases = generated.flatMap((c) => c.cases);
      const open = cases.filter((c) => ['new', 'open', 'pending'].includes(c.status)).length / cases.length;
      expect(open).toBeGreaterThan(0.15);
      expect(open).toBeLessThan(0.55);
      const companies = generated.filter((c) => c.kind === 'company').length / generated.length;
      expect(companies).toBeGreaterThan(0.03);
      expect(companies).toBeLessThan(0.2);
      const interactions = t.customers.flatMap((c) => c.interactions);
      expect(interactions.some((i) => i.answeredAt === null)).toBe(true);
      expect(new Set(interactions.map((i) => i.channel)).size).toBeGreaterThanOrEqual(4);
      const written = t.customers.flatMap((c) => c.phones.map((p) => p.value));
      expect(written.some((v) => /^\d+$/.test(v))).toBe(true);
      expect(written.some((v) => v.includes('('))).toBe(true);
      expect(written.some((v) => /^0[789]0/.test(v))).toBe(true);
      expect(written.some((v) => /^\(?0[1-69]/.test(v))).toBe(true);
    }
    const hanamaru = tenant(dataset, 'hanamaru-tsuhan');
    const statuses = new Set(hanamaru.customers.flatMap((c) => c.orders.map((o) => o.status)));
    for (const s of ['delivered', 'cancelled', 'returned']) expect(statuses.has(s)).toBe(true);
    const sakura = tenant(dataset, 'sakura-denki');
    for (const c of sakura.customers) {
      expect(c.owned.length).toBeGreaterThanOrEqual(1);
      expect(c.owned.length).toBeLessThanOrEqual(3);
      for (const o of c.owned) {
        expect(o.serial).toMatch(/^S[A-Z]\d{4}-\d{2}[A-L]-\d{5}$/);
        expect(c.orders.some((x) => x.lines.some((l) => l.sku === o.sku))).toBe(true);
      }
    }
    const durable = new Set(['HM-1021', 'HM-1022', 'HM-1023']);
    for (const o of hanamaru.customers.flatMap((c) => c.owned)) expect(durable.has(o.sku)).toBe(true);
    const warranties = sakura.customers.flatMap((c) => c.owned).map((o) => Number(o.warrantyUntil?.slice(0, 4)) - Number(o.purchasedOn.slice(0, 4)));
    expect(new Set(warranties)).toEqual(new Set([1, 5]));
  });
});

describe('kanaToRomaji', () => {
  it('writes readings the way e-mail addresses do', () => {
    expect(kanaToRomaji('ヤマダ')).toBe('yamada');
    expect(kanaToRomaji('タロウ')).toBe('taro');
    expect(kanaToRomaji('イノウエ')).toBe('inoue');
    expect(kanaToRomaji('ショウタ')).toBe('shota');
    expect(kanaToRomaji('ハットリ')).toBe('hattori');
    expect(kanaToRomaji('ジュンコ')).toBe('junko');
    expect(kanaToRomaji('オオノ')).toBe('ono');
  });
});
