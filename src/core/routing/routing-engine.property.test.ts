/**
 * Properties of the routing engine over random configurations and random event sequences.
 * The oracle below is written independently of routing-matching.ts on purpose.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRoutingState, snapshotRoutingState, step, type RoutingState, type StepResult } from './routing-engine.js';
import { Harness, MIN, SEC, agentConfig, aid, cid, ev, qid, queueConfig, tid } from './routing-test-kit.js';
import type {
  AgentConfig,
  AgentRuntime,
  Channel,
  ContactId,
  ContactRuntime,
  EndReason,
  Millis,
  OverflowRule,
  PresenceChange,
  QueueConfig,
  RoutingAction,
  RoutingConfig,
  RoutingEvent,
  SkillRequirement,
} from './routing.types.js';

const SKILLS = ['billing', 'tech', 'english'] as const;
const TENANTS = ['t1', 't2'] as const;
const CHANNEL_LIST: Channel[] = ['voice', 'chat', 'email', 'line', 'web'];
/** 17:50 JST on a Wednesday: queues with hours close ten minutes into a run. */
const START = Date.parse('2026-04-01T17:50:00+09:00');

// ---------------------------------------------------------------------------------- generators

const arbRequired = fc.uniqueArray(fc.record({ skill: fc.constantFrom(...SKILLS), minLevel: fc.integer({ min: 1, max: 7 }) }), {
  maxLength: 2,
  selector: (r) => r.skill,
});

const arbRawRule = fc.oneof(
  fc.record({ afterSec: fc.constantFrom(0, 20, 45, 90), kind: fc.constant('add_queue' as const), target: fc.nat({ max: 5 }) }),
  fc.record({ afterSec: fc.constantFrom(0, 20, 45, 90), kind: fc.constant('relax_level' as const), by: fc.integer({ min: 1, max: 5 }) }),
);

const arbQueue = fc.record({
  tenant: fc.constantFrom(...TENANTS),
  requiredSkills: arbRequired,
  priority: fc.integer({ min: 0, max: 5 }),
  agingPerMinute: fc.constantFrom(0, 0.5, 1, 3),
  offerTimeoutSec: fc.integer({ min: 5, max: 30 }),
  wrapUpLimitSec: fc.constantFrom(0, 10, 30),
  stickyWindowSec: fc.constantFrom(0, 600),
  rules: fc.array(arbRawRule, { maxLength: 2 }),
  hours: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))), // one queue in four keeps office hours
});

const arbLevel = fc.option(fc.integer({ min: 1, max: 10 }), { freq: 4 });
const arbAgent = fc.record({
  tenants: fc.oneof(fc.constant<string[]>([...TENANTS]), fc.subarray<string>([...TENANTS], { minLength: 1 })),
  skills: fc.record({ billing: arbLevel, tech: arbLevel, english: arbLevel }).map((r) => {
    const skills: Record<string, number> = {};
    for (const [k, v] of Object.entries(r)) if (v !== null) skills[k] = v;
    return skills;
  }),
  voice: fc.constantFrom(0, 1, 1),
  chat: fc.integer({ min: 0, max: 3 }),
  email: fc.integer({ min: 0, max: 2 }),
  line: fc.integer({ min: 0, max: 1 }),
  web: fc.integer({ min: 0, max: 1 }),
  voiceBlocksOthers: fc.boolean(),
  othersBlockVoice: fc.boolean(),
});

