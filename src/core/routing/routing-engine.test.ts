import { describe, expect, it } from 'vitest';
import type { BusinessHours } from './business-hours.js';
import {
  RoutingConfigError,
  agentView,
  contactPriority,
  createRoutingState,
  snapshotRoutingState,
  step,
  waitingContacts,
  type RoutingSnapshot,
} from './routing-engine.js';
import { Harness, MIN, SEC, T0, agentConfig, aid, cid, ev, qid, queueConfig } from './routing-test-kit.js';
import type { Millis, RoutingConfig } from './routing.types.js';

const billing = queueConfig('billing', { requiredSkills: [{ skill: 'billing', minLevel: 3 }] });

describe('matching a new contact to an agent', () => {
  it('best skill match beats longest idle', () => {
    const sut = new Harness({
      queues: [billing],
      agents: [agentConfig('veteran', { skills: { billing: 9 } }), agentConfig('novice', { skills: { billing: 4 } })],
    });
    sut.send(ev.ready('novice'));
    sut.now += 10 * MIN; // the novice has been idle 10 minutes longer
    sut.send(ev.ready('veteran'));
    expect(sut.send(ev.arrive('c1', 'billing'))).toContainEqual(expect.objectContaining({ type: 'offer', contactId: 'c1', agentId: 'veteran', reason: 'best_agent' }));
  });

  it('equal skill: the longest idle agent wins', () => {
    const sut = new Harness({
      queues: [billing],
      agents: [agentConfig('a', { skills: { billing: 5 } }), agentConfig('b', { skills: { billing: 5 } })],
    });
    sut.send(ev.ready('b'));
    sut.now += MIN;
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'billing'));
    expect(sut.offers()).toEqual([['c1', 'b']]);
  });

  it('sums levels over every required skill', () => {
    const q = queueConfig('q', { requiredSkills: [{ skill: 'billing', minLevel: 1 }, { skill: 'english', minLevel: 1 }] });
    const sut = new Harness({
      queues: [q],
      agents: [agentConfig('spiky', { skills: { billing: 10, english: 1 } }), agentConfig('even', { skills: { billing: 6, english: 6 } })],
    });
    sut.sendAll(ev.ready('spiky'), ev.ready('even'));
    sut.send(ev.arrive('c1', 'q'));
    expect(sut.offers()).toEqual([['c1', 'even']]);
  });

  it('never offers to an agent below the required level, another tenant or a missing skill', () => {
    const sut = new Harness({
      queues: [billing],
      agents: [
        agentConfig('low', { skills: { billing: 2 } }),
        agentConfig('other-tenant', { skills: { billing: 9 }, tenantIds: ['t2' as never] }),
        agentConfig('no-skill', { skills: { sales: 9 } }),
      ],
    });
    sut.sendAll(ev.ready('low'), ev.ready('other-tenant'), ev.ready('no-skill'));
    sut.send(ev.arrive('c1', 'billing'));
    expect(sut.offers()).toEqual([]);
    expect(sut.statusOf('c1')).toBe('waiting');
  });

  it('ties on skill and idle time are broken by id, deterministically', () => {
    const sut = new Harness({ queues: [queueConfig('q')], agents: [agentConfig('b'), agentConfig('a')] });
    sut.sendAll(ev.ready('b'), ev.ready('a'));
    sut.send(ev.arrive('c1', 'q'));
    expect(sut.offers()).toEqual([['c1', 'a']]);
  });

  it('prefers the agent with fewer open contacts before the longest idle (chat)', () => {
    const sut = new Harness({ queues: [queueConfig('q')], agents: [agentConfig('a'), agentConfig('b')] });
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'q', { channel: 'chat' }));
    expect(sut.offers()).toEqual([['c1', 'a']]);
    sut.now += MIN;
    sut.send(ev.ready('b'));
    sut.send(ev.arrive('c2', 'q', { channel: 'chat' }));
    expect(sut.offers()).toEqual([['c2', 'b']]); // a was "idle" longer but already has a chat
  });
});

describe("a contact's own skills (an IVR asked for them)", () => {
  const english = [{ skill: 'english', minLevel: 5 }];

  it('go only to agents who have them at the level, even when another agent has idled longer', () => {
    const sut = new Harness({
      queues: [billing],
      agents: [agentConfig('idle-longest', { skills: { billing: 9, english: 4 } }), agentConfig('speaker', { skills: { billing: 4, english: 7 } })],
    });
    sut.send(ev.ready('idle-longest'));
    sut.now += 10 * MIN;
    sut.send(ev.ready('speaker'));
    sut.send(ev.arrive('plain', 'billing'));
    expect(sut.offers()).toEqual([['plain', 'idle-longest']]); // without own skills: the queue's best
    sut.send(ev.arrive('c1', 'billing', { skills: english }));
    expect(sut.offers()).toEqual([['c1', 'speaker']]);
  });

  it('wait for a qualified agent: a freed agent without them takes the next contact instead', () => {
    const sut = new Harness({
      queues: [queueConfig('q')],
      agents: [agentConfig('a', { skills: { english: 2 } }), agentConfig('b', { skills: { english: 8 } })],
    });
    sut.send(ev.arrive('needs-english', 'q', { skills: english }));
    sut.now += SEC;
    sut.send(ev.arrive('anyone', 'q'));
    sut.send(ev.ready('a'));
    expect(sut.offers()).toEqual([['anyone', 'a']]); // the older contact is skipped: a lacks the level
    expect(sut.statusOf('needs-english')).toBe('waiting');
    sut.send(ev.ready('b'));
    expect(sut.offers()).toEqual([['needs-english', 'b']]);
  });

  it("add to the queue's skill match: the better speaker among qualified agents wins", () => {
    const sut = new Harness({
      queues: [billing],
      // Equal on the queue's skill; the contact's own skill decides (the ranked list alone would not).
      agents: [agentConfig('fair', { skills: { billing: 6, english: 5 } }), agentConfig('fluent', { skills: { billing: 5, english: 9 } })],
    });
    sut.send(ev.ready('fluent'));
    sut.send(ev.ready('fair'));
    sut.send(ev.arrive('c1', 'billing', { skills: english }));
    expect(sut.offers()).toEqual([['c1', 'fluent']]);
  });

  it('relax with the queue\'s overflow rules, never below level 1', () => {
    const sut = new Harness({
      queues: [queueConfig('q', { overflow: [{ afterSec: 60, kind: 'relax_level', by: 3 }] })],
      agents: [agentConfig('some', { skills: { english: 2 } }), agentConfig('none')],
    });
    sut.sendAll(ev.ready('some'), ev.ready('none'));
    sut.send(ev.arrive('c1', 'q', { skills: english }));
    expect(sut.offers()).toEqual([]);
    sut.advance(60 * SEC);
    expect(sut.offers()).toEqual([['c1', 'some']]); // 5 − 3 = 2; the agent without English never qualifies
  });

  it('stay with the contact through a transfer and restrict a sticky offer', () => {
    const sut = new Harness({
      queues: [queueConfig('q', { stickyWindowSec: 600 }), queueConfig('other')],
      agents: [agentConfig('last', { skills: {} }), agentConfig('speaker', { skills: { english: 6 } }), agentConfig('plain')],
    });
    sut.sendAll(ev.ready('last'), ev.ready('plain'));
    sut.send(ev.arrive('c1', 'q', { skills: english, lastAgentId: 'last', lastServedAt: T0 }));
    expect(sut.offers()).toEqual([]); // the last agent lacks the skill: no sticky offer
    sut.send(ev.ready('speaker'));
    expect(sut.offers()).toEqual([['c1', 'speaker']]);
    sut.send(ev.accept('c1', 'speaker'));
    sut.send(ev.transfer('c1', 'speaker', { kind: 'queue', queueId: qid('other') }));
    expect(sut.offers()).toEqual([]); // 'plain' serves 'other' but lacks English
    expect(sut.state.contacts.get(cid('c1'))?.skills).toEqual(english);
  });
});

