/**
 * Routing configuration of the demo center: per client company its skills, business hours, queues
 * (with overflow), break and disposition codes, and what each demo agent can do. Agents differ on
 * purpose (agent@ speaks English but does not take repairs; agent.sakura@ does repairs) so that
 * routing by skill is visible in the demo.
 *
 * Pure: ids and the time stamp are passed in.
 */
import type { BusinessHours, OpenInterval } from '../../../core/routing/business-hours.js';
import type { Channel } from '../../../core/routing/routing.types.js';
import type { IdGenerator } from '../../platform/ids.js';
import { DEMO_STAFF_DOMAIN, type DemoDataset } from './demo-data.js';
import type { DemoRows } from './demo-seed.repository.js';

export type DemoRoutingRows = Pick<DemoRows, 'routingSkills' | 'businessHours' | 'routingQueues' | 'agentProfiles' | 'agentSkills' | 'reasonCodes'>;

type Overflow = { afterSec: number; addQueue: string } | { afterSec: number; relaxBy: number };

interface QueuePlan {
  name: string;
  /** skill name → minimum level */
  requires: Record<string, number>;
  priority: number;
  stickyWindowSec: number;
  overflow: Overflow[];
}

interface TenantRoutingPlan {
  skills: string[];
  hours: { name: string; spec: BusinessHours };
  queues: QueuePlan[];
  /** [code, label] */
  dispositions: [string, string][];
  /** staff e-mail local part → skill name → level */
  agents: Record<string, Record<string, number>>;
}

const WEEKDAY: OpenInterval[] = [{ open: '09:00', close: '18:00' }];
const WEEKEND: OpenInterval[] = [{ open: '10:00', close: '17:00' }];
const YEAR_END = { from: '12-29', to: '01-03', name: '年末年始' };

const hours = (withSunday: boolean): BusinessHours => ({
  timeZone: 'Asia/Tokyo',
  weekly: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: WEEKEND, ...(withSunday ? { sun: WEEKEND } : {}) },
  nationalHolidays: 'closed',
  annualClosures: [YEAR_END],
});

/** Same for every queue of the demo: 80/20 service level, 60 s wrap-up, 20 s to answer an offer. */
export const DEMO_QUEUE_TIMERS = { agingPerMinute: 1, offerTimeoutSec: 20, wrapUpLimitSec: 60, serviceLevelSec: 20, serviceLevelTarget: 0.8 } as const;

/** Every demo agent: one call, or a few chats, mails, LINE and web-form messages at once. */
export const DEMO_AGENT_CAPACITY: Record<Channel, number> = { voice: 1, chat: 3, email: 5, line: 3, web: 5 };

export const DEMO_BREAK_CODES: [string, string][] = [
  ['break_rest', '休憩'], ['lunch', '昼休憩'], ['training', '研修'], ['meeting', '会議'], ['away', '離席'],
];

// Labels match the dispositions recorded on the demo interactions.
const COMMON_DISPOSITIONS: [string, string][] = [
  ['resolved', '解決'], ['callback', '折り返し予定'], ['escalated', 'エスカレーション'], ['info', '情報提供'],
  ['order_taken', '注文受付'], ['change_taken', '変更受付'], ['no_answer', '不在・放棄'],
];

const SAKURA: TenantRoutingPlan = {
  skills: ['製品サポート', '修理受付', '英語対応'],
  hours: { name: '平日9-18時・土曜10-17時', spec: hours(false) },
  queues: [
    { name: '製品相談', requires: { 製品サポート: 3 }, priority: 0, stickyWindowSec: 0, overflow: [{ afterSec: 60, relaxBy: 2 }] },
    // repairs come back about the same unit: the last agent for three days
    { name: '修理受付', requires: { 修理受付: 4 }, priority: 10, stickyWindowSec: 3 * 86_400, overflow: [{ afterSec: 90, addQueue: '製品相談' }] },
    { name: '英語窓口', requires: { 英語対応: 5, 製品サポート: 2 }, priority: 5, stickyWindowSec: 0, overflow: [{ afterSec: 120, relaxBy: 3 }] },
  ],
  dispositions: [...COMMON_DISPOSITIONS, ['repair_taken', '修理受付'], ['feedback', 'ご意見承り']],
  agents: {
    'sv': { 製品サポート: 9, 修理受付: 8, 英語対応: 6 },
    'agent': { 製品サポート: 6, 英語対応: 8 },
    'agent.sakura': { 修理受付: 8, 製品サポート: 5 },
    'agent.sakura2': { 製品サポート: 7, 修理受付: 4 },
  },
};

