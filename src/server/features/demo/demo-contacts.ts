/**
 * Shared machinery for the tenant stories: the per-tenant generation context, placing contacts in
 * Japanese business hours with consistent timestamps, and turning a case topic into a case plus the
 * interactions that reference it.
 */
import type { Rng } from './demo-random.js';
import { DAY, HOUR, MINUTE, SECOND, jstMidnight, jstWeekday } from './demo-time.js';
import type { DemoCase, DemoInteraction, DemoOrder, DemoOwned } from './demo-types.js';

export interface TenantContext {
  rng: Rng;
  now: number;
  /** earliest contact time: about 18 months before now */
  windowFrom: number;
  /** latest contact start, leaving room for the whole contact before `now` */
  latest: number;
  /** agents and supervisors of the tenant with a weight */
  agents: readonly (readonly [string, number])[];
  supervisors: readonly string[];
  /** interaction → case, resolved into caseRef once case refs are numbered */
  caseLinks: Map<DemoInteraction, DemoCase>;
}

export type Channel = DemoInteraction['channel'];

/** What a tenant story produces for one customer. */
export interface CustomerHistory {
  owned: DemoOwned[];
  orders: DemoOrder[];
  cases: DemoCase[];
  /** interactions that must be kept (case contacts) */
  mandatory: DemoInteraction[];
  /** interactions that may be dropped to respect the per-customer count */
  optional: DemoInteraction[];
  /** makes one more everyday contact, or null if none fits */
  filler: () => DemoInteraction | null;
}

export interface StoryCustomer {
  kind: 'person' | 'company';
  seniority: number;
}

export interface ContactDraft {
  channel: Channel;
  direction: DemoInteraction['direction'];
  subject: string;
  notes: string;
  disposition: string | null;
  queue: string | null;
  /** not reached: inbound abandoned in queue, or outbound call with no answer */
  missed?: boolean;
  /** defaults to a weighted pick among the tenant's agents */
  agentEmail?: string;
}

const REALTIME: ReadonlySet<Channel> = new Set(['phone', 'chat', 'line', 'visit']);
const OPEN_MINUTE = 9 * 60;
/** last start so that wait + handle (≤15 min) + wrap-up (≤3 min) ends before 20:00 */
const LAST_START_REALTIME = 19 * 60 + 30;
/** async channels wait up to 90 min before an agent picks them up */
const LAST_START_ASYNC = 18 * 60;

export function lastStartMinute(channel: Channel): number {
  return REALTIME.has(channel) ? LAST_START_REALTIME : LAST_START_ASYNC;
}

/**
 * A random instant in [from, to] that falls in business hours (09:00 to `lastStart` JST), with fewer
 * contacts on Sundays. Null when the window holds no such instant.
 */
export function pickSlot(rng: Rng, from: number, to: number, lastStart = LAST_START_REALTIME): number | null {
  if (to < from) return null;
  for (let attempt = 0; attempt < 40; attempt++) {
    const day = jstMidnight(from + rng.next() * (to - from));
    if (jstWeekday(day) === 0 && rng.chance(0.6)) continue;
    // busier mornings: bias the minute towards the first half of the day
    const span = lastStart - OPEN_MINUTE;
    const minute = OPEN_MINUTE + Math.floor(Math.min(rng.next(), rng.next() * 1.3) * span);
    const t = day + Math.min(minute, lastStart) * MINUTE + rng.int(0, 59) * SECOND;
    if (t >= from && t <= to) return t;
  }
  // narrow window: scan the days it touches for any valid instant
  for (let day = jstMidnight(from); day <= to; day += DAY) {
    const lo = Math.max(from, day + OPEN_MINUTE * MINUTE);
    const hi = Math.min(to, day + lastStart * MINUTE);
    if (lo <= hi) return Math.min(hi, lo + Math.floor((rng.next() * (hi - lo)) / SECOND) * SECOND);
  }
  return null;
}

export function pickAgent(ctx: TenantContext): string {
  return ctx.rng.weighted(ctx.agents);
}