describe("a PBX's calls (external: distributed by the PBX, seen here)", () => {
  const config: RoutingConfig = {
    queues: [queueConfig('q', { wrapUpLimitSec: 60 })],
    agents: [agentConfig('a', { capacity: { voice: 1, chat: 2 }, voiceBlocksOthers: true }), agentConfig('b'), agentConfig('other', { tenantIds: ['t2' as never] })],
  };

  it('waits without an offer although an agent is free, and connects to whom the PBX says, whatever their presence', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('b'));
    sut.send(ev.arrive('pbx1', 'q', { external: true }));
    expect(sut.offers()).toEqual([]);
    expect(sut.statusOf('pbx1')).toBe('waiting');
    expect(waitingContacts(sut.state, qid('q'))).toEqual([]); // in no waiting list: matching never sees it
    sut.now += 12 * SEC;
    // 'a' has not even logged in here: the PBX rang their desk phone and they picked up.
    expect(sut.send(ev.externalAnswer('pbx1', 'a'))).toContainEqual({ type: 'contact_connected', contactId: 'pbx1', agentId: 'a', queueId: 'q', waitedMs: 12 * SEC });
    expect(sut.statusOf('pbx1')).toBe('connected:a');
    expect(agentView(sut.state, aid('a'))?.load).toMatchObject({ voice: 1 });
    sut.send(ev.hangUp('pbx1'));
    expect(sut.last).toContainEqual(expect.objectContaining({ type: 'wrap_up_started', agentId: 'a', contactId: 'pbx1' }));
    expect(sut.last).toContainEqual({ type: 'contact_ended', contactId: 'pbx1', queueId: 'q', agentId: 'a', outcome: 'answered' });
  });

  it('a caller who hangs up before anyone answers is abandoned; a closed queue does not refuse the PBX', () => {
    const hours: BusinessHours = { timeZone: 'Asia/Tokyo', weekly: {}, nationalHolidays: 'closed' };
    const sut = new Harness({ ...config, queues: [queueConfig('q', { hoursId: 'never' })], hours: { never: hours } });
    const arrived = sut.send(ev.arrive('pbx1', 'q', { external: true }));
    expect(arrived).toContainEqual(expect.objectContaining({ type: 'contact_queued', contactId: 'pbx1', afterHours: true }));
    expect(sut.send(ev.hangUp('pbx1'))).toEqual([{ type: 'contact_ended', contactId: 'pbx1', queueId: 'q', agentId: null, outcome: 'abandoned' }]);
  });

  it('holds the voice slot: no chat is offered to an agent on a PBX call (voice blocks others)', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('pbx1', 'q', { external: true }));
    sut.send(ev.externalAnswer('pbx1', 'a'));
    sut.send(ev.arrive('chat1', 'q', { channel: 'chat' }));
    expect(sut.offers()).toEqual([]);
    sut.send(ev.hangUp('pbx1'));
    sut.send(ev.wrapUpDone('a'));
    expect(sut.offers()).toEqual([['chat1', 'a']]);
  });

  it.each([
    ['a routed contact', 'routed', 'a', 'invalid_event'],
    ['an unknown agent', 'pbx1', 'ghost', 'unknown_agent'],
    ['an agent of another tenant', 'pbx1', 'other', 'tenant_mismatch'],
    ['an agent already on a call', 'pbx1', 'b', 'target_unavailable'],
    ['a call answered already', 'pbx0', 'a', 'contact_not_waiting'],
  ])('refuses the answer by %s, changing nothing', (_name, contactId, agentId, code) => {
    const sut = new Harness(config);
    sut.send(ev.ready('b'));
    sut.send(ev.arrive('routed', 'q'));
    sut.send(ev.accept('routed', 'b'));
    sut.send(ev.arrive('pbx0', 'q', { external: true }));
    sut.send(ev.externalAnswer('pbx0', 'a'));
    sut.send(ev.arrive('pbx1', 'q', { external: true }));
    const before = sut.state;
    const r = step(before, ev.externalAnswer(contactId, agentId), (sut.now + SEC) as Millis);
    expect(r).toMatchObject({ ok: false, error: { code }, actions: [] });
    expect(r.state).toBe(before);
  });

  it('is transferred on the PBX, not here', () => {
    const sut = new Harness(config);
    sut.send(ev.arrive('pbx1', 'q', { external: true }));
    sut.send(ev.externalAnswer('pbx1', 'a'));
    expect(sut.try(ev.transfer('pbx1', 'a', { kind: 'queue', queueId: qid('q') }))).toMatchObject({ ok: false, error: { code: 'invalid_event' } });
  });
});