const HANAMARU: TenantRoutingPlan = {
  skills: ['注文受付', '返品・交換', '定期便'],
  hours: { name: '毎日受付（平日9-18時・土日10-17時）', spec: hours(true) },
  queues: [
    { name: '注文受付', requires: { 注文受付: 3 }, priority: 10, stickyWindowSec: 0, overflow: [{ afterSec: 60, relaxBy: 2 }] },
    { name: '配送・返品', requires: { '返品・交換': 3 }, priority: 0, stickyWindowSec: 2 * 86_400, overflow: [{ afterSec: 120, addQueue: '注文受付' }] },
    { name: '定期便', requires: { 定期便: 4 }, priority: 5, stickyWindowSec: 0, overflow: [{ afterSec: 60, relaxBy: 3 }, { afterSec: 180, addQueue: '注文受付' }] },
  ],
  dispositions: [
    ...COMMON_DISPOSITIONS, ['return_taken', '返品受付'], ['cancel_taken', 'キャンセル受付'], ['unsubscribe_taken', '解約受付'], ['document_sent', '資料送付'],
  ],
  agents: {
    'sv': { 注文受付: 9, '返品・交換': 8, 定期便: 8 },
    'agent': { 注文受付: 7, 定期便: 6 },
    'agent.hanamaru': { '返品・交換': 8, 注文受付: 5 },
    'agent.hanamaru2': { 注文受付: 6, '返品・交換': 4, 定期便: 3 },
  },
};

const PLANS: Readonly<Record<string, TenantRoutingPlan>> = { 'sakura-denki': SAKURA, 'hanamaru-tsuhan': HANAMARU };

/** The routing plan of a demo tenant (for tests and the seed). */
export function demoRoutingPlan(slug: string): TenantRoutingPlan {
  const plan = PLANS[slug];
  if (!plan) throw new Error(`no demo routing plan for ${slug}`);
  return plan;
}

const lookup = (map: ReadonlyMap<string, string>, key: string, what: string): string => {
  const id = map.get(key);
  if (id === undefined) throw new Error(`demo routing names an unknown ${what} "${key}"`);
  return id;
};

export interface DemoRoutingRefs {
  ids: IdGenerator;
  now: Date;
  /** slug → tenant id */
  tenantIds: ReadonlyMap<string, string>;
  /** e-mail → user id */
  userIds: ReadonlyMap<string, string>;
}

/** Rows of the demo routing configuration; names in the plans are resolved to ids. */
export function demoRoutingRows(ds: DemoDataset, refs: DemoRoutingRefs): DemoRoutingRows {
  const { ids, now } = refs;
  const rows: DemoRoutingRows = { routingSkills: [], businessHours: [], routingQueues: [], agentProfiles: [], agentSkills: [], reasonCodes: [] };
  for (const tenant of ds.tenants) {
    const tenantId = lookup(refs.tenantIds, tenant.slug, 'tenant');
    const plan = demoRoutingPlan(tenant.slug);
    const skillIds = new Map(plan.skills.map((name) => [name, ids()]));
    for (const [name, id] of skillIds) rows.routingSkills.push({ id, tenantId, name, createdAt: now });
    const hoursId = ids();
    rows.businessHours.push({ id: hoursId, tenantId, name: plan.hours.name, spec: plan.hours.spec, createdAt: now, updatedAt: now });
    const queueIds = new Map(plan.queues.map((q) => [q.name, ids()]));
    for (const q of plan.queues) {
      rows.routingQueues.push({
        id: lookup(queueIds, q.name, 'queue'), tenantId, name: q.name, ...DEMO_QUEUE_TIMERS, priority: q.priority, stickyWindowSec: q.stickyWindowSec,
        requiredSkills: Object.entries(q.requires).map(([skill, minLevel]) => ({ skillId: lookup(skillIds, skill, 'skill'), minLevel })),
        overflow: q.overflow.map((o) => ('addQueue' in o
          ? { afterSec: o.afterSec, kind: 'add_queue', queueId: lookup(queueIds, o.addQueue, 'queue') }
          : { afterSec: o.afterSec, kind: 'relax_level', by: o.relaxBy })),
        hoursId, whenClosed: {}, createdAt: now, updatedAt: now,
      });
    }
    for (const [local, levels] of Object.entries(plan.agents)) {
      const email = `${local}@${DEMO_STAFF_DOMAIN}`;
      const routable = ds.users.find((u) => u.email === email)?.memberships.some((m) => m.tenantSlug === tenant.slug && (m.role === 'agent' || m.role === 'supervisor'));
      if (!routable) throw new Error(`${email} takes no contacts of ${tenant.slug}`);
      const userId = lookup(refs.userIds, email, 'user');
      for (const [skill, level] of Object.entries(levels)) rows.agentSkills.push({ userId, tenantId, skillId: lookup(skillIds, skill, 'skill'), level });
    }
    const addCodes = (kind: 'break' | 'disposition', codes: [string, string][]) => codes.forEach(([code, label], sortOrder) => {
      rows.reasonCodes.push({ id: ids(), tenantId, kind, code, label, active: true, sortOrder, createdAt: now });
    });
    addCodes('break', DEMO_BREAK_CODES);
    addCodes('disposition', plan.dispositions);
  }
  // One profile per person who takes contacts anywhere (capacity is center-wide: one headset).
  for (const u of ds.users) {
    if (!u.memberships.some((m) => m.role === 'agent' || m.role === 'supervisor')) continue;
    rows.agentProfiles.push({ userId: lookup(refs.userIds, u.email, 'user'), capacity: DEMO_AGENT_CAPACITY, voiceBlocksOthers: true, othersBlockVoice: false, updatedAt: now });
  }
  return rows;
}
