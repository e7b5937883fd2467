import { chance, exponential, pickOne, pickWeighted, poissonGapMs, streamRand, type Rand } from './distributions.js';
import type { SimChannel, SimParams } from './sim-params.js';

/**
 * The customer side of the simulation (pure): when the next contact arrives, on which channel and
 * queue, who it is (a known demo customer's phone, e-mail or serial, so the screen pop has content,
 * or an unknown number), what it is about, and how long the customer waits before hanging up.
 */

export interface SimQueue {
  readonly id: string;
  readonly name: string;
}

/** What identifies one existing customer (any may be missing). */
export interface SimCustomerKey {
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly serial?: string | null;
}

export interface SimTenant {
  readonly slug: string;
  readonly queues: readonly SimQueue[];
  readonly customers: readonly SimCustomerKey[];
  /** Relative share of the arrivals (default 1). */
  readonly weight?: number;
}

/** One contact to create: the body of `POST /api/v1/contacts` plus the customer's patience. */
export interface ContactPlan {
  readonly seq: number;
  readonly tenantSlug: string;
  readonly channel: SimChannel;
  readonly queueId: string;
  readonly queueName: string;
  /** Idempotency key: `sim-<run>-<seq>`; a retried POST gives the same contact. */
  readonly externalId: string;
  readonly from: string | null;
  readonly serial: string | null;
  readonly subject: string;
  readonly context: Readonly<Record<string, unknown>>;
  /** The customer hangs up after waiting this long; null = never. */
  readonly patienceMs: number | null;
  /** Built from a known customer's key (the screen pop should find them). */
  readonly known: boolean;
}

const SUBJECTS: Readonly<Record<string, readonly string[]>> = {
  'sakura-denki': ['電源が入らない', '修理の申し込み', '異音がする', '取扱説明書をなくした', 'リモコンが効かない', '保証期間の確認', '部品の取り寄せ', '設置の相談'],
  'hanamaru-tsuhan': ['注文内容の変更', '配送状況の確認', '返品したい', '定期便のお届け日変更', '定期便の解約', '請求金額の確認', 'ポイントの使い方', '商品が届かない'],
};
const GENERIC_SUBJECTS = ['お問い合わせ', '使い方の相談', '契約内容の確認', '請求について', '住所変更', 'その他のご相談'];

/** Channels as they usually split when both are simulated. */
const CHANNEL_WEIGHT: Readonly<Record<SimChannel, number>> = { voice: 3, chat: 1 };

/** Share of known-customer voice contacts that also key in a serial (IVR), when they own one. */
const SERIAL_SHARE = 0.35;
/** Share of known customers who call from a number we do not have, but give a serial. */
const OTHER_PHONE_SHARE = 0.15;

export interface CallerGenerator {
  /** ms until the next arrival (Poisson process of the configured rate). */
  nextGapMs(): number;
  /** The next contact; `seq` counts from 1. */
  next(): ContactPlan;
}

export function createCallerGenerator(params: SimParams, tenants: readonly SimTenant[], runId: string): CallerGenerator {
  const usable = tenants.filter((t) => t.queues.length > 0);
  if (usable.length === 0) throw new Error('createCallerGenerator: no tenant with a queue');
  const arrivals = streamRand(params.seed, 'arrivals');
  const who = streamRand(params.seed, 'callers');
  const patience = streamRand(params.seed, 'patience');
  let seq = 0;

  return {
    nextGapMs: () => poissonGapMs(arrivals, params.ratePerMinute),
    next(): ContactPlan {
      seq++;
      const tenant = pickWeighted(who, usable.map((t) => [t, t.weight ?? 1] as const));
      const channel = params.channels.length === 1 ? params.channels[0]! : pickWeighted(who, params.channels.map((c) => [c, CHANNEL_WEIGHT[c]] as const));
      const queue = pickOne(who, tenant.queues);
      const identity = pickIdentity(who, channel, tenant.customers, params.knownCustomerShare, seq);
      const subject = pickOne(who, SUBJECTS[tenant.slug] ?? GENERIC_SUBJECTS);
      const context: Record<string, unknown> = channel === 'voice'
        ? { ivr: { menu: String(1 + Math.floor(who() * 3)) }, simulator: { run: runId, seq } }
        : { chat: { entry: pickOne(who, ['web', 'app', 'faq']) }, simulator: { run: runId, seq } };
      return {
        seq, tenantSlug: tenant.slug, channel, queueId: queue.id, queueName: queue.name, externalId: `sim-${runId}-${seq}`,
        ...identity, subject, context,
        patienceMs: params.patienceMeanSec > 0 ? Math.round(exponential(patience, params.patienceMeanSec * 1000)) : null,
      };
    },
  };
}

function pickIdentity(rand: Rand, channel: SimChannel, customers: readonly SimCustomerKey[], knownShare: number, seq: number) {
  const usable = customers.filter((c) => c.phone || c.email || c.serial);
  if (usable.length > 0 && chance(rand, knownShare)) {
    const c = pickOne(rand, usable);
    if (channel === 'chat') {
      const from = c.email ?? c.phone ?? null;
      if (from) return { from, serial: null, known: true };
      return { from: null, serial: c.serial ?? null, known: true };
    }
    if (c.serial && (!c.phone || chance(rand, OTHER_PHONE_SHARE))) return { from: unknownPhone(rand), serial: c.serial, known: true };
    if (c.phone) return { from: c.phone, serial: c.serial && chance(rand, SERIAL_SHARE) ? c.serial : null, known: true };
  }
  return channel === 'chat' && chance(rand, 0.5)
    ? { from: `guest${String(seq).padStart(5, '0')}@sim.madoguchi.local`, serial: null, known: false }
    : { from: unknownPhone(rand), serial: null, known: false };
}

/** A well-formed Japanese mobile number (070/080/090) that the demo data is very unlikely to hold. */
export function unknownPhone(rand: Rand): string {
  const prefix = pickOne(rand, ['070', '080', '090']);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  return `${prefix}-${digits(4)}-${digits(4)}`;
}