describe('capacity', () => {
  it('offers up to the chat capacity and counts offered contacts (no double offers)', () => {
    const sut = new Harness({ queues: [queueConfig('q')], agents: [agentConfig('a', { capacity: { chat: 2 } })] });
    sut.send(ev.ready('a'));
    sut.sendAll(ev.arrive('c1', 'q', { channel: 'chat' }), ev.arrive('c2', 'q', { channel: 'chat' }), ev.arrive('c3', 'q', { channel: 'chat' }));
    expect([sut.statusOf('c1'), sut.statusOf('c2'), sut.statusOf('c3')]).toEqual(['offered:a', 'offered:a', 'waiting']);
    expect(agentView(sut.state, aid('a'))?.load.chat).toBe(2);
    sut.send(ev.accept('c1', 'a'));
    sut.send(ev.close('c1'));
    expect(sut.offers()).toEqual([['c3', 'a']]);
  });

  it('a call blocks other channels; other channels go on after the call', () => {
    const sut = new Harness({ queues: [queueConfig('q')], agents: [agentConfig('a')] });
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('call', 'q', { channel: 'voice' }));
    sut.send(ev.arrive('chat', 'q', { channel: 'chat' }));
    expect(sut.statusOf('chat')).toBe('waiting');
    sut.send(ev.accept('call', 'a'));
    sut.send(ev.hangUp('call'));
    expect(sut.offers()).toEqual([['chat', 'a']]);
  });

  it('chats do not block a call unless othersBlockVoice ("1 call OR n chats")', () => {
    const config = (othersBlockVoice: boolean): RoutingConfig => ({ queues: [queueConfig('q')], agents: [agentConfig('a', { othersBlockVoice })] });
    for (const [blocks, expected] of [
      [false, 'offered:a'],
      [true, 'waiting'],
    ] as const) {
      const sut = new Harness(config(blocks));
      sut.send(ev.ready('a'));
      sut.send(ev.arrive('chat', 'q', { channel: 'chat' }));
      sut.send(ev.arrive('call', 'q', { channel: 'voice' }));
      expect(sut.statusOf('call')).toBe(expected);
    }
  });

  it('voiceBlocksOthers: false lets an agent chat during a call', () => {
    const sut = new Harness({ queues: [queueConfig('q')], agents: [agentConfig('a', { voiceBlocksOthers: false })] });
    sut.send(ev.ready('a'));
    sut.sendAll(ev.arrive('call', 'q'), ev.arrive('chat', 'q', { channel: 'chat' }));
    expect(sut.statusOf('chat')).toBe('offered:a');
  });

  it('a channel without capacity is never offered', () => {
    const sut = new Harness({ queues: [queueConfig('q')], agents: [agentConfig('a', { capacity: { email: 5 } })] });
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'q', { channel: 'line' }));
    expect(sut.statusOf('c1')).toBe('waiting');
  });
});

describe('priority, aging and FIFO when an agent frees up', () => {
  const setup = (agingPerMinute: number): Harness => {
    const sut = new Harness({ queues: [queueConfig('q', { agingPerMinute })], agents: [agentConfig('a')] });
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('busy', 'q'));
    sut.send(ev.accept('busy', 'a'));
    sut.send(ev.arrive('old-low', 'q', { priority: 0 }));
    sut.now += 6 * MIN;
    sut.send(ev.arrive('new-high', 'q', { priority: 5 }));
    return sut;
  };

  it('without aging the higher priority goes first', () => {
    const sut = setup(0);
    sut.send(ev.hangUp('busy'));
    expect(sut.offers()).toEqual([['new-high', 'a']]);
  });

  it('aging lets an old low-priority contact overtake (0 + 1/min × 6 min > 5)', () => {
    const sut = setup(1);
    expect(contactPriority(sut.state, cid('old-low'), sut.now as Millis)).toBe(6);
    expect(contactPriority(sut.state, cid('new-high'), sut.now as Millis)).toBe(5);
    sut.send(ev.hangUp('busy'));
    expect(sut.offers()).toEqual([['old-low', 'a']]);
  });

  it('serves equal priority in arrival order', () => {
    const sut = new Harness({ queues: [queueConfig('q')], agents: [agentConfig('a')] });
    for (const id of ['c1', 'c2', 'c3']) {
      sut.send(ev.arrive(id, 'q'));
      sut.now += SEC;
    }
    const order: string[] = [];
    sut.send(ev.ready('a'));
    for (let i = 0; i < 3; i++) {
      const [[contactId = '']] = sut.offers() as [[string, string]];
      order.push(contactId);
      sut.send(ev.accept(contactId, 'a'));
      sut.send(ev.hangUp(contactId));
    }
    expect(order).toEqual(['c1', 'c2', 'c3']);
  });

  it('takes the best contact across all of its queues', () => {
    const sut = new Harness({
      queues: [queueConfig('general', { priority: 1 }), queueConfig('vip', { priority: 10 })],
      agents: [agentConfig('a')],
    });
    sut.send(ev.arrive('g1', 'general'));
    sut.now += 5 * MIN;
    sut.send(ev.arrive('v1', 'vip'));
    sut.send(ev.ready('a'));
    expect(sut.offers()).toEqual([['v1', 'a']]);
  });

  it('a freed agent with free chat slots takes several contacts', () => {
    const sut = new Harness({ queues: [queueConfig('q')], agents: [agentConfig('a')] });
    sut.sendAll(ev.arrive('c1', 'q', { channel: 'chat' }), ev.arrive('c2', 'q', { channel: 'chat' }), ev.arrive('e1', 'q', { channel: 'email' }));
    sut.send(ev.ready('a'));
    expect(sut.offers()).toEqual([
      ['c1', 'a'],
      ['c2', 'a'],
      ['e1', 'a'],
    ]);
  });

  it('agents freed together share the line (round robin, longest idle first)', () => {
    const sut = new Harness({ queues: [queueConfig('q', { wrapUpLimitSec: 30 })], agents: [agentConfig('a'), agentConfig('b')] });
    sut.sendAll(ev.ready('a'), ev.ready('b'));
    sut.sendAll(ev.arrive('x', 'q', { channel: 'chat' }), ev.arrive('y', 'q', { channel: 'chat' }));
    sut.sendAll(ev.accept('x', 'a'), ev.accept('y', 'b'), ev.close('x'), ev.close('y'));
    sut.sendAll(ev.arrive('c1', 'q', { channel: 'email' }), ev.arrive('c2', 'q', { channel: 'email' }));
    // Both still have free email slots: offered at once to a and b by best agent.
    expect(sut.offers(sut.log.slice(-6))).toEqual([
      ['c1', 'a'],
      ['c2', 'b'],
    ]);
  });
});

