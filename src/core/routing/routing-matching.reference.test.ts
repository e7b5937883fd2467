/**
 * The optimized matcher (ranked candidates, free-agent bitsets, non-empty queue bitset, persistent
 * maps) picks exactly what a straightforward reference picks by scanning every agent or every
 * waiting contact with the documented rules, on random centers and random states.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { step, type RoutingState } from './routing-engine.js';
import { canTake, contactSkillScore, effectivePriority, hasFreeCapacity, meetsQueue, meetsSkills, skillScore } from './routing-matching.js';
import { agentConfig, aid, cid, ev, Harness, queueConfig, T0, tid } from './routing-test-kit.js';
import type { AgentId, Channel, ContactId, ContactRuntime, Millis, QueueConfig, RoutingConfig, RoutingEvent, SkillRequirement } from './routing.types.js';

const SKILLS = ['ja', 'en', 'billing'];
const CHANNELS: Channel[] = ['voice', 'chat', 'email'];

/** Tier, then skill sum (the queue's skills and the contact's own), fewest open contacts, longest idle, id — over every agent. */
function referenceAgentFor(s: RoutingState, c: ContactRuntime): AgentId | null {
  for (const queueId of [c.queueId, ...c.extraQueues]) {
    const queue = s.index.queues.get(queueId) as QueueConfig;
    const eligible = s.index.config.agents
      .filter((cfg) => {
        const a = s.agents.get(cfg.id);
        return a !== undefined && canTake(cfg, a, c.channel) && !c.declinedBy.includes(cfg.id) && meetsQueue(cfg, queue, c.relax) && meetsSkills(cfg, c.skills, c.relax);
      })
      .map((cfg) => {
        const a = s.agents.get(cfg.id);
        return { id: cfg.id, score: skillScore(cfg, queue) + contactSkillScore(cfg, c.skills), load: a?.slots.length ?? 0, idle: a?.idleSince ?? 0 };
      })
      .sort((x, y) => y.score - x.score || x.load - y.load || x.idle - y.idle || (x.id < y.id ? -1 : 1));
    if (eligible[0]) return eligible[0].id;
  }
  return null;
}

/** Highest effective priority, then arrival, then seq — over every waiting contact. */
function referenceContactFor(s: RoutingState, agentId: AgentId, now: number): ContactId | null {
  const cfg = s.index.agents.get(agentId);
  const a = s.agents.get(agentId);
  if (!cfg || !a || a.presence.kind !== 'available') return null;
  const eligible = [...s.contacts.values()]
    .filter(
      (c) =>
        c.status.kind === 'waiting' &&
        hasFreeCapacity(cfg, a, c.channel) &&
        !c.declinedBy.includes(agentId) &&
        meetsSkills(cfg, c.skills, c.relax) &&
        [c.queueId, ...c.extraQueues].some((q) => meetsQueue(cfg, s.index.queues.get(q) as QueueConfig, c.relax)),
    )
    .map((c) => ({ c, p: effectivePriority(c, s.index.queues.get(c.queueId) as QueueConfig, now) }))
    .sort((x, y) => y.p - x.p || x.c.arrivedAt - y.c.arrivedAt || x.c.seq - y.c.seq);
  return eligible[0]?.c.id ?? null;
}

const arbLevels = fc.dictionary(fc.constantFrom(...SKILLS), fc.integer({ min: 1, max: 10 }), { maxKeys: 3 });

/** Most contacts need only their queue's skills; some need one or two of their own (an IVR asked). */
const arbContactSkills: fc.Arbitrary<SkillRequirement[]> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<SkillRequirement[]>([]) },
  { weight: 1, arbitrary: fc.uniqueArray(fc.record({ skill: fc.constantFrom(...SKILLS), minLevel: fc.integer({ min: 1, max: 8 }) }), { selector: (r) => r.skill, minLength: 1, maxLength: 2 }) },
);