const arbConfig = fc.record({ queues: fc.array(arbQueue, { minLength: 1, maxLength: 4 }), agents: fc.array(arbAgent, { minLength: 1, maxLength: 5 }) }).map(
  ({ queues, agents }): RoutingConfig => {
    const ids = queues.map((_, i) => `q${i}`);
    const queueConfigs: QueueConfig[] = queues.map((q, i) => {
      const overflow: OverflowRule[] = [];
      for (const r of q.rules) {
        if (r.kind === 'relax_level') overflow.push({ afterSec: r.afterSec, kind: 'relax_level', by: r.by });
        else {
          const sameTenant = ids.filter((id, j) => j !== i && queues[j]?.tenant === q.tenant);
          const target = sameTenant[r.target % Math.max(1, sameTenant.length)];
          if (target !== undefined) overflow.push({ afterSec: r.afterSec, kind: 'add_queue', queueId: qid(target) });
        }
      }
      return queueConfig(`q${i}`, {
        tenantId: tid(q.tenant),
        requiredSkills: q.requiredSkills,
        priority: q.priority,
        agingPerMinute: q.agingPerMinute,
        offerTimeoutSec: q.offerTimeoutSec,
        wrapUpLimitSec: q.wrapUpLimitSec,
        stickyWindowSec: q.stickyWindowSec,
        overflow,
        ...(q.hours ? { hoursId: 'day' } : {}),
      });
    });
    const agentConfigs: AgentConfig[] = agents.map((a, i) =>
      agentConfig(`a${i}`, {
        tenantIds: a.tenants.map(tid),
        skills: a.skills,
        capacity: { voice: a.voice, chat: a.chat, email: a.email, line: a.line, web: a.web },
        voiceBlocksOthers: a.voiceBlocksOthers,
        othersBlockVoice: a.othersBlockVoice,
      }),
    );
    const weekday = [{ open: '09:00', close: '18:00' }];
    return {
      queues: queueConfigs,
      agents: agentConfigs,
      hours: { day: { timeZone: 'Asia/Tokyo', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday }, nationalHolidays: 'closed' } },
    };
  },
);