describe('sticky routing', () => {
  const sticky = queueConfig('q', { stickyWindowSec: 3600, requiredSkills: [{ skill: 'billing', minLevel: 1 }] });
  const config: RoutingConfig = {
    queues: [sticky],
    agents: [agentConfig('last', { skills: { billing: 2 } }), agentConfig('expert', { skills: { billing: 9 } })],
  };

  it('offers a returning customer to their last agent first, even over a better match', () => {
    const sut = new Harness(config);
    sut.sendAll(ev.ready('expert'), ev.ready('last'));
    sut.send(ev.arrive('c1', 'q', { lastAgentId: 'last', lastServedAt: T0 - 30 * MIN }));
    expect(sut.last).toContainEqual(expect.objectContaining({ type: 'offer', contactId: 'c1', agentId: 'last', reason: 'sticky' }));
  });

  it('uses normal routing outside the window', () => {
    const sut = new Harness(config);
    sut.sendAll(ev.ready('expert'), ev.ready('last'));
    sut.send(ev.arrive('c1', 'q', { lastAgentId: 'last', lastServedAt: T0 - 2 * 3600 * SEC }));
    expect(sut.offers()).toEqual([['c1', 'expert']]);
  });

  it('uses normal routing when the last agent is busy, on break or no longer eligible', () => {
    const sut = new Harness(config);
    sut.sendAll(ev.ready('expert'), ev.break('last'));
    sut.send(ev.arrive('c1', 'q', { lastAgentId: 'last', lastServedAt: T0 }));
    expect(sut.offers()).toEqual([['c1', 'expert']]);
    const unknown = new Harness(config);
    unknown.send(ev.ready('expert'));
    unknown.send(ev.arrive('c1', 'q', { lastAgentId: 'left-the-company', lastServedAt: T0 }));
    expect(unknown.offers()).toEqual([['c1', 'expert']]);
  });

  // Regression (found by the property test): an agent freed by an overdue timer in the same step as
  // a sticky arrival took the newcomer, though an earlier contact was waiting for that agent.
  it('never lets a sticky contact jump the line when an overdue timer frees the agent in the same step', () => {
    const cfg: RoutingConfig = { queues: [queueConfig('q', { stickyWindowSec: 600, wrapUpLimitSec: 30 })], agents: [agentConfig('a', { capacity: { voice: 1, chat: 1 } })] };
    const sut = new Harness(cfg);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('call', 'q'));
    sut.send(ev.accept('call', 'a'));
    sut.send(ev.arrive('chat-1', 'q', { channel: 'chat' })); // waits: the call blocks chats
    sut.send(ev.hangUp('call')); // wrap-up, which still blocks other media, until its 30 s limit
    sut.now += 60 * SEC; // the limit passes with no tick in between
    sut.send(ev.arrive('chat-2', 'q', { channel: 'chat', lastAgentId: 'a', lastServedAt: sut.now - 60 * SEC }));
    expect(sut.offers().slice(-1)).toEqual([['chat-1', 'a']]);
  });

  // Regression (property test, seed -1657860081): an overdue offer expiry put an earlier contact back
  // in line in the same step as a sticky arrival, and the sticky agent took the newcomer instead.
  it('never lets a sticky contact jump the line when an overdue offer expiry returns a contact in the same step', () => {
    const cfg: RoutingConfig = { queues: [queueConfig('q', { stickyWindowSec: 600, offerTimeoutSec: 5 })], agents: [agentConfig('a'), agentConfig('b')] };
    const sut = new Harness(cfg);
    sut.sendAll(ev.ready('a'), ev.ready('b'));
    sut.send(ev.arrive('c1', 'q')); // offered to a, who never answers
    sut.now += 60 * SEC; // the 5 s offer expiry passes with no tick in between
    sut.send(ev.arrive('c2', 'q', { lastAgentId: 'b', lastServedAt: sut.now - 60 * SEC }));
    expect(sut.offers()).toEqual([['c1', 'b']]); // as if the expiry had fired on time
    expect(sut.statusOf('c2')).toBe('waiting');
    expect(sut.presenceOf('a')).toBe('missed');
  });

  it('still routes sticky when the contact returned by an overdue timer goes to another agent', () => {
    const cfg: RoutingConfig = {
      queues: [queueConfig('q', { stickyWindowSec: 600, offerTimeoutSec: 5, requiredSkills: [{ skill: 'billing', minLevel: 1 }] })],
      agents: [agentConfig('a', { skills: { billing: 9 } }), agentConfig('b', { skills: { billing: 2 } }), agentConfig('c', { skills: { billing: 5 } })],
    };
    const sut = new Harness(cfg);
    sut.sendAll(ev.ready('a'), ev.ready('b'), ev.ready('c'));
    sut.send(ev.arrive('c1', 'q')); // offered to a (best match), who never answers
    sut.now += 60 * SEC;
    sut.send(ev.arrive('c2', 'q', { lastAgentId: 'b', lastServedAt: sut.now - 60 * SEC }));
    expect([sut.statusOf('c1'), sut.statusOf('c2')]).toEqual(['offered:c', 'offered:b']);
    expect(sut.last).toContainEqual(expect.objectContaining({ type: 'offer', contactId: 'c2', agentId: 'b', reason: 'sticky' }));
  });

  it('goes to normal routing when the last agent rejects', () => {
    const sut = new Harness(config);
    sut.sendAll(ev.ready('expert'), ev.ready('last'));
    sut.send(ev.arrive('c1', 'q', { lastAgentId: 'last', lastServedAt: T0 }));
    sut.send(ev.reject('c1', 'last'));
    expect(sut.offers()).toEqual([['c1', 'expert']]);
  });
});

describe('offers: timeout, reject, accept', () => {
  const config: RoutingConfig = { queues: [queueConfig('q', { offerTimeoutSec: 20 })], agents: [agentConfig('a'), agentConfig('b')] };

  it('an offer timeout re-queues at the original place and sets the agent to missed', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('first', 'q'));
    sut.now += 5 * SEC;
    sut.send(ev.arrive('second', 'q'));
    expect(sut.statusOf('second')).toBe('waiting');
    const actions = sut.advance(15 * SEC); // 20 s after the offer of "first"
    expect(actions).toEqual([
      { type: 'offer_cancelled', contactId: 'first', agentId: 'a', reason: 'expired' },
      { type: 'agent_state_changed', agentId: 'a', presence: 'missed', reason: null, activity: 'missed', since: T0 + 20 * SEC },
    ]);
    expect(sut.presenceOf('a')).toBe('missed');
    expect(waitingContacts(sut.state, qid('q')).map((c) => c.id)).toEqual(['first', 'second']);
    expect(sut.state.contacts.get(cid('first'))?.arrivedAt).toBe(T0);
    // The next agent gets "first" — its original place — before "second".
    sut.send(ev.ready('b'));
    expect(sut.offers()).toEqual([['first', 'b']]);
  });

  it('does not expire before the timeout', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'q'));
    expect(sut.advance(19_999)).toEqual([]);
    expect(sut.statusOf('c1')).toBe('offered:a');
    expect(sut.state.nextDueAt).toBe(T0 + 20 * SEC);
  });

  it('an accept after the expiry is refused and changes nothing', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'q'));
    sut.now += 21 * SEC; // no tick has run yet: the step itself fires the timeout first
    const before = sut.state;
    const r = sut.try(ev.accept('c1', 'a'));
    expect(r).toMatchObject({ ok: false, error: { code: 'offer_not_found' } });
    expect(r.state).toBe(before);
  });

  it('a rejected contact goes to the next agent and never back to the rejecter', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'q'));
    sut.send(ev.reject('c1', 'a'));
    expect(sut.last).toContainEqual({ type: 'offer_cancelled', contactId: 'c1', agentId: 'a', reason: 'rejected' });
    expect(sut.presenceOf('a')).toBe('available');
    expect(sut.statusOf('c1')).toBe('waiting');
    sut.send(ev.arrive('c2', 'q'));
    expect(sut.offers()).toEqual([['c2', 'a']]);
    sut.send(ev.ready('b'));
    expect(sut.offers()).toEqual([['c1', 'b']]);
  });

  it('accept connects; a replayed accept is refused', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.now += 3 * SEC;
    sut.send(ev.arrive('c1', 'q'));
    sut.now += 4 * SEC;
    // Ringing and talking are both "busy": no agent state change on accept.
    expect(sut.send(ev.accept('c1', 'a'))).toEqual([{ type: 'contact_connected', contactId: 'c1', agentId: 'a', queueId: 'q', waitedMs: 4000 }]);
    expect(sut.try(ev.accept('c1', 'a'))).toMatchObject({ ok: false, error: { code: 'offer_not_found' } });
    expect(sut.try(ev.accept('c1', 'b'))).toMatchObject({ ok: false, error: { code: 'offer_not_found' } });
  });
});

