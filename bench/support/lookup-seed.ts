import { sql } from 'drizzle-orm';
import type { Database } from '../../src/server/db/client.js';
import { newId } from '../../src/server/platform/ids.js';
import { searchFieldsOf } from '../../src/server/features/customers/customer.service.js';
import { execSql } from './bench-kit.js';

/**
 * Bulk seeding for the lookup bench: `INSERT … SELECT generate_series(…)` in chunks, never the
 * services one by one (that would take hours at 100k customers on PGlite).
 *
 * Every row is a pure function of (tenant tag, customer number i), so child rows recompute their
 * parent's id instead of joining. Ids are UUIDv7-shaped (48-bit ms timestamp, version 7,
 * variant 10, 74 bits from md5 of a per-row seed) so primary-key btrees see the same
 * time-ordered inserts as production ids from `uuidv7()`. No `uuidv7()` in SQL: PostgreSQL 15
 * lacks it (ARCHITECTURE.md).
 *
 * Customer i of every tenant has the same phone and serials: tenant B reuses tenant A's keys for
 * its first customers, so a lookup that forgot `tenant_id` would find two owners.
 */

export const PRODUCTS_PER_TENANT = 40;
export const AGENTS = 20;
export const OWNED_PER_CUSTOMER = 2;
export const INTERACTIONS_PER_CUSTOMER = 3;

const BASE_MS = Date.UTC(2021, 0, 1);
const SPAN_MS = 4 * 365 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const textArray = (xs: readonly string[]) => `ARRAY[${xs.map(lit).join(',')}]::text[]`;

/** UUIDv7-shaped uuid from an epoch-ms SQL expression and a text seed expression. */
const v7 = (msExpr: string, seedExpr: string) =>
  `(lpad(to_hex((${msExpr})::bigint), 12, '0') || '7' || substr(md5(${seedExpr}), 1, 3) || '8' || substr(md5(${seedExpr}), 4, 15))::uuid`;
const tsOf = (msExpr: string) => `to_timestamp((${msExpr})::double precision / 1000)`;

/** The E.164 phone of customer i: +81 90 then 8 digits starting 1-9 (libphonenumber-valid); 7919 is prime to 9·10⁷ so it is a bijection. */
export const phoneSql = (i: string) => `'+8190' || (10000000 + ((${i})::bigint * 7919 + 1234567) % 90000000)::text`;
/** Display form of serial j of customer i, e.g. KA-0001234-9F3C; normalized = upper case without hyphens. */
const serialSql = (i: string, j: string) => `'K' || chr(65 + ${j}) || '-' || lpad((${i})::text, 7, '0') || '-' || upper(substr(md5('s' || (${i}) || ':' || (${j})), 1, 4))`;

const FAMILY = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['斎藤', 'サイトウ'], ['清水', 'シミズ'],
] as const;
const GIVEN = [
  ['花子', 'ハナコ', 'female'], ['陽菜', 'ヒナ', 'female'], ['美咲', 'ミサキ', 'female'], ['結衣', 'ユイ', 'female'], ['恵子', 'ケイコ', 'female'],
  ['由美', 'ユミ', 'female'], ['さくら', 'サクラ', 'female'], ['真由美', 'マユミ', 'female'], ['愛', 'アイ', 'female'], ['裕子', 'ユウコ', 'female'],
  ['太郎', 'タロウ', 'male'], ['翔太', 'ショウタ', 'male'], ['大輔', 'ダイスケ', 'male'], ['健一', 'ケンイチ', 'male'], ['蓮', 'レン', 'male'],
  ['拓也', 'タクヤ', 'male'], ['誠', 'マコト', 'male'], ['浩二', 'コウジ', 'male'], ['悠斗', 'ユウト', 'male'], ['修', 'オサム', 'male'],
] as const;
const PREFECTURES = ['東京都', '神奈川県', '大阪府', '愛知県', '埼玉県', '千葉県', '兵庫県', '北海道', '福岡県', '静岡県'];