type Op =
  | { k: 'arrive'; q: number; ch: Channel; prio: number | null; sticky: { a: number; agoSec: number } | null; callback: boolean; skills: SkillRequirement[]; external: boolean }
  | { k: 'extAnswer'; i: number; a: number }
  | { k: 'presence'; a: number; change: PresenceChange }
  | { k: 'accept' | 'reject'; i: number; wrongAgent: boolean }
  | { k: 'end'; i: number; reason: EndReason }
  | { k: 'wrap'; a: number; one: boolean }
  | { k: 'transfer'; i: number; q: number; agent: number | null }
  | { k: 'tick' };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('arrive' as const),
      q: fc.nat({ max: 7 }),
      ch: fc.constantFrom<Channel>('voice', 'voice', 'chat', 'chat', 'email', 'line', 'web'),
      prio: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 3 }),
      sticky: fc.option(fc.record({ a: fc.nat({ max: 7 }), agoSec: fc.constantFrom(60, 3600) }), { freq: 3 }),
      callback: fc.boolean(),
      // One arrival in four needs a skill of its own (an IVR asked for it), besides its queue's.
      skills: fc.oneof(
        { weight: 3, arbitrary: fc.constant<SkillRequirement[]>([]) },
        { weight: 1, arbitrary: fc.uniqueArray(fc.record({ skill: fc.constantFrom('billing', 'tech', 'english'), minLevel: fc.integer({ min: 1, max: 10 }) }), { selector: (r) => r.skill, minLength: 1, maxLength: 2 }) },
      ),
      // One arrival in five is a PBX's call (CTI): counted here, distributed there.
      external: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
    }),
  },
  // The PBX connects a waiting external call to an agent (any agent: the engine judges).
  { weight: 2, arbitrary: fc.record({ k: fc.constant('extAnswer' as const), i: fc.nat({ max: 9 }), a: fc.nat({ max: 7 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('presence' as const), a: fc.nat({ max: 7 }), change: fc.constantFrom<PresenceChange>('ready', 'ready', 'break', 'login', 'logout') }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('accept' as const), i: fc.nat({ max: 9 }), wrongAgent: fc.constant(false) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('accept' as const), i: fc.nat({ max: 9 }), wrongAgent: fc.constant(true) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('reject' as const), i: fc.nat({ max: 9 }), wrongAgent: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('end' as const), i: fc.nat({ max: 9 }), reason: fc.constantFrom<EndReason>('customer_left', 'agent_closed', 'system_closed') }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('wrap' as const), a: fc.nat({ max: 7 }), one: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('transfer' as const), i: fc.nat({ max: 9 }), q: fc.nat({ max: 7 }), agent: fc.option(fc.nat({ max: 7 }), { freq: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('tick' as const) }) },
);

const arbDt = fc.constantFrom(0, 0, 1, 3, 10, 25, 60, 120).map((s) => s * SEC);
/** Most agents start ready (a shift begins), then anything happens, in any order. */
const arbRun = fc
  .record({
    config: arbConfig,
    ready: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    ops: fc.array(fc.tuple(arbDt, arbOp), { minLength: 1, maxLength: 80, size: 'max' }),
  })
  .map(({ config, ready, ops }) => ({
    config,
    ops: [
      ...config.agents.flatMap((_, a) => (ready[a] === false ? [] : [[0, { k: 'presence', a, change: 'ready' }] as const])),
      ...ops,
    ] as (readonly [number, Op])[],
  }));

// ---------------------------------------------------------------------------------- oracle

const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
const sortedContacts = (s: RoutingState, pred: (c: ContactRuntime) => boolean = () => true): ContactRuntime[] =>
  [...s.contacts.values()].filter(pred).sort((a, b) => (a.id < b.id ? -1 : 1));

/** Turns an abstract op into a concrete event for the current state. */
function toEvent(config: RoutingConfig, s: RoutingState, op: Op, n: number): RoutingEvent {
  const agentIds = config.agents.map((a) => a.id);
  switch (op.k) {
    case 'arrive': {
      const q = pick(config.queues, op.q) ?? config.queues[0];
      const sticky = op.sticky ? pick(agentIds, op.sticky.a) : undefined;
      const o = {
        channel: op.ch,
        tenantId: q?.tenantId ?? 't1',
        ...(op.prio !== null ? { priority: op.prio } : {}),
        ...(op.skills.length > 0 ? { skills: op.skills } : {}),
        ...(op.external && !op.callback ? { external: true } : {}),
        ...(sticky !== undefined && op.sticky ? { lastAgentId: sticky, lastServedAt: s.now - op.sticky.agoSec * SEC } : {}),
      };
      return op.callback ? ev.callback(`c${n}`, q?.id ?? 'q0', o) : ev.arrive(`c${n}`, q?.id ?? 'q0', o);
    }
    case 'extAnswer': {
      const waiting = sortedContacts(s, (c) => c.external && c.status.kind === 'waiting');
      const c = pick(waiting, op.i) ?? pick(sortedContacts(s), op.i);
      return ev.externalAnswer(c?.id ?? 'missing', pick(agentIds, op.a) ?? 'a0');
    }
    case 'presence': {
      const a = pick(agentIds, op.a) ?? 'a0';
      return { type: 'agent_presence', agentId: aid(a), change: op.change, ...(op.change === 'break' ? { reason: 'lunch' } : {}) };
    }
    case 'accept':
    case 'reject': {
      const offered = sortedContacts(s, (c) => c.status.kind === 'offered');
      const c = pick(offered, op.i) ?? pick(sortedContacts(s), op.i);
      const owner = c && c.status.kind !== 'waiting' ? c.status.agentId : aid('a0');
      const agentId = op.wrongAgent ? (pick(agentIds.filter((a) => a !== owner), op.i) ?? owner) : owner;
      const contactId = c?.id ?? cid('missing');
      return op.k === 'accept' ? ev.accept(contactId, agentId) : ev.reject(contactId, agentId);
    }
    case 'end': {
      const c = pick(sortedContacts(s), op.i);
      return { type: 'contact_ended', contactId: c?.id ?? cid('missing'), reason: op.reason };
    }
    case 'wrap': {
      const a = s.agents.get(pick(agentIds, op.a) ?? aid('a0'));
      const slot = a?.slots.find((x) => x.phase === 'wrap_up');
      return ev.wrapUpDone(a?.id ?? 'a0', op.one ? slot?.contactId : undefined);
    }
    case 'transfer': {
      const movable = sortedContacts(s, (c) => c.status.kind !== 'offered');
      const c = pick(movable, op.i);
      const by = c?.status.kind === 'connected' ? c.status.agentId : null;
      const to =
        op.agent !== null
          ? { kind: 'agent' as const, agentId: pick(agentIds, op.agent) ?? aid('a0') }
          : { kind: 'queue' as const, queueId: pick(config.queues, op.q)?.id ?? qid('q0') };
      return ev.transfer(c?.id ?? 'missing', by, to, { note: `transfer ${n}` });
    }
    case 'tick':
      return ev.tick();
  }
}

function queueOf(config: RoutingConfig, id: string): QueueConfig {
  const q = config.queues.find((x) => x.id === id);
  if (!q) throw new Error(`no queue ${id}`);
  return q;
}

/** Overflow a waiting contact must have by now, computed from the queue rules alone. */
function expectedOverflow(config: RoutingConfig, c: ContactRuntime, now: number): { stage: number; relax: number; extra: string[] } {
  const rules = [...queueOf(config, c.queueId).overflow].sort((a, b) => a.afterSec - b.afterSec);
  let stage = 0;
  let relax = 0;
  const extra: string[] = [];
  for (const r of rules) {
    if (c.queuedAt + r.afterSec * 1000 > now) break;
    stage++;
    if (r.kind === 'relax_level') relax += r.by;
    else if (r.queueId !== c.queueId && !extra.includes(r.queueId)) extra.push(r.queueId);
  }
  return { stage, relax, extra };
}

/** Skills, tenant, relaxed level, not declined — capacity and presence aside. */
function qualifies(config: RoutingConfig, c: ContactRuntime, agent: AgentConfig): boolean {
  if (c.declinedBy.includes(agent.id)) return false;
  return [c.queueId, ...c.extraQueues].some((t) => {
    const q = queueOf(config, t);
    const meets = (r: { skill: string; minLevel: number }) => (agent.skills[r.skill] ?? 0) >= Math.max(1, r.minLevel - c.relax);
    return agent.tenantIds.includes(q.tenantId) && q.requiredSkills.every(meets) && c.skills.every(meets);
  });
}

function hasRoom(agent: AgentConfig, rt: AgentRuntime, channel: Channel): boolean {
  if (rt.presence.kind !== 'available') return false;
  const on = (pred: (ch: Channel) => boolean): number => rt.slots.filter((s) => pred(s.channel)).length;
  if (on((ch) => ch === channel) >= (agent.capacity[channel] ?? 0)) return false;
  if (channel !== 'voice' && agent.voiceBlocksOthers && on((ch) => ch === 'voice') > 0) return false;
  if (channel === 'voice' && agent.othersBlockVoice === true && on((ch) => ch !== 'voice') > 0) return false;
  return true;
}

const base = (config: RoutingConfig, c: ContactRuntime): number => c.priorityOverride ?? queueOf(config, c.queueId).priority;
const earlier = (a: ContactRuntime, b: ContactRuntime): boolean => a.arrivedAt < b.arrivedAt || (a.arrivedAt === b.arrivedAt && a.seq < b.seq);

function checkStep(config: RoutingConfig, prev: RoutingState, prevJson: string, event: RoutingEvent, r: StepResult): void {
  // The input state is never modified.
  expect(JSON.stringify(snapshotRoutingState(prev))).toBe(prevJson);
  if (!r.ok) {
    expect(r.state).toBe(prev);
    expect(r.actions).toEqual([]);
    return;
  }
  const s = r.state;
  const now = s.now;
  const agentCfg = new Map(config.agents.map((a) => [a.id as string, a]));

  // 1. Contacts and agent slots agree: one live slot per offered/connected contact, on its agent only.
  const liveSlots = new Map<string, string[]>();
  for (const a of s.agents.values()) {
    for (const slot of a.slots) {
      if (slot.phase === 'wrap_up') continue;
      liveSlots.set(slot.contactId, [...(liveSlots.get(slot.contactId) ?? []), a.id]);
      const c = s.contacts.get(slot.contactId);
      expect(c?.status.kind, `slot of ${a.id} for ${slot.contactId}`).toBe(slot.phase);
      expect(c && c.status.kind !== 'waiting' ? c.status.agentId : null).toBe(a.id);
    }
  }
  for (const c of s.contacts.values()) {
    const holders = liveSlots.get(c.id) ?? [];
    expect(holders.length, `contact ${c.id} held by ${holders.join(',')}`).toBe(c.status.kind === 'waiting' ? 0 : 1);
  }

  // 2. Capacity is never exceeded.
  for (const a of s.agents.values()) {
    const cfg = agentCfg.get(a.id);
    if (!cfg) throw new Error('agent missing');
    for (const ch of CHANNEL_LIST) expect(a.slots.filter((x) => x.channel === ch).length).toBeLessThanOrEqual(cfg.capacity[ch] ?? 0);
  }

  // 3. Waiting lists hold exactly the waiting contacts, in each of their queues, in arrival order.
  const listed = new Map<string, number>();
  for (const [q, ids] of s.waiting) {
    const list = ids.map((id) => s.contacts.get(id));
    list.forEach((c, i) => {
      expect(c?.status.kind).toBe('waiting');
      expect(c && [c.queueId, ...c.extraQueues].includes(q)).toBe(true);
      const before = list[i - 1];
      if (c && before) expect(earlier(before, c)).toBe(true);
    });
    for (const id of ids) listed.set(id, (listed.get(id) ?? 0) + 1);
  }
  for (const c of s.contacts.values()) {
    // An external (PBX) contact is in no list: matching never sees it.
    expect(listed.get(c.id) ?? 0).toBe(c.status.kind === 'waiting' && !c.external ? 1 + c.extraQueues.length : 0);
  }

  // 4. Overflow fired on time for every waiting contact (nextDueAt was never late).
  for (const c of s.contacts.values()) {
    if (c.status.kind !== 'waiting') continue;
    const want = c.external ? { stage: 0, relax: 0, extra: [] } : expectedOverflow(config, c, now);
    expect({ stage: c.overflowStage, relax: c.relax, extra: c.extraQueues }).toEqual(want);
  }

  // 5. Offers of this step: to an available, qualified agent that still holds the offer; the
  //    voice rules held in the order the offers were made; FIFO within a queue, channel and priority.
  const offers = r.actions.flatMap((a, i) => (a.type === 'offer' ? [{ ...a, i }] : []));
  for (const o of offers) {
    const c = s.contacts.get(o.contactId);
    const rt = s.agents.get(o.agentId);
    const cfg = agentCfg.get(o.agentId);
    if (!c || !rt || !cfg) throw new Error('offer to nothing');
    expect(c.external, `external ${c.id} offered`).toBe(false);
    expect(c.status).toMatchObject({ kind: 'offered', agentId: o.agentId });
    expect(rt.presence.kind).toBe('available');
    expect(cfg.tenantIds).toContain(c.tenantId);
    if (o.reason === 'transfer') continue;
    expect(qualifies(config, c, cfg), `offer of ${c.id} to unqualified ${o.agentId}`).toBe(true);
    if (o.reason === 'sticky') {
      expect(c.lastAgentId).toBe(o.agentId);
      expect(now - (c.lastServedAt ?? -Infinity)).toBeLessThanOrEqual(queueOf(config, c.queueId).stickyWindowSec * 1000);
    }
    for (const a of s.contacts.values()) {
      if (a.status.kind !== 'waiting' || a.external || a.queueId !== c.queueId || a.channel !== c.channel || base(config, a) !== base(config, c)) continue;
      expect(earlier(a, c) && qualifies(config, a, cfg), `${c.id} offered to ${o.agentId} while earlier ${a.id} waits`).toBe(false);
    }
  }
  const prevSlots = new Map([...prev.agents.values()].map((a) => [a.id as string, a.slots]));
  for (const a of s.agents.values()) {
    const cfg = agentCfg.get(a.id);
    if (!cfg) continue;
    const old = (prevSlots.get(a.id) ?? []).filter((x) => a.slots.some((y) => y.contactId === x.contactId && y.since === x.since));
    const mine = offers.filter((o) => o.agentId === a.id);
    for (const o of mine) {
      const before = [...old.map((x) => x.channel), ...mine.filter((m) => m.i < o.i).map((m) => m.channel)];
      if (o.channel !== 'voice' && cfg.voiceBlocksOthers) expect(before, `${o.contactId} offered during a call`).not.toContain('voice');
      if (o.channel === 'voice' && cfg.othersBlockVoice === true) expect(before.filter((ch) => ch !== 'voice')).toEqual([]);
    }
  }

  // 6. Work conserving: nothing waits while an agent could take it (the PBX distributes external ones).
  for (const c of s.contacts.values()) {
    if (c.status.kind !== 'waiting' || c.external) continue;
    for (const cfg of config.agents) {
      const rt = s.agents.get(cfg.id);
      if (!rt) continue;
      expect(hasRoom(cfg, rt, c.channel) && qualifies(config, c, cfg), `${c.id} waits while ${cfg.id} is free (after ${event.type})`).toBe(false);
    }
  }

  // 7. Reported agent states are the states.
  for (const a of r.actions) {
    if (a.type !== 'agent_state_changed') continue;
    expect(s.agents.get(a.agentId)?.presence.kind).toBe(a.presence);
  }
}

interface RunLog {
  arrived: Set<string>;
  ended: Map<string, string[]>;
  actions: RoutingAction[];
}

function run(config: RoutingConfig, ops: readonly (readonly [number, Op])[], check: boolean): { state: RoutingState; log: RunLog } {
  let state = createRoutingState(config, { now: START as Millis });
  let now = START;
  const log: RunLog = { arrived: new Set(), ended: new Map(), actions: [] };
  let n = 0;
  const apply = (event: RoutingEvent): StepResult => {
    const prevJson = check ? JSON.stringify(snapshotRoutingState(state)) : '';
    const r = step(state, event, now as Millis);
    if (check) checkStep(config, state, prevJson, event, r);
    if (r.ok && (event.type === 'contact_arrived' || event.type === 'callback_due')) log.arrived.add(event.contact.id);
    for (const a of r.actions) {
      log.actions.push(a);
      if (a.type === 'contact_ended') log.ended.set(a.contactId, [...(log.ended.get(a.contactId) ?? []), a.outcome]);
    }
    state = r.state;
    return r;
  };
  for (const [dt, op] of ops) {
    now += dt;
    apply(toEvent(config, state, op, n++));
  }
  // Drain: every contact ends, every wrap-up is done.
  for (let guard = 0; state.contacts.size > 0 && guard < 1000; guard++) {
    const c = sortedContacts(state)[0];
    if (!c) break;
    const r = apply({ type: 'contact_ended', contactId: c.id, reason: c.status.kind === 'connected' ? 'agent_closed' : 'customer_left' });
    expect(r.ok).toBe(true);
  }
  // Drain wrap-ups. A step fires due timers before its event, so a wrap-up can end by its limit just
  // as its wrap_up_done arrives; the engine then refuses the event (not_in_wrap_up) and keeps the
  // state as it was, so a tick lets those timers fire.
  for (let guard = 0; guard < 1000; guard++) {
    const busy = [...state.agents.values()].find((a) => a.slots.length > 0);
    if (!busy) break;
    const r = apply(ev.wrapUpDone(busy.id));
    if (!r.ok) {
      expect(r.error.code).toBe('not_in_wrap_up');
      expect(apply(ev.tick()).ok).toBe(true);
    }
  }
  expect([...state.agents.values()].filter((a) => a.slots.length > 0).map((a) => a.id)).toEqual([]);
  return { state, log };
}

// ---------------------------------------------------------------------------------- properties

describe('routing engine properties', () => {
  it('holds every invariant after every step, and every contact ends answered, abandoned or closed', () => {
    fc.assert(
      fc.property(arbRun, ({ config, ops }) => {
        const { state, log } = run(config, ops, true);
        expect(state.contacts.size).toBe(0);
        for (const a of state.agents.values()) expect(a.slots).toEqual([]);
        for (const id of log.arrived) {
          const outcomes = log.ended.get(id) ?? [];
          expect(outcomes, `contact ${id}`).toHaveLength(1);
          expect(['answered', 'abandoned', 'closed']).toContain(outcomes[0]);
        }
        for (const id of log.ended.keys()) if (!log.arrived.has(id)) expect(log.ended.get(id)).toEqual(['closed']); // refused for closed hours
      }),
      { numRuns: 250 },
    );
  }, 60_000); // 250 random centers: ~5 s alone, more when the whole suite shares two cores

  it('is deterministic: the same events give the same actions and state', () => {
    fc.assert(
      fc.property(arbRun, ({ config, ops }) => {
        const a = run(config, ops, false);
        const b = run(config, ops, false);
        expect(b.log.actions).toEqual(a.log.actions);
        expect(snapshotRoutingState(b.state)).toEqual(snapshotRoutingState(a.state));
      }),
      { numRuns: 40 },
    );
  });

  it('survives a snapshot round trip at any point', () => {
    fc.assert(
      fc.property(arbRun, fc.nat(), ({ config, ops }, cut) => {
        const k = cut % (ops.length + 1);
        const head = ops.slice(0, k);
        const { state } = runWithoutDrain(config, head);
        const restored = createRoutingState(config, { snapshot: JSON.parse(JSON.stringify(snapshotRoutingState(state))) as never });
        expect(snapshotRoutingState(restored)).toEqual(snapshotRoutingState(state));
        const r = step(restored, { type: 'rebalance' }, state.now);
        expect(r.ok && r.actions.filter((x) => x.type === 'offer')).toEqual([]); // nothing was left unmatched
      }),
      { numRuns: 60 },
    );
  });

  it('aging prevents starvation: a low-priority contact is served while higher priorities keep coming', () => {
    fc.assert(
      fc.property(
        fc.record({
          aging: fc.integer({ min: 1, max: 6 }),
          gap: fc.integer({ min: 1, max: 10 }),
          interArrivalSec: fc.integer({ min: 10, max: 30 }),
          slower: fc.integer({ min: 2, max: 3 }),
        }),
        ({ aging, gap, interArrivalSec, slower }) => {
          const arrival = interArrivalSec * SEC;
          const handle = arrival * slower; // one agent, arrivals faster than service: the line only grows
          const lowAt = 3 * arrival;
          const overtakeAt = lowAt + (gap / aging) * MIN; // later high contacts rank below the low one
          const highsFirst = Math.floor(overtakeAt / arrival) + 1;
          const bound = Math.max(overtakeAt, highsFirst * handle) + 2 * handle;
          const served = (agingPerMinute: number): boolean => {
            const sut = new Harness({ queues: [queueConfig('q', { agingPerMinute, offerTimeoutSec: 30 })], agents: [agentConfig('a')] }, 0);
            sut.send(ev.ready('a'));
            let nextArrival = 0;
            let k = 0;
            let doneAt: number | null = null;
            let current: string | null = null;
            let lowServed = false;
            while (Math.min(nextArrival, doneAt ?? Infinity) <= bound) {
              if (doneAt !== null && doneAt <= nextArrival) {
                sut.now = doneAt;
                sut.send(ev.hangUp(current ?? ''));
                doneAt = null;
              } else {
                sut.now = nextArrival;
                if (nextArrival === lowAt) sut.send(ev.arrive('low', 'q', { priority: 0 }));
                sut.send(ev.arrive(`high${k++}`, 'q', { priority: gap }));
                nextArrival += arrival;
              }
              const offered = [...sut.state.contacts.values()].find((c) => c.status.kind === 'offered');
              if (offered && doneAt === null) {
                sut.send(ev.accept(offered.id, 'a'));
                current = offered.id;
                doneAt = sut.now + handle;
                if (current === 'low') lowServed = true;
              }
            }
            return lowServed;
          };
          expect(served(aging)).toBe(true);
          expect(served(0)).toBe(false); // the same stream starves it without aging
        },
      ),
      { numRuns: 30 },
    );
  });
});

function runWithoutDrain(config: RoutingConfig, ops: readonly (readonly [number, Op])[]): { state: RoutingState } {
  let state = createRoutingState(config, { now: START as Millis });
  let now = START;
  let n = 0;
  for (const [dt, op] of ops) {
    now += dt;
    state = step(state, toEvent(config, state, op, n++), now as Millis).state;
  }
  return { state };
}

describe('property helpers', () => {
  it('the oracle agrees with a hand-checked case', () => {
    const config: RoutingConfig = {
      queues: [queueConfig('q', { requiredSkills: [{ skill: 'billing', minLevel: 5 }], overflow: [{ afterSec: 10, kind: 'relax_level', by: 2 }] })],
      agents: [agentConfig('a', { skills: { billing: 3 } })],
    };
    const sut = new Harness(config);
    sut.send(ev.arrive('c1', 'q'));
    const c = sut.state.contacts.get(cid('c1') as ContactId);
    const agent = config.agents[0];
    if (!c || !agent) throw new Error('setup');
    expect(qualifies(config, c, agent)).toBe(false);
    sut.advance(10 * SEC);
    const later = sut.state.contacts.get(cid('c1'));
    if (!later) throw new Error('setup');
    expect(expectedOverflow(config, later, sut.now)).toEqual({ stage: 1, relax: 2, extra: [] });
    expect(qualifies(config, later, agent)).toBe(true);
  });
});