describe('overflow', () => {
  it('adds another queue after N seconds; its agents are a fallback', () => {
    const sut = new Harness({
      queues: [
        queueConfig('tier2', { requiredSkills: [{ skill: 'tier2', minLevel: 1 }], overflow: [{ afterSec: 30, kind: 'add_queue', queueId: qid('general') }] }),
        queueConfig('general'),
      ],
      agents: [agentConfig('generalist')],
    });
    sut.send(ev.ready('generalist'));
    sut.send(ev.arrive('c1', 'tier2'));
    expect(sut.offers()).toEqual([]);
    expect(sut.advance(29 * SEC)).toEqual([]);
    const actions = sut.advance(SEC);
    expect(actions).toContainEqual({ type: 'contact_overflowed', contactId: 'c1', queueId: 'tier2', rule: { afterSec: 30, kind: 'add_queue', queueId: 'general' } });
    expect(sut.offers()).toEqual([['c1', 'generalist']]);
  });

  it('contacts that overflow in the same tick keep their arrival order', () => {
    const sut = new Harness({
      queues: [
        queueConfig('tier2', { requiredSkills: [{ skill: 'tier2', minLevel: 1 }], overflow: [{ afterSec: 30, kind: 'add_queue', queueId: qid('general') }] }),
        queueConfig('general'),
      ],
      agents: [agentConfig('generalist', { capacity: { chat: 1 } })],
    });
    sut.send(ev.ready('generalist'));
    sut.sendAll(ev.arrive('first', 'tier2', { channel: 'chat' }), ev.arrive('second', 'tier2', { channel: 'chat' })); // same millisecond
    sut.advance(30 * SEC);
    expect(sut.offers()).toEqual([['first', 'generalist']]);
  });

  it('prefers an own-queue agent over an overflow agent with a better score', () => {
    const sut = new Harness({
      queues: [
        queueConfig('tier2', { requiredSkills: [{ skill: 'x', minLevel: 1 }], overflow: [{ afterSec: 0, kind: 'add_queue', queueId: qid('general') }] }),
        queueConfig('general', { requiredSkills: [{ skill: 'y', minLevel: 1 }] }),
      ],
      agents: [agentConfig('own', { skills: { x: 1 } }), agentConfig('overflow', { skills: { y: 10 } })],
    });
    sut.sendAll(ev.ready('overflow'), ev.ready('own'));
    sut.send(ev.arrive('c1', 'tier2'));
    expect(sut.offers()).toEqual([['c1', 'own']]);
  });

  it('relaxes the required level after N seconds, never below 1', () => {
    const sut = new Harness({
      queues: [
        queueConfig('q', {
          requiredSkills: [{ skill: 'billing', minLevel: 7 }],
          overflow: [
            { afterSec: 60, kind: 'relax_level', by: 3 },
            { afterSec: 120, kind: 'relax_level', by: 10 },
          ],
        }),
      ],
      agents: [agentConfig('mid', { skills: { billing: 4 } }), agentConfig('none', { skills: { sales: 5 } })],
    });
    sut.sendAll(ev.ready('mid'), ev.ready('none'));
    sut.send(ev.arrive('c1', 'q'));
    sut.advance(59 * SEC);
    expect(sut.statusOf('c1')).toBe('waiting');
    sut.advance(SEC);
    expect(sut.offers()).toEqual([['c1', 'mid']]);
    sut.send(ev.reject('c1', 'mid'));
    sut.advance(10 * MIN);
    expect(sut.statusOf('c1')).toBe('waiting'); // "none" lacks the skill entirely
  });

  it('measures overflow from the entry into the current queue', () => {
    const sut = new Harness({
      queues: [queueConfig('a'), queueConfig('b', { requiredSkills: [{ skill: 's', minLevel: 5 }], overflow: [{ afterSec: 60, kind: 'relax_level', by: 4 }] })],
      agents: [agentConfig('x', { skills: { s: 1 } })],
    });
    sut.send(ev.arrive('c1', 'a'));
    sut.now += 10 * MIN;
    sut.send(ev.transfer('c1', null, { kind: 'queue', queueId: qid('b') }));
    sut.send(ev.ready('x'));
    expect(sut.statusOf('c1')).toBe('waiting');
    sut.advance(60 * SEC);
    expect(sut.statusOf('c1')).toBe('offered:x');
  });
});