const arbCenter = fc
  .record({
    queues: fc.array(
      fc.record({
        tenant: fc.constantFrom('t1', 't2'),
        skills: fc.dictionary(fc.constantFrom(...SKILLS), fc.integer({ min: 1, max: 6 }), { maxKeys: 2 }),
        priority: fc.integer({ min: 0, max: 2 }),
        aging: fc.constantFrom(0, 1),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    agents: fc.array(
      fc.record({
        tenants: fc.subarray(['t1', 't2'], { minLength: 1 }),
        skills: arbLevels,
        voice: fc.constantFrom(0, 1),
        chat: fc.integer({ min: 0, max: 2 }),
        email: fc.integer({ min: 0, max: 2 }),
        voiceBlocksOthers: fc.boolean(),
        othersBlockVoice: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(
    ({ queues, agents }): RoutingConfig => ({
      queues: queues.map((q, i) =>
        queueConfig(`q${i}`, {
          tenantId: tid(q.tenant),
          requiredSkills: Object.entries(q.skills).map(([skill, minLevel]) => ({ skill, minLevel })),
          priority: q.priority,
          agingPerMinute: q.aging,
          wrapUpLimitSec: 600,
        }),
      ),
      agents: agents.map((a, i) =>
        agentConfig(`a${i}`, {
          tenantIds: a.tenants.map(tid),
          skills: a.skills,
          capacity: { voice: a.voice, chat: a.chat, email: a.email },
          voiceBlocksOthers: a.voiceBlocksOthers,
          othersBlockVoice: a.othersBlockVoice,
        }),
      ),
    }),
  );

type Op =
  | { k: 'arrive'; q: number; ch: Channel; prio: number | null; skills: SkillRequirement[] }
  | { k: 'ready' | 'break' | 'wrap'; a: number }
  | { k: 'accept' | 'reject' | 'end'; i: number };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('arrive' as const), q: fc.nat(9), ch: fc.constantFrom(...CHANNELS), prio: fc.option(fc.integer({ min: 0, max: 3 })), skills: arbContactSkills }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('ready' as const, 'break' as const, 'wrap' as const), a: fc.nat(9) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constantFrom('accept' as const, 'reject' as const, 'end' as const), i: fc.nat(9) }) },
);

describe('optimized matcher vs reference scan', () => {
  it('offers an arriving contact to the agent the reference picks, and a freed agent the contact the reference picks', () => {
    fc.assert(
      fc.property(arbCenter, fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), arbOp), { maxLength: 40 }), (config, ops) => {
        const sut = new Harness(config);
        for (const a of config.agents) sut.send(ev.ready(a.id));
        let n = 0;
        for (const [dt, op] of ops) {
          sut.now += dt; // stays far below every timer (offers 20 s, wrap-up 600 s): no timer interferes
          const prev = sut.state;
          const agentId = 'a' in op ? aid(`a${op.a % config.agents.length}`) : null;
          const live = [...prev.contacts.values()].sort((x, y) => x.seq - y.seq);
          const target = 'i' in op ? live[op.i % Math.max(1, live.length)] : undefined;
          let event: RoutingEvent;
          if (op.k === 'arrive') {
            const q = config.queues[op.q % config.queues.length] as QueueConfig;
            event = { type: 'contact_arrived', contact: { id: cid(`c${n++}`), tenantId: q.tenantId, queueId: q.id, channel: op.ch, ...(op.prio === null ? {} : { priority: op.prio }), ...(op.skills.length > 0 ? { skills: op.skills } : {}) } };
          } else if (op.k === 'ready') event = ev.ready(agentId as string);
          else if (op.k === 'break') event = ev.break(agentId as string);
          else if (op.k === 'wrap') event = ev.wrapUpDone(agentId as string);
          else if (!target) continue;
          else if (op.k === 'end') event = ev.close(target.id);
          else if (target.status.kind !== 'offered') continue;
          else event = op.k === 'accept' ? ev.accept(target.id, target.status.agentId) : ev.reject(target.id, target.status.agentId);
          const r = step(prev, event, sut.now as Millis);
          if (!r.ok) continue;
          const offers = r.actions.flatMap((a) => (a.type === 'offer' ? [a] : []));
          if (event.type === 'contact_arrived') {
            const c = r.state.contacts.get(event.contact.id);
            if (c) {
              const probe: ContactRuntime = { ...c, status: { kind: 'waiting' }, offers: 0 };
              expect(offers.find((o) => o.contactId === c.id)?.agentId ?? null).toBe(referenceAgentFor(prev, probe));
            }
          } else if (event.type === 'wrap_up_done') {
            // The reference judges the agent with its wrap-up slots gone.
            const a = prev.agents.get(event.agentId);
            if (a) {
              const freed = new Map(prev.agents).set(a.id, { ...a, slots: a.slots.filter((s) => s.phase !== 'wrap_up') });
              const view: RoutingState = { ...prev, agents: freed };
              expect(offers.find((o) => o.agentId === a.id)?.contactId ?? null).toBe(referenceContactFor(view, a.id, sut.now));
            }
          }
          sut.state = r.state;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the persistent state never shares a changed entry with its input', () => {
    const config: RoutingConfig = { queues: [queueConfig('q')], agents: [agentConfig('a'), agentConfig('b')] };
    const sut = new Harness(config, T0);
    sut.send(ev.ready('a'));
    const before = sut.state;
    sut.sendAll(ev.arrive('c1', 'q'), ev.arrive('c2', 'q'));
    expect(before.contacts.size).toBe(0);
    expect(before.waiting.get(queueConfig('q').id)).toEqual([]);
    expect(sut.state.contacts.size).toBe(2);
    expect([...sut.state.waiting.get(queueConfig('q').id)!]).toEqual(['c2']);
  });
});
