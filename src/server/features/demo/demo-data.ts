/**
 * Deterministic generator of realistic Japanese demo data for Madoguchi: one BPO center
 * (みらいコンタクトセンター) running two client companies — さくら電機 (appliances) and はなまる通販
 * (mail order) — with their customers, products, purchases, interactions and cases.
 *
 * Pure: no I/O, no clock, no Math.random(). The same options always give the same dataset.
 */
import { ANCHOR_CASE_COUNT, ANCHOR_EMAILS, ANCHOR_PHONES, ANCHOR_SERIALS, hanamaruAnchors, sakuraAnchors } from './demo-anchors.js';
import { HANAMARU_PRODUCTS, SAKURA_PRODUCTS, toDemoProduct } from './demo-catalog.js';
import { shuffled, type CustomerHistory, type StoryCustomer, type TenantContext } from './demo-contacts.js';
import { buildHanamaruHistory } from './demo-hanamaru.js';
import { companyIdentity, createRegistry, personIdentity, type UniqueRegistry } from './demo-people.js';
import { createRng, hashSeed, type Rng } from './demo-random.js';
import { buildSakuraHistory } from './demo-sakura.js';
import { DAY, HOUR, jstYear } from './demo-time.js';
import type { DemoCase, DemoCustomer, DemoDataset, DemoInteraction, DemoOrder, DemoTenant, DemoUser } from './demo-types.js';

export type {
  DemoCase, DemoCustomer, DemoDataset, DemoInteraction, DemoOrder, DemoOwned, DemoProduct, DemoRole, DemoTenant, DemoUser,
} from './demo-types.js';

/** Password of every demo user. */
export const DEMO_PASSWORD = 'madoguchi-demo';

export const DEMO_CENTER_NAME = 'みらいコンタクトセンター';

export interface GenerateDemoDatasetOptions {
  /** PRNG seed; the same seed (and other options) gives the same dataset */
  seed: number;
  /** the generated history ends just before this instant */
  now: Date;
  /** customers per tenant, anchors included (they come first) */
  customersPerTenant: number;
}

/** E-mail domain of the center's own staff (agent@, sv@ …). */
export const DEMO_STAFF_DOMAIN = 'mirai-cc.example.jp';
const MIRAI = DEMO_STAFF_DOMAIN;
const SAKURA = 'sakura-denki';
const HANAMARU = 'hanamaru-tsuhan';

function user(email: string, displayName: string, memberships: DemoUser['memberships'], locale: DemoUser['locale'] = 'ja'): DemoUser {
  return { email, displayName, password: DEMO_PASSWORD, locale, memberships };
}

function demoUsers(): DemoUser[] {
  const both = (role: DemoUser['memberships'][number]['role']): DemoUser['memberships'] => [
    { tenantSlug: SAKURA, role },
    { tenantSlug: HANAMARU, role },
  ];
  return [
    user(`admin@${MIRAI}`, '管理者 みらい', both('admin'), 'en'),
    user(`sv@${MIRAI}`, '高橋 美咲', both('supervisor')),
    user(`agent@${MIRAI}`, '中村 さやか', both('agent')),
    user(`agent.sakura@${MIRAI}`, '木村 健太', [{ tenantSlug: SAKURA, role: 'agent' }]),
    user(`agent.sakura2@${MIRAI}`, '伊藤 翔太', [{ tenantSlug: SAKURA, role: 'agent' }]),
    user(`agent.hanamaru@${MIRAI}`, '松本 あゆみ', [{ tenantSlug: HANAMARU, role: 'agent' }]),
    user(`agent.hanamaru2@${MIRAI}`, '小林 真由美', [{ tenantSlug: HANAMARU, role: 'agent' }]),
    user(`hq@${MIRAI}`, '森 真理子', [{ tenantSlug: SAKURA, role: 'hq' }]),
    user('viewer@sakura-denki.example.jp', '青木 誠（さくら電機 品質保証部）', [{ tenantSlug: SAKURA, role: 'client_viewer' }]),
    user('viewer@hanamaru.example.jp', '小川 恵（はなまる通販 カスタマーサービス課）', [{ tenantSlug: HANAMARU, role: 'client_viewer' }]),
  ];
}

interface TenantDef {
  slug: string;
  name: string;
  prefix: 'SD' | 'HM';
  products: DemoTenant['products'];
  anchors: (now: number) => DemoCustomer[];
  story: (ctx: TenantContext, reg: UniqueRegistry, who: StoryCustomer) => CustomerHistory;
}

const TENANTS: readonly TenantDef[] = [
  { slug: SAKURA, name: 'さくら電機株式会社', prefix: 'SD', products: SAKURA_PRODUCTS.map(toDemoProduct), anchors: sakuraAnchors, story: buildSakuraHistory },
  { slug: HANAMARU, name: 'はなまる通販株式会社', prefix: 'HM', products: HANAMARU_PRODUCTS.map(toDemoProduct), anchors: hanamaruAnchors, story: buildHanamaruHistory },
];