describe('transfer', () => {
  const config: RoutingConfig = {
    queues: [queueConfig('front', { wrapUpLimitSec: 60 }), queueConfig('tech', { requiredSkills: [{ skill: 'tech', minLevel: 1 }] })],
    agents: [agentConfig('a', { skills: { tech: 5 } }), agentConfig('b', { skills: { tech: 5 } })],
  };

  it('to a queue: keeps the original arrival, carries the context, and the sender goes to ACW', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'front', { context: { ivr: 'serial 123' } }));
    sut.send(ev.accept('c1', 'a'));
    sut.now += 2 * MIN;
    sut.send(ev.ready('b'));
    const actions = sut.send(ev.transfer('c1', 'a', { kind: 'queue', queueId: qid('tech') }, { note: '請求書の再発行', ivr: 'serial 123' }));
    expect(actions).toContainEqual({
      type: 'contact_transferred',
      contactId: 'c1',
      fromAgentId: 'a',
      toQueueId: 'tech',
      toAgentId: null,
      context: { note: '請求書の再発行', ivr: 'serial 123' },
    });
    expect(actions).toContainEqual(expect.objectContaining({ type: 'wrap_up_started', agentId: 'a', contactId: 'c1' }));
    expect(actions).toContainEqual(expect.objectContaining({ type: 'offer', contactId: 'c1', agentId: 'b', context: { note: '請求書の再発行', ivr: 'serial 123' } }));
    expect(sut.state.contacts.get(cid('c1'))).toMatchObject({ queueId: 'tech', arrivedAt: T0, transfers: 1 });
  });

  it('is never offered back to the sender through the queue', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'front', { channel: 'chat' }));
    sut.send(ev.accept('c1', 'a'));
    sut.send(ev.transfer('c1', 'a', { kind: 'queue', queueId: qid('tech') }));
    expect(sut.statusOf('c1')).toBe('waiting'); // a has free chat slots but sent it away
  });

  it('to a named agent: offered to them; if they do not answer it waits in the queue', () => {
    const sut = new Harness(config);
    sut.sendAll(ev.ready('a'), ev.ready('b'));
    sut.send(ev.arrive('c1', 'front'));
    sut.send(ev.accept('c1', 'a'));
    sut.send(ev.transfer('c1', 'a', { kind: 'agent', agentId: aid('b') }, { note: 'please call back' }));
    expect(sut.last).toContainEqual(expect.objectContaining({ type: 'offer', contactId: 'c1', agentId: 'b', reason: 'transfer' }));
    sut.send(ev.reject('c1', 'b'));
    expect(sut.statusOf('c1')).toBe('waiting');
    expect(sut.state.contacts.get(cid('c1'))?.context).toEqual({ note: 'please call back' });
  });

  it('refuses a named agent who cannot take it, and changes nothing', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'front'));
    sut.send(ev.accept('c1', 'a'));
    const before = sut.state;
    expect(sut.try(ev.transfer('c1', 'a', { kind: 'agent', agentId: aid('b') }))).toMatchObject({ ok: false, error: { code: 'target_unavailable' }, state: before });
    expect(sut.try(ev.transfer('c1', 'b', { kind: 'queue', queueId: qid('tech') }))).toMatchObject({ ok: false, error: { code: 'contact_not_connected' } });
    expect(sut.try(ev.transfer('c1', 'a', { kind: 'queue', queueId: qid('nope') }))).toMatchObject({ ok: false, error: { code: 'unknown_queue' } });
  });
});

describe('after-contact work (後処理)', () => {
  const config: RoutingConfig = { queues: [queueConfig('q', { wrapUpLimitSec: 60 })], agents: [agentConfig('a')] };

  it('holds the slot until wrap-up done; a call in ACW blocks chats', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('call', 'q'));
    sut.send(ev.accept('call', 'a'));
    const ended = sut.send(ev.hangUp('call'));
    expect(ended).toEqual([
      { type: 'contact_ended', contactId: 'call', queueId: 'q', agentId: 'a', outcome: 'answered' },
      { type: 'wrap_up_started', agentId: 'a', contactId: 'call', until: T0 + 60 * SEC },
      { type: 'agent_state_changed', agentId: 'a', presence: 'available', reason: null, activity: 'acw', since: T0 },
    ]);
    sut.send(ev.arrive('chat', 'q', { channel: 'chat' }));
    expect(sut.statusOf('chat')).toBe('waiting');
    sut.now += 10 * SEC;
    sut.send(ev.wrapUpDone('a'));
    expect(sut.last).toContainEqual({ type: 'wrap_up_ended', agentId: 'a', contactId: 'call', reason: 'done' });
    expect(sut.offers()).toEqual([['chat', 'a']]);
  });

  it('ends at the queue wrap-up limit', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.sendAll(ev.arrive('call', 'q'), ev.accept('call', 'a'), ev.hangUp('call'), ev.arrive('next', 'q'));
    sut.advance(59 * SEC);
    expect(sut.statusOf('next')).toBe('waiting');
    sut.advance(SEC);
    expect(sut.last).toContainEqual({ type: 'wrap_up_ended', agentId: 'a', contactId: 'call', reason: 'limit' });
    expect(sut.statusOf('next')).toBe('offered:a');
  });

  it('is per slot for chats: other chats keep being offered', () => {
    const sut = new Harness({ queues: [queueConfig('q', { wrapUpLimitSec: 60 })], agents: [agentConfig('a', { capacity: { chat: 2 } })] });
    sut.send(ev.ready('a'));
    sut.sendAll(ev.arrive('c1', 'q', { channel: 'chat' }), ev.accept('c1', 'a'), ev.close('c1'));
    sut.send(ev.arrive('c2', 'q', { channel: 'chat' }));
    expect(sut.statusOf('c2')).toBe('offered:a');
    sut.send(ev.arrive('c3', 'q', { channel: 'chat' }));
    expect(sut.statusOf('c3')).toBe('waiting'); // one slot in ACW + one offered = 2
    expect(sut.try(ev.wrapUpDone('a', 'c2'))).toMatchObject({ ok: false, error: { code: 'not_in_wrap_up' } });
  });
});

describe('presence', () => {
  const config: RoutingConfig = { queues: [queueConfig('q', { wrapUpLimitSec: 60 })], agents: [agentConfig('a'), agentConfig('b')] };

  it('login is not ready; ready makes the agent available', () => {
    const sut = new Harness(config);
    sut.send(ev.arrive('c1', 'q'));
    expect(sut.send(ev.login('a'))).toEqual([
      { type: 'agent_state_changed', agentId: 'a', presence: 'break', reason: 'not_ready', activity: 'break', since: T0 },
    ]);
    expect(sut.statusOf('c1')).toBe('waiting');
    sut.send(ev.ready('a'));
    expect(sut.offers()).toEqual([['c1', 'a']]);
  });

  it('a break cancels a pending offer; the contact keeps its place', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'q'));
    expect(sut.send(ev.break('a', 'training'))).toContainEqual({ type: 'offer_cancelled', contactId: 'c1', agentId: 'a', reason: 'agent_unavailable' });
    expect(sut.presenceOf('a')).toBe('break:training');
    expect(sut.statusOf('c1')).toBe('waiting');
    sut.send(ev.ready('b'));
    expect(sut.offers()).toEqual([['c1', 'b']]);
  });

  it('break during a call: the call goes on, nothing new is offered', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.sendAll(ev.arrive('c1', 'q', { channel: 'chat' }), ev.accept('c1', 'a'), ev.break('a'));
    expect(agentView(sut.state, aid('a'))).toMatchObject({ presence: { kind: 'break' }, activity: 'busy' });
    sut.send(ev.arrive('c2', 'q', { channel: 'chat' }));
    expect(sut.statusOf('c2')).toBe('waiting');
  });

  it('logout is refused while connected, and ends after-contact work', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.sendAll(ev.arrive('c1', 'q'), ev.accept('c1', 'a'));
    expect(sut.try(ev.logout('a'))).toMatchObject({ ok: false, error: { code: 'agent_has_contacts' } });
    sut.send(ev.hangUp('c1'));
    expect(sut.send(ev.logout('a'))).toEqual([
      { type: 'wrap_up_ended', agentId: 'a', contactId: 'c1', reason: 'logout' },
      { type: 'agent_state_changed', agentId: 'a', presence: 'offline', reason: null, activity: 'offline', since: T0 },
    ]);
  });

  it('a missed agent gets nothing until ready again', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'q'));
    sut.advance(20 * SEC);
    expect(sut.presenceOf('a')).toBe('missed');
    expect(sut.statusOf('c1')).toBe('waiting');
    sut.send(ev.ready('a'));
    expect(sut.offers()).toEqual([['c1', 'a']]);
  });
});