/** Builds the interaction with consistent timestamps starting at `offeredAt`. */
export function timeContact(ctx: TenantContext, draft: ContactDraft, offeredAt: number): DemoInteraction {
  const { rng } = ctx;
  const realtime = REALTIME.has(draft.channel);
  let answered: number | null;
  let ended: number;
  let wrapEnded: number | null;
  let agent: string | null = draft.agentEmail ?? pickAgent(ctx);
  if (draft.missed) {
    answered = null;
    if (draft.direction === 'inbound') {
      ended = offeredAt + rng.int(15, 120) * SECOND;
      wrapEnded = null;
      agent = null;
    } else {
      ended = offeredAt + rng.int(20, 45) * SECOND;
      wrapEnded = ended + rng.int(30, 180) * SECOND;
    }
  } else {
    let wait: number;
    if (draft.direction === 'outbound') wait = draft.channel === 'phone' ? rng.int(5, 30) * SECOND : 0;
    else if (draft.channel === 'visit') wait = rng.int(0, 300) * SECOND;
    else if (realtime) wait = rng.int(5, 180) * SECOND;
    else wait = rng.int(5, 90) * MINUTE;
    answered = offeredAt + wait;
    ended = answered + rng.int(120, 900) * SECOND;
    wrapEnded = ended + rng.int(30, 180) * SECOND;
  }
  return {
    channel: draft.channel,
    direction: draft.direction,
    subject: draft.subject,
    notes: draft.notes,
    disposition: draft.disposition,
    queue: draft.queue,
    agentEmail: agent,
    offeredAt: new Date(offeredAt),
    answeredAt: answered === null ? null : new Date(answered),
    endedAt: new Date(ended),
    wrapUpEndedAt: wrapEnded === null ? null : new Date(wrapEnded),
    caseRef: null,
  };
}

/** Places a contact somewhere in [from, to] ∩ the 18-month window; null if impossible. */
export function placeContact(ctx: TenantContext, draft: ContactDraft, from: number, to: number): DemoInteraction | null {
  return placeContactWith(ctx, draft.channel, from, to, () => draft);
}

/** Like placeContact, but the draft may depend on when the contact happens (warranty, elapsed days). */
export function placeContactWith(
  ctx: TenantContext,
  channel: Channel,
  from: number,
  to: number,
  make: (at: number) => ContactDraft | null,
): DemoInteraction | null {
  const slot = pickSlot(ctx.rng, Math.max(from, ctx.windowFrom), Math.min(to, ctx.latest), lastStartMinute(channel));
  if (slot === null) return null;
  const draft = make(slot);
  return draft ? timeContact(ctx, { ...draft, channel }, slot) : null;
}

export type CaseStatus = DemoCase['status'];
export type CasePriority = DemoCase['priority'];

const STATUS_WEIGHTS: readonly (readonly [CaseStatus, number])[] = [
  ['new', 7], ['open', 14], ['pending', 12], ['resolved', 40], ['closed', 27],
];

export function pickCaseStatus(rng: Rng): CaseStatus {
  return rng.weighted(STATUS_WEIGHTS);
}

export function isOpenStatus(status: CaseStatus): boolean {
  return status === 'new' || status === 'open' || status === 'pending';
}

/** When a case with this status plausibly started: open ones recently, finished ones any time. */
export function caseWindow(ctx: TenantContext, status: CaseStatus): { from: number; to: number } {
  switch (status) {
    case 'new':
      return { from: ctx.now - 3 * DAY, to: ctx.latest };
    case 'open':
      return { from: ctx.now - 14 * DAY, to: ctx.latest };
    case 'pending':
      return { from: ctx.now - 25 * DAY, to: ctx.latest - 1 * DAY };
    default:
      return { from: ctx.windowFrom, to: ctx.now - 10 * DAY };
  }
}

export interface CaseTopic {
  title: string;
  description: string;
  department: string;
  category: string;
  priority: CasePriority;
  /** the contact that opened the case */
  first: ContactDraft;
  /** reporting the outcome of a finished case */
  followResolved: ContactDraft;
  /** an update while the case is still open (null: none) */
  followOpen: ContactDraft | null;
  /** side effect once the case is placed, e.g. mark the order returned */
  onPlaced?: (status: CaseStatus, createdAt: number) => void;
}

export interface BuiltCase {
  kase: DemoCase;
  interactions: DemoInteraction[];
}

/** 0–2 cases for one customer (70 / 25 / 5 %), each tried up to four times, with the contacts that opened them. */
export function buildCustomerCases(rng: Rng, tryCase: (status: CaseStatus) => BuiltCase | null): { cases: DemoCase[]; mandatory: DemoInteraction[] } {
  const cases: DemoCase[] = [];
  const mandatory: DemoInteraction[] = [];
  const caseCount = rng.weighted([[0, 70], [1, 25], [2, 5]] as const);
  for (let c = 0; c < caseCount; c++) {
    const status = pickCaseStatus(rng);
    let built: BuiltCase | null = null;
    for (let attempt = 0; attempt < 4 && !built; attempt++) built = tryCase(status);
    if (built) {
      cases.push(built.kase);
      mandatory.push(...built.interactions);
    }
  }
  return { cases, mandatory };
}