/** 400 name combinations with search_text / search_terms computed by the product's own function. */
function namesValues(): string {
  const rows: string[] = [];
  let k = 0;
  for (const [fk, fkana] of FAMILY) {
    for (const [gk, gkana, gender] of GIVEN) {
      const name = `${fk} ${gk}`;
      const nameKana = `${fkana} ${gkana}`;
      const s = searchFieldsOf({ name, nameKana });
      rows.push(`(${k++}, ${lit(name)}, ${lit(nameKana)}, ${lit(gender)}, ${lit(s.searchText)}, ${textArray(s.searchTerms)})`);
    }
  }
  return `(VALUES ${rows.join(',\n')}) AS n(k, name, kana, gender, st, terms)`;
}
const NAME_COUNT = FAMILY.length * GIVEN.length;

export interface TenantSeed {
  tenantId: string;
  /** Distinguishes the tenants' row ids; keys (phones, serials) deliberately do not depend on it. */
  tag: string;
  customers: number;
}

export interface SeedTimings {
  total_ms: number;
  rows: Record<string, number>;
  ms_by_table: Record<string, number>;
}

/** Seeds products, agents and `customers` customers with their children into one tenant. */
export async function seedTenant(database: Database, t: TenantSeed, opts: { chunk: number; agentIds: string[]; onProgress?: (done: number) => void }) {
  const timings: SeedTimings = { total_ms: 0, rows: {}, ms_by_table: {} };
  const started = performance.now();
  const timed = async (table: string, text: string) => {
    const t0 = performance.now();
    await execSql(database, text);
    timings.ms_by_table[table] = (timings.ms_by_table[table] ?? 0) + (performance.now() - t0);
  };

  const productIds = Array.from({ length: PRODUCTS_PER_TENANT }, () => newId());
  await database.db.execute(sql.raw(`INSERT INTO products (id, tenant_id, sku, name, category, price_jpy) VALUES ${productIds
    .map((id, p) => `(${lit(id)}, ${lit(t.tenantId)}, ${lit(`SKU-${String(p + 1).padStart(4, '0')}`)}, ${lit(`製品 ${p + 1} 型`)}, ${lit(['家電', '美容', '調理', '空調'][p % 4]!)}, ${(p + 1) * 1980})`)
    .join(',')}`));
  const products = `(${lit(`{${productIds.join(',')}}`)}::uuid[])`;
  const agents = `(${lit(`{${opts.agentIds.join(',')}}`)}::uuid[])`;

  const T = `${lit(t.tenantId)}::uuid`;
  const tag = t.tag;
  const step = Math.max(1, Math.floor(SPAN_MS / Math.max(1, t.customers)));
  const msOf = (i: string) => `${BASE_MS}::bigint + (${i})::bigint * ${step}`;
  const customerId = (i: string) => v7(msOf(i), `'${tag}c' || (${i})`);
  const caseId = (i: string) => v7(`${msOf(i)} + ${DAY_MS}`, `'${tag}k' || (${i})`);
  const orderId = (i: string, k: string) => v7(`${msOf(i)} + (${k}) * ${30 * DAY_MS}`, `'${tag}o' || (${i}) || ':' || (${k})`);
  const names = namesValues();

  for (let lo = 0; lo < t.customers; lo += opts.chunk) {
    const hi = Math.min(t.customers, lo + opts.chunk) - 1;
    const series = `generate_series(${lo}, ${hi}) AS g(i)`;

    await timed('customers', `
      INSERT INTO customers (id, tenant_id, external_ref, kind, name, name_kana, gender, age_group, prefecture, postal_code, address,
                             consent_marketing, search_text, search_terms, created_at, updated_at)
      SELECT ${customerId('i')}, ${T}, 'M' || lpad(i::text, 8, '0'), 'person', n.name, n.kana, n.gender,
             (ARRAY['20代','30代','40代','50代','60代','70代'])[1 + i % 6], (${textArray(PREFECTURES)})[1 + i % ${PREFECTURES.length}],
             lpad(((i::bigint * 7717) % 10000000)::text, 7, '0'), '中央' || (1 + i % 9) || '丁目' || (1 + i % 30) || '-' || (1 + i % 12),
             i % 5 = 0, n.st, n.terms, ${tsOf(msOf('i'))}, ${tsOf(`${msOf('i')} + ${DAY_MS}`)}
      FROM ${series} JOIN ${names} ON n.k = i % ${NAME_COUNT}`);

    // A mobile phone for everyone, an e-mail for every other customer (the 360 lists both).
    await timed('contact_points', `
      INSERT INTO contact_points (id, tenant_id, customer_id, kind, value, label, is_primary, created_at)
      SELECT ${v7(msOf('i'), `'${tag}p' || i`)}, ${T}, ${customerId('i')}, 'phone', ${phoneSql('i')}, '携帯', true, ${tsOf(msOf('i'))}
      FROM ${series}
      UNION ALL
      SELECT ${v7(msOf('i'), `'${tag}e' || i`)}, ${T}, ${customerId('i')}, 'email', 'm' || lpad(i::text, 8, '0') || '@example.jp', NULL, true, ${tsOf(msOf('i'))}
      FROM ${series} WHERE i % 2 = 0`);

    await timed('owned_products', `
      INSERT INTO owned_products (id, tenant_id, customer_id, product_id, serial, serial_normalized, purchased_on, warranty_until, created_at)
      SELECT ${v7(msOf('i'), `'${tag}w' || i || ':' || j`)}, ${T}, ${customerId('i')}, ${products}[1 + (i * ${OWNED_PER_CUSTOMER} + j) % ${PRODUCTS_PER_TENANT}],
             s.serial, upper(replace(s.serial, '-', '')), d.purchased, d.purchased + 365, ${tsOf(msOf('i'))}
      FROM (SELECT i, j, ${serialSql('i', 'j')} AS serial FROM ${series}, generate_series(0, ${OWNED_PER_CUSTOMER - 1}) AS h(j)) s,
           LATERAL (SELECT (${tsOf(msOf('i'))})::date - (s.j * 200) AS purchased) d`);

    // One case for every third customer, cycling through all statuses (3 of 5 are open).
    await timed('cases', `
      INSERT INTO cases (id, tenant_id, number, customer_id, title, description, status, priority, due_at, owner_user_id, department, category,
                         created_at, updated_at, resolved_at, closed_at)
      SELECT ${caseId('i')}, ${T}, i / 3 + 1, ${customerId('i')}, (ARRAY['故障の問い合わせ','返品の相談','配送状況の確認','請求内容の確認'])[1 + i % 4],
             '電話で受付', c.status, (ARRAY['low','normal','normal','high','urgent'])[1 + i % 5], ${tsOf(`${msOf('i')} + ${8 * DAY_MS}`)},
             ${agents}[1 + i % ${AGENTS}], 'サポート', '製品', ${tsOf(`${msOf('i')} + ${DAY_MS}`)}, ${tsOf(`${msOf('i')} + ${2 * DAY_MS}`)},
             CASE WHEN c.status IN ('resolved','closed') THEN ${tsOf(`${msOf('i')} + ${2 * DAY_MS}`)} END,
             CASE WHEN c.status = 'closed' THEN ${tsOf(`${msOf('i')} + ${2 * DAY_MS}`)} END
      FROM ${series}, LATERAL (SELECT (ARRAY['new','open','pending','resolved','closed'])[1 + (i / 3) % 5] AS status) c
      WHERE i % 3 = 0`);

    await timed('interactions', `
      INSERT INTO interactions (id, tenant_id, customer_id, case_id, channel, direction, queue, agent_user_id, subject, notes, disposition,
                                offered_at, answered_at, ended_at, wrap_up_ended_at, created_at, updated_at)
      SELECT ${v7(`${msOf('i')} + k * ${7 * DAY_MS}`, `'${tag}x' || i || ':' || k`)}, ${T}, ${customerId('i')},
             CASE WHEN i % 3 = 0 AND k = 0 THEN ${caseId('i')} END,
             (ARRAY['phone','email','chat'])[1 + k], CASE WHEN k = 2 THEN 'outbound' ELSE 'inbound' END, 'support',
             ${agents}[1 + (i + k) % ${AGENTS}], '問い合わせ ' || (k + 1), 'メモ', 'resolved',
             ${tsOf(`${msOf('i')} + k * ${7 * DAY_MS}`)}, ${tsOf(`${msOf('i')} + k * ${7 * DAY_MS} + 20000`)},
             ${tsOf(`${msOf('i')} + k * ${7 * DAY_MS} + 320000`)}, ${tsOf(`${msOf('i')} + k * ${7 * DAY_MS} + 380000`)},
             ${tsOf(`${msOf('i')} + k * ${7 * DAY_MS}`)}, ${tsOf(`${msOf('i')} + k * ${7 * DAY_MS} + 380000`)}
      FROM ${series}, generate_series(0, ${INTERACTIONS_PER_CUSTOMER - 1}) AS x(k)`);

    // 0–3 orders per customer (i % 4), each with 1–2 lines.
    await timed('orders', `
      INSERT INTO orders (id, tenant_id, customer_id, order_number, ordered_at, status, channel, total_jpy, created_at, updated_at)
      SELECT ${orderId('i', 'k')}, ${T}, ${customerId('i')}, 'O' || lpad(i::text, 8, '0') || '-' || k, ${tsOf(`${msOf('i')} + k * ${30 * DAY_MS}`)},
             (ARRAY['received','shipped','delivered'])[1 + (i + k) % 3], (ARRAY['phone','web','postcard'])[1 + k % 3],
             1980 * (1 + (i + k) % 2), ${tsOf(`${msOf('i')} + k * ${30 * DAY_MS}`)}, ${tsOf(`${msOf('i')} + k * ${30 * DAY_MS}`)}
      FROM ${series}, generate_series(1, i % 4) AS o(k)`);

    await timed('order_lines', `
      INSERT INTO order_lines (id, tenant_id, order_id, product_id, sku, name, quantity, unit_price_jpy, position)
      SELECT ${v7(`${msOf('i')} + k * ${30 * DAY_MS}`, `'${tag}l' || i || ':' || k || ':' || l`)}, ${T}, ${orderId('i', 'k')},
             ${products}[1 + (i + k + l) % ${PRODUCTS_PER_TENANT}], 'SKU-' || lpad((1 + (i + k + l) % ${PRODUCTS_PER_TENANT})::text, 4, '0'),
             '製品 ' || (1 + (i + k + l) % ${PRODUCTS_PER_TENANT}) || ' 型', 1, 1980, l
      FROM ${series}, generate_series(1, i % 4) AS o(k), generate_series(0, (i + k) % 2) AS ol(l)`);

    opts.onProgress?.(hi + 1);
  }

  await execSql(database, `INSERT INTO tenant_counters (tenant_id, name, value) VALUES (${T}, 'case', ${Math.ceil(t.customers / 3)})`);
  const counts = await execSql(database, `SELECT
      (SELECT count(*) FROM customers WHERE tenant_id = ${T}) AS customers,
      (SELECT count(*) FROM contact_points WHERE tenant_id = ${T}) AS contact_points,
      (SELECT count(*) FROM owned_products WHERE tenant_id = ${T}) AS owned_products,
      (SELECT count(*) FROM cases WHERE tenant_id = ${T}) AS cases,
      (SELECT count(*) FROM interactions WHERE tenant_id = ${T}) AS interactions,
      (SELECT count(*) FROM orders WHERE tenant_id = ${T}) AS orders,
      (SELECT count(*) FROM order_lines WHERE tenant_id = ${T}) AS order_lines`);
  for (const [k, v] of Object.entries(counts[0]!)) timings.rows[k] = Number(v);
  timings.total_ms = performance.now() - started;
  return timings;
}

/** Agents the interactions and cases point at (users are global; memberships per tenant). */
export async function seedAgents(database: Database, tenantIds: string[]): Promise<string[]> {
  const ids = Array.from({ length: AGENTS }, () => newId());
  await execSql(database, `INSERT INTO users (id, email, display_name, password_hash) VALUES ${ids
    .map((id, n) => `(${lit(id)}, ${lit(`agent${n + 1}@bench.test`)}, ${lit(`オペレーター ${n + 1}`)}, 'not-a-hash')`).join(',')}`);
  await execSql(database, `INSERT INTO memberships (user_id, tenant_id, role) VALUES ${tenantIds
    .flatMap((t) => ids.map((id) => `(${lit(id)}, ${lit(t)}, 'agent')`)).join(',')}`);
  return ids;
}