describe('ending contacts', () => {
  const config: RoutingConfig = { queues: [queueConfig('q')], agents: [agentConfig('a')] };

  it('abandoned while waiting', () => {
    const sut = new Harness(config);
    sut.send(ev.arrive('c1', 'q'));
    expect(sut.send(ev.hangUp('c1'))).toEqual([{ type: 'contact_ended', contactId: 'c1', queueId: 'q', agentId: null, outcome: 'abandoned' }]);
    expect(sut.state.contacts.size).toBe(0);
    expect(waitingContacts(sut.state, qid('q'))).toEqual([]);
  });

  it('abandoned while ringing: the offer is cancelled', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'q'));
    expect(sut.send(ev.hangUp('c1'))).toEqual([
      { type: 'offer_cancelled', contactId: 'c1', agentId: 'a', reason: 'contact_ended' },
      { type: 'contact_ended', contactId: 'c1', queueId: 'q', agentId: null, outcome: 'abandoned' },
      { type: 'agent_state_changed', agentId: 'a', presence: 'available', reason: null, activity: 'available', since: T0 },
    ]);
  });

  it('closed by the system while waiting (e.g. an e-mail answered elsewhere); agents only close what they hold', () => {
    const sut = new Harness(config);
    sut.send(ev.arrive('m1', 'q', { channel: 'email' }));
    expect(sut.try(ev.close('m1'))).toMatchObject({ ok: false, error: { code: 'contact_not_connected' } });
    expect(sut.send({ type: 'contact_ended', contactId: cid('m1'), reason: 'system_closed' })).toEqual([
      { type: 'contact_ended', contactId: 'm1', queueId: 'q', agentId: null, outcome: 'closed' },
    ]);
  });
});

describe('business hours', () => {
  const hours: BusinessHours = {
    timeZone: 'Asia/Tokyo',
    weekly: { mon: [{ open: '09:00', close: '18:00' }], tue: [{ open: '09:00', close: '18:00' }], wed: [{ open: '09:00', close: '18:00' }] },
    nationalHolidays: 'closed',
  };
  const config: RoutingConfig = { queues: [queueConfig('q', { hoursId: 'main' })], agents: [agentConfig('a')], hours: { main: hours } };
  const beforeOpening = Date.parse('2026-03-31T23:59:00Z'); // Wed 2026-04-01 08:59 JST

  it('a call while closed gets the closed action and ends closed', () => {
    const sut = new Harness(config, beforeOpening);
    sut.send(ev.ready('a'));
    expect(sut.send(ev.arrive('c1', 'q'))).toEqual([
      { type: 'contact_closed_hours', contactId: 'c1', queueId: 'q', channel: 'voice', nextOpening: T0 },
      { type: 'contact_ended', contactId: 'c1', queueId: 'q', agentId: null, outcome: 'closed' },
    ]);
    expect(sut.state.contacts.size).toBe(0);
  });

  it('a call at 09:00 JST (00:00 UTC) is routed', () => {
    const sut = new Harness(config, T0);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'q'));
    expect(sut.offers()).toEqual([['c1', 'a']]);
  });

  it('on a national holiday (2026-05-06 振替休日) a call is closed until the next working day', () => {
    const sut = new Harness(config, Date.parse('2026-05-06T10:00:00+09:00'));
    expect(sut.send(ev.arrive('c1', 'q'))[0]).toEqual({
      type: 'contact_closed_hours',
      contactId: 'c1',
      queueId: 'q',
      channel: 'voice',
      nextOpening: Date.parse('2026-05-11T09:00:00+09:00'), // Thu–Sun have no hours in this config
    });
  });

  it('an e-mail while closed queues for the next opening', () => {
    const sut = new Harness(config, beforeOpening);
    expect(sut.send(ev.arrive('m1', 'q', { channel: 'email' }))).toEqual([
      { type: 'contact_queued', contactId: 'm1', queueId: 'q', afterHours: true, nextOpening: T0 },
    ]);
  });

  it('the queue can choose per channel, and a due callback is never refused', () => {
    const strict = new Harness({ ...config, queues: [queueConfig('q', { hoursId: 'main', whenClosed: { email: 'reject' } })] }, beforeOpening);
    expect(strict.send(ev.arrive('m1', 'q', { channel: 'email' }))[0]).toMatchObject({ type: 'contact_closed_hours' });
    expect(strict.send(ev.callback('cb1', 'q'))[0]).toMatchObject({ type: 'contact_queued', afterHours: true });
    expect(strict.state.contacts.get(cid('cb1'))?.kind).toBe('callback');
  });
});

describe('callbacks', () => {
  it('a due callback keeps the place the customer asked for', () => {
    const sut = new Harness({ queues: [queueConfig('q')], agents: [agentConfig('a')] });
    sut.send(ev.arrive('caller', 'q'));
    sut.now += 5 * MIN;
    sut.send(ev.callback('cb', 'q', { arrivedAt: T0 - MIN }));
    sut.send(ev.ready('a'));
    expect(sut.offers()).toEqual([['cb', 'a']]);
  });

  it('a callback can be sticky to the agent who promised it', () => {
    const sut = new Harness({ queues: [queueConfig('q', { stickyWindowSec: 86_400 })], agents: [agentConfig('a'), agentConfig('b')] });
    sut.sendAll(ev.ready('a'), ev.ready('b'));
    sut.send(ev.callback('cb', 'q', { lastAgentId: 'b', lastServedAt: T0 }));
    expect(sut.offers()).toEqual([['cb', 'b']]);
  });
});