/**
 * Materializes a case: the first contact (on `channel`, in [from, to] ∩ the window of `status`), the
 * case itself and, when it fits, a follow-up contact. Null if it cannot be placed.
 */
export function buildCase(
  ctx: TenantContext,
  status: CaseStatus,
  channel: Channel,
  from: number,
  to: number,
  make: (at: number) => CaseTopic | null,
): BuiltCase | null {
  const win = caseWindow(ctx, status);
  let topic: CaseTopic | null = null;
  const first = placeContactWith(ctx, channel, Math.max(win.from, from), Math.min(win.to, to), (at) => {
    topic = make(at);
    return topic ? topic.first : null;
  });
  const chosen = topic as CaseTopic | null;
  if (!first || first.endedAt === null || !chosen) return null;
  return finishCase(ctx, status, chosen, first);
}

function finishCase(ctx: TenantContext, status: CaseStatus, topic: CaseTopic, first: DemoInteraction): BuiltCase | null {
  const { rng } = ctx;
  if (first.endedAt === null) return null;
  const createdAt = first.endedAt.getTime();
  const dueDays = rng.int(1, 7);
  const open = isOpenStatus(status);
  let owner: string | null;
  if (status === 'new') owner = rng.chance(0.6) ? null : pickAgent(ctx);
  else if (topic.priority === 'urgent' || topic.priority === 'high') owner = rng.chance(0.5) ? rng.pick(ctx.supervisors) : pickAgent(ctx);
  else owner = rng.chance(0.1) ? null : first.agentEmail ?? pickAgent(ctx);
  const kase: DemoCase = {
    ref: '',
    title: topic.title,
    description: topic.description,
    status,
    priority: topic.priority,
    createdAt: new Date(createdAt),
    dueAt: new Date(createdAt + dueDays * DAY),
    ownerEmail: owner,
    department: topic.department,
    category: topic.category,
  };
  const interactions = [first];
  ctx.caseLinks.set(first, kase);
  let follow: DemoInteraction | null = null;
  if (!open) {
    follow = placeContact(ctx, { ...topic.followResolved, agentEmail: owner ?? pickAgent(ctx) }, createdAt + 2 * HOUR, createdAt + dueDays * DAY);
  } else if (status !== 'new' && topic.followOpen && rng.chance(0.6)) {
    const missed = topic.followOpen.direction === 'outbound' && topic.followOpen.channel === 'phone' && rng.chance(0.25);
    const draft: ContactDraft = missed
      ? { ...topic.followOpen, missed: true, disposition: '不在・放棄', notes: '折り返し架電したが応答なし。留守番電話に再度連絡する旨のメッセージを残した。' }
      : topic.followOpen;
    follow = placeContact(ctx, { ...draft, agentEmail: owner ?? pickAgent(ctx) }, createdAt + 1 * HOUR, ctx.latest);
  }
  if (follow) {
    interactions.push(follow);
    ctx.caseLinks.set(follow, kase);
  }
  topic.onPlaced?.(status, createdAt);
  return { kase, interactions };
}

/** An inbound call abandoned while waiting in the queue. */
export function missedCallDraft(queue: string): ContactDraft {
  return {
    channel: 'phone',
    direction: 'inbound',
    subject: '着信（応答前に切断）',
    notes: 'IVRでメニュー選択後、オペレーター接続待ちの間に切断された。',
    disposition: '不在・放棄',
    queue,
    missed: true,
  };
}

/** The moment inside a contact at which an order taken during it is registered. */
export function orderTimeWithin(ctx: TenantContext, ix: DemoInteraction): number {
  const start = (ix.answeredAt ?? ix.offeredAt).getTime();
  const end = (ix.endedAt ?? ix.offeredAt).getTime();
  return start + Math.floor(((end - start) * ctx.rng.range(0.5, 0.9)) / SECOND) * SECOND;
}

/** Fisher–Yates shuffle (copy). */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Channel of an inbound contact; older customers phone, FAX and write more. */
export function pickInboundChannel(rng: Rng, seniority: number, weights: readonly (readonly [Channel, number])[]): Channel {
  return rng.weighted(
    weights.map(([ch, w]) => {
      if (ch === 'phone' || ch === 'fax' || ch === 'postcard') return [ch, w * (0.7 + seniority)] as const;
      if (ch === 'chat' || ch === 'line' || ch === 'web') return [ch, w * (1.3 - seniority)] as const;
      return [ch, w] as const;
    }),
  );
}