/** Agents and supervisors who handle the tenant's contacts, weighted by how much they work on it. */
function staffOf(users: readonly DemoUser[], slug: string): { agents: [string, number][]; supervisors: string[] } {
  const agents: [string, number][] = [];
  const supervisors: string[] = [];
  for (const u of users) {
    for (const m of u.memberships) {
      if (m.tenantSlug !== slug) continue;
      if (m.role === 'supervisor') {
        supervisors.push(u.email);
        agents.push([u.email, 1]);
      } else if (m.role === 'agent') {
        // the shared operator splits their time between the two companies
        agents.push([u.email, u.memberships.length > 1 ? 3 : 3.5]);
      }
    }
  }
  return { agents, supervisors };
}

function assembleInteractions(rng: Rng, history: CustomerHistory): DemoInteraction[] {
  const n = Math.max(rng.weighted([[1, 30], [2, 25], [3, 20], [4, 15], [5, 10]] as const), history.mandatory.length);
  const out = [...history.mandatory];
  for (const ix of shuffled(rng, history.optional)) {
    if (out.length >= n) break;
    out.push(ix);
  }
  for (let guard = 0; out.length < n && guard < 12; guard++) {
    const ix = history.filler();
    if (ix) out.push(ix);
  }
  return out;
}

function byTime<T>(get: (x: T) => Date): (a: T, b: T) => number {
  return (a, b) => get(a).getTime() - get(b).getTime();
}

function buildTenant(def: TenantDef, opts: { seed: number; now: number; count: number }, users: DemoUser[], reg: UniqueRegistry): DemoTenant {
  const rng = createRng(hashSeed(opts.seed, def.slug));
  const staff = staffOf(users, def.slug);
  const ctx: TenantContext = {
    rng,
    now: opts.now,
    windowFrom: opts.now - 540 * DAY,
    latest: opts.now - 2 * HOUR,
    agents: staff.agents,
    supervisors: staff.supervisors,
    caseLinks: new Map(),
  };
  const customers = def.anchors(opts.now).slice(0, opts.count);
  const generatedCases: DemoCase[] = [];
  const generatedOrders: DemoOrder[] = [];
  for (let i = customers.length; i < opts.count; i++) {
    const identity = rng.chance(0.1) ? companyIdentity(rng, reg) : personIdentity(rng, reg);
    const history = def.story(ctx, reg, { kind: identity.kind, seniority: identity.seniority });
    const interactions = assembleInteractions(rng, history);
    generatedCases.push(...history.cases);
    generatedOrders.push(...history.orders);
    customers.push({
      ref: `${def.prefix}-C${String(i + 1).padStart(4, '0')}`,
      kind: identity.kind,
      name: identity.name,
      nameKana: identity.nameKana,
      companyName: identity.companyName,
      gender: identity.gender,
      ageGroup: identity.ageGroup,
      prefecture: identity.prefecture,
      postalCode: identity.postalCode,
      address: identity.address,
      consentMarketing: identity.consentMarketing,
      phones: identity.phones,
      emails: identity.emails,
      owned: history.owned.sort((a, b) => a.purchasedOn.localeCompare(b.purchasedOn)),
      orders: history.orders.sort(byTime((o) => o.orderedAt)),
      interactions: interactions.sort(byTime((x) => x.offeredAt)),
      cases: history.cases.sort(byTime((c) => c.createdAt)),
    });
  }

  // number cases and orders in the order they happened, after the numbers the anchors use
  let caseNo = ANCHOR_CASE_COUNT[def.prefix] ?? 0;
  for (const c of generatedCases.sort(byTime((x) => x.createdAt))) {
    c.ref = `${def.prefix}-CS-${String(++caseNo).padStart(5, '0')}`;
  }
  for (const [ix, c] of ctx.caseLinks) ix.caseRef = c.ref;
  const counters = new Map<number, number>();
  for (const o of generatedOrders.sort(byTime((x) => x.orderedAt))) {
    const year = jstYear(o.orderedAt.getTime());
    const next = (counters.get(year) ?? 1000 + rng.int(0, 400)) + rng.int(1, 30);
    counters.set(year, next);
    o.orderNumber = `${def.prefix}${year}-${String(next).padStart(6, '0')}`;
  }

  return { slug: def.slug, name: def.name, timeZone: 'Asia/Tokyo', products: def.products.map((p) => ({ ...p })), customers };
}

/**
 * Generates the demo dataset. Anchor customers (SD-C0001 山田 太郎, SD-C0002 / HM-C0002 鈴木 一郎,
 * HM-C0001 佐藤 花子) come first in each tenant; the rest is random but reproducible from `seed`.
 */
export function generateDemoDataset(opts: GenerateDemoDatasetOptions): DemoDataset {
  const now = opts.now.getTime();
  if (!Number.isFinite(now)) throw new RangeError('now must be a valid date');
  if (!Number.isInteger(opts.customersPerTenant) || opts.customersPerTenant < 0) {
    throw new RangeError('customersPerTenant must be a non-negative integer');
  }
  const reg = createRegistry();
  for (const p of ANCHOR_PHONES) reg.phones.add(p.replace(/\D/g, ''));
  for (const e of ANCHOR_EMAILS) reg.emails.add(e);
  for (const s of ANCHOR_SERIALS) reg.serials.add(s);
  const users = demoUsers();
  const tenants = TENANTS.map((def) => buildTenant(def, { seed: opts.seed, now, count: opts.customersPerTenant }, users, reg));
  return { centerName: DEMO_CENTER_NAME, tenants, users };
}