describe('bad input changes nothing', () => {
  const config: RoutingConfig = {
    queues: [queueConfig('q'), queueConfig('other', { tenantId: 't2' as never })],
    agents: [agentConfig('a')],
  };

  it.each([
    ['unknown queue', ev.arrive('c9', 'nope'), 'unknown_queue'],
    ['another tenant’s queue', ev.arrive('c9', 'other'), 'tenant_mismatch'],
    ['duplicate contact', ev.arrive('c1', 'q'), 'duplicate_contact'],
    ['non-integer priority', ev.arrive('c9', 'q', { priority: 1.5 }), 'invalid_contact'],
    ['skill level out of range', ev.arrive('c9', 'q', { skills: [{ skill: 'english', minLevel: 11 }] }), 'invalid_contact'],
    ['a skill listed twice', ev.arrive('c9', 'q', { skills: [{ skill: 'english', minLevel: 2 }, { skill: 'english', minLevel: 3 }] }), 'invalid_contact'],
    ['unknown agent', ev.ready('ghost'), 'unknown_agent'],
    ['accept without offer', ev.accept('c1', 'a'), 'offer_not_found'],
    ['unknown contact', ev.hangUp('c404'), 'unknown_contact'],
    ['wrap-up without ACW', ev.wrapUpDone('a'), 'not_in_wrap_up'],
    ['transfer across tenants', ev.transfer('c1', null, { kind: 'queue', queueId: qid('other') }), 'tenant_mismatch'],
  ])('%s', (_name, event, code) => {
    const sut = new Harness(config);
    sut.send(ev.arrive('c1', 'q'));
    const before = sut.state;
    const r = step(before, event, (T0 + SEC) as Millis);
    expect(r).toMatchObject({ ok: false, error: { code }, actions: [] });
    expect(r.state).toBe(before);
  });

  it('an invalid configuration is refused with every problem', () => {
    expect(() => createRoutingState({ queues: [queueConfig('q', { offerTimeoutSec: 0 })], agents: [agentConfig('a', { capacity: { voice: 2 } })] })).toThrow(
      RoutingConfigError,
    );
  });
});

describe('state handling', () => {
  const config: RoutingConfig = { queues: [queueConfig('q', { wrapUpLimitSec: 30, agingPerMinute: 1 })], agents: [agentConfig('a'), agentConfig('b')] };

  it('never mutates the input state', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    const before = sut.state;
    const frozen = JSON.stringify(snapshotRoutingState(before));
    sut.sendAll(ev.arrive('c1', 'q'), ev.accept('c1', 'a'), ev.arrive('c2', 'q'), ev.hangUp('c1'));
    expect(JSON.stringify(snapshotRoutingState(before))).toBe(frozen);
    expect(before.agents.get(aid('a'))?.slots).toEqual([]);
  });

  it('reports which agents and contacts changed (what to persist)', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    const r = sut.try(ev.arrive('c1', 'q'));
    expect(r.ok && r.changed).toEqual({ agents: ['a'], contacts: ['c1'] });
    sut.send(ev.accept('c1', 'a'));
    const end = sut.try(ev.hangUp('c1'));
    expect(end.ok && end.changed).toEqual({ agents: ['a'], contacts: ['c1'] });
    expect(sut.state.contacts.has(cid('c1'))).toBe(false); // → delete the row
  });

  it('restores from a JSON snapshot and continues identically', () => {
    const sut = new Harness(config);
    sut.sendAll(ev.ready('a'), ev.arrive('c1', 'q'), ev.arrive('c2', 'q', { channel: 'chat' }), ev.arrive('c3', 'q'));
    sut.now += 5 * SEC;
    sut.send(ev.accept('c1', 'a'));
    const json = JSON.parse(JSON.stringify(snapshotRoutingState(sut.state))) as RoutingSnapshot;
    const restored = createRoutingState(config, { snapshot: json });
    expect(snapshotRoutingState(restored)).toEqual(snapshotRoutingState(sut.state));
    // Nothing pending (c1 talks, c2/c3 wait behind the call): accepting c1 removed its offer timer, so
    // the live state is as exact as the restored one. (The contract allows early, never late.)
    expect(restored.nextDueAt).toBeNull();
    expect(sut.state.nextDueAt).toBeNull();
    const later = (sut.now + 40 * SEC) as Millis;
    const a = step(sut.state, ev.ready('b'), later);
    const b = step(restored, ev.ready('b'), later);
    expect(b.actions).toEqual(a.actions);
    expect(b.ok && snapshotRoutingState(b.state)).toEqual(a.ok && snapshotRoutingState(a.state));
  });

  it('refuses an inconsistent snapshot', () => {
    const sut = new Harness(config);
    sut.sendAll(ev.ready('a'), ev.arrive('c1', 'q'));
    const snap = snapshotRoutingState(sut.state);
    const broken: RoutingSnapshot = { ...snap, agents: snap.agents.map((a) => ({ ...a, slots: [] })) };
    expect(() => createRoutingState(config, { snapshot: broken })).toThrow(/no matching slot/);
  });

  it('rebalance after restore routes what waits', () => {
    const sut = new Harness(config);
    sut.send(ev.arrive('c1', 'q'));
    const snap = snapshotRoutingState(sut.state);
    // The agent was made available by a repair outside the engine: rebalance matches them.
    const agents = snap.agents.map((a) => (a.id === 'a' ? { ...a, presence: { kind: 'available' as const } } : a));
    const restored = createRoutingState(config, { snapshot: { ...snap, agents } });
    const r = step(restored, { type: 'rebalance' }, sut.now as Millis);
    expect(r.actions).toContainEqual(expect.objectContaining({ type: 'offer', contactId: 'c1', agentId: 'a' }));
  });

  it('time never goes back', () => {
    const sut = new Harness(config);
    sut.send(ev.ready('a'));
    sut.send(ev.arrive('c1', 'q'));
    const r = step(sut.state, ev.tick(), (T0 - 60 * SEC) as Millis);
    expect(r.state.now).toBe(T0);
  });

  it('reconfigure: a new skill lets an agent take what waits; a queue in use cannot be removed', () => {
    const skilled = queueConfig('q', { requiredSkills: [{ skill: 'x', minLevel: 1 }] });
    const sut = new Harness({ queues: [skilled], agents: [agentConfig('a')] });
    sut.sendAll(ev.ready('a'), ev.arrive('c1', 'q'));
    expect(sut.statusOf('c1')).toBe('waiting');
    sut.send({ type: 'reconfigure', config: { queues: [skilled], agents: [agentConfig('a', { skills: { x: 3 } })] } });
    expect(sut.offers()).toEqual([['c1', 'a']]);
    expect(sut.try({ type: 'reconfigure', config: { queues: [], agents: [agentConfig('a')] } })).toMatchObject({ ok: false, error: { code: 'config_in_use' } });
    expect(sut.try({ type: 'reconfigure', config: { queues: [skilled], agents: [] } })).toMatchObject({ ok: false, error: { code: 'config_in_use' } });
    expect(sut.try({ type: 'reconfigure', config: { queues: [skilled], agents: [agentConfig('a', { skills: { x: 11 } })] } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_config' },
    });
  });
});
