import { isOpen, nextOpening } from './business-hours.js';
import { freeAgentsOf } from './free-agents.js';
import { PersistentMap } from './persistent-map.js';
import { buildRoutingIndex, skillRequirementIssues, validateRoutingConfig, type AgentEntry, type ConfigIssue, type QueueEntry, type RoutingIndex } from './routing-config.js';
import { Draft } from './routing-draft.js';
import {
  agentActivity,
  basePriority,
  canTake,
  effectivePriority,
  freeChannelMask,
  contactSkillScore,
  loadOn,
  maskHas,
  meetsQueue,
  meetsSkills,
} from './routing-matching.js';
import {
  nonEmptyOf,
  orderedAgents,
  orderedContacts,
  type RoutingSnapshot,
  type RoutingState,
  type StepChanges,
  type StepResult,
} from './routing-state.js';
import { withAgent, withContact, withSlot } from './routing-records.js';
import { nextOverflowAt, timerSetOf } from './routing-timers.js';
import { firstTimer, timersDue } from './timer-set.js';
import {
  CHANNELS,
  MAX_SKILL_LEVEL,
  type AgentActivity,
  type AgentId,
  type AgentRuntime,
  type AgentSlot,
  type Channel,
  type ClosedHoursMode,
  type ContactId,
  type ContactRuntime,
  type Millis,
  type OfferCancelReason,
  type OfferReason,
  type OverflowRule,
  type Presence,
  type QueueId,
  type RoutingConfig,
  type RoutingError,
  type RoutingErrorCode,
  type RoutingEvent,
} from './routing.types.js';

export type { RoutingSnapshot, RoutingState, StepChanges, StepResult };

/**
 * The routing engine (ACD): one pure transition `step(state, event, now) → { state, actions }`.
 *
 * - The input state is never mutated. A step works on a `Draft` (routing-draft.ts) and writes each
 *   changed record once into the persistent collections, sharing everything else with the input.
 * - Every step first fires the timers due at `now` (offer timeouts, wrap-up limits, overflow), then
 *   applies the event, then matches: agents that gained capacity take the best waiting contacts
 *   (round robin), then contacts that became routable go to their best agent. After a step no
 *   waiting contact has an eligible agent with free capacity (work conserving).
 * - A rejected event returns the input state untouched with an error code (the server's 4xx).
 *
 * See docs/routing.md for the rules, their reasons and the cost of each step.
 */

export class RoutingConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid routing configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'RoutingConfigError';
  }
}

const ms = (n: number): Millis => n as Millis;
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byArrival = (a: ContactRuntime, b: ContactRuntime): number => a.arrivedAt - b.arrivedAt || a.seq - b.seq;

// ====================================================================================== primitives

const targetsOf = (c: ContactRuntime): readonly QueueId[] => (c.extraQueues.length === 0 ? [c.queueId] : [c.queueId, ...c.extraQueues]);

function withSlots(a: AgentRuntime, slots: readonly AgentSlot[], now: Millis): AgentRuntime {
  return withAgent(a, { slots, idleSince: slots.length !== a.slots.length ? now : a.idleSince });
}

/** Puts a waiting contact into the lists of its queues. */
function place(d: Draft, c: ContactRuntime): void {
  for (const q of targetsOf(c)) d.insertWaiting(q, c);
}

function unplace(d: Draft, c: ContactRuntime): void {
  if (c.external) return;
  for (const q of targetsOf(c)) d.removeWaiting(q, c.id);
}

/** Applies the overflow rules now due to a waiting, placed contact. */
function overflowWaiting(d: Draft, id: ContactId): void {
  let c = d.contact(id);
  if (!c || c.status.kind !== 'waiting') return;
  const rules = d.queue(c.queueId).overflow;
  let changed = false;
  while (c.overflowStage < rules.length) {
    const rule: OverflowRule | undefined = rules[c.overflowStage];
    if (!rule || c.queuedAt + rule.afterSec * 1000 > d.now) break;
    if (rule.kind === 'add_queue') {
      const added: boolean = !targetsOf(c).includes(rule.queueId) && d.index.queueEntries.has(rule.queueId);
      c = withContact(c, { overflowStage: c.overflowStage + 1, extraQueues: added ? [...c.extraQueues, rule.queueId] : c.extraQueues });
      if (added) d.insertWaiting(rule.queueId, c);
    } else {
      c = withContact(c, { overflowStage: c.overflowStage + 1, relax: c.relax + rule.by });
    }
    d.emit({ type: 'contact_overflowed', contactId: c.id, queueId: c.queueId, rule });
    changed = true;
  }
  if (!changed) return;
  d.putContact(c);
  d.markContactDirty(c.id);
}

/** Back to waiting at its original place (from an offer, a transfer or a new arrival). */
function enterWaiting(d: Draft, c: ContactRuntime): void {
  const waiting: ContactRuntime = c.status.kind === 'waiting' ? c : withContact(c, { status: { kind: 'waiting' } });
  d.putContact(waiting);
  // The PBX distributes an external contact: it is in no waiting list, so matching never sees it.
  if (waiting.external) return;
  place(d, waiting);
  d.markContactDirty(waiting.id);
  overflowWaiting(d, waiting.id);
}

function offer(d: Draft, contactId: ContactId, agentId: AgentId, reason: OfferReason): void {
  const c = d.contact(contactId);
  if (!c) return;
  const q = d.queue(c.queueId);
  const expiresAt = ms(d.now + q.offerTimeoutSec * 1000);
  if (c.status.kind === 'waiting') unplace(d, c);
  d.putContact(withContact(c, { status: { kind: 'offered', agentId, expiresAt }, offers: c.offers + 1 }));
  const a = d.agent(agentId);
  const slot: AgentSlot = { contactId, channel: c.channel, queueId: c.queueId, phase: 'offered', since: d.now, until: expiresAt };
  d.putAgent(withSlots(a, [...a.slots, slot], d.now));
  d.emit({ type: 'offer', contactId, agentId, queueId: c.queueId, channel: c.channel, expiresAt, reason, context: c.context });
}

function removeSlot(d: Draft, agentId: AgentId, match: (s: AgentSlot) => boolean): AgentSlot[] {
  const a = d.agent(agentId);
  const removed = a.slots.filter(match);
  if (removed.length === 0) return removed;
  d.putAgent(withSlots(a, a.slots.filter((s) => !match(s)), d.now));
  d.markAgentDirty(agentId);
  return removed;
}

const liveSlotOf =
  (contactId: ContactId) =>
  (s: AgentSlot): boolean =>
    s.contactId === contactId && s.phase !== 'wrap_up';

/** An offered contact goes back to its queue; the agent's slot is freed. */
function returnToQueue(d: Draft, contactId: ContactId, reason: OfferCancelReason): void {
  const c = d.contact(contactId);
  if (!c || c.status.kind !== 'offered') return;
  const agentId = c.status.agentId;
  removeSlot(d, agentId, liveSlotOf(contactId));
  d.emit({ type: 'offer_cancelled', contactId, agentId, reason });
  const declinedBy = reason === 'rejected' && !c.declinedBy.includes(agentId) ? [...c.declinedBy, agentId] : c.declinedBy;
  enterWaiting(d, withContact(c, { status: { kind: 'waiting' }, declinedBy }));
}

/** The connected slot becomes after-contact work, or is freed when the queue has no ACW. */
function startWrapUp(d: Draft, agentId: AgentId, contactId: ContactId): void {
  const a = d.agent(agentId);
  const slot = a.slots.find((s) => s.contactId === contactId && s.phase === 'connected');
  if (!slot) return;
  const limitSec = d.index.queueEntries.get(slot.queueId)?.config.wrapUpLimitSec ?? 0;
  if (limitSec <= 0) {
    removeSlot(d, agentId, (s) => s === slot);
    return;
  }
  const until = ms(d.now + limitSec * 1000);
  const slots = a.slots.map((s) => (s === slot ? withSlot(s, { phase: 'wrap_up', since: d.now, until }) : s));
  d.putAgent(withAgent(a, { slots }));
  d.emit({ type: 'wrap_up_started', agentId, contactId, until });
}

function setPresence(d: Draft, agentId: AgentId, presence: Presence): void {
  const a = d.agent(agentId);
  const same =
    a.presence.kind === presence.kind && (presence.kind !== 'break' || (a.presence.kind === 'break' && a.presence.reason === presence.reason));
  if (same) return;
  const available = presence.kind === 'available';
  d.putAgent(withAgent(a, { presence, presenceSince: d.now, idleSince: available ? d.now : a.idleSince }));
  if (available) {
    d.markAgentDirty(agentId);
    return;
  }
  // An agent who is not available keeps no pending offer: each goes back to its place in line.
  for (const s of a.slots) {
    if (s.phase === 'offered') returnToQueue(d, s.contactId, s.until !== null && s.until <= d.now ? 'expired' : 'agent_unavailable');
  }
}

// ====================================================================================== matching

/** The agent's pick when it has free capacity: highest effective priority, then original arrival. */
function bestContactFor(d: Draft, agentId: AgentId): ContactId | null {
  const a = d.agent(agentId);
  const entry = d.agentEntry(agentId);
  // The channels it can take now (none unless available).
  const free = freeChannelMask(entry, a);
  if (free === 0) return null;
  let best: ContactRuntime | null = null;
  let bestPriority = -Infinity;
  const { queueOrdinals, queueRelax } = entry;
  const nonEmpty = d.nonEmpty;
  for (let i = 0; i < queueOrdinals.length; i++) {
    const ordinal = queueOrdinals[i] as number;
    if (!nonEmpty.has(ordinal)) continue;
    const needed = queueRelax[i] as number;
    for (const id of d.waitingIn((d.index.queuesByOrdinal[ordinal] as QueueEntry).config.id)) {
      const c = d.contact(id);
      // `c.relax < needed`: the agent does not meet this queue's requirements at the contact's relaxation.
      if (!c || !maskHas(free, c.channel) || c.declinedBy.includes(agentId) || c.relax < needed) continue;
      if (c.skills.length > 0 && !meetsSkills(entry.config, c.skills, c.relax)) continue;
      const p = effectivePriority(c, d.queue(c.queueId), d.now);
      if (best === null || p > bestPriority || (p === bestPriority && byArrival(c, best) < 0)) {
        best = c;
        bestPriority = p;
      }
    }
  }
  return best?.id ?? null;
}

interface Candidate {
  readonly id: AgentId;
  readonly tier: number;
  readonly score: number;
  readonly load: number;
  readonly idleSince: number;
}

/**
 * The contact's pick: agents of its own queue before overflow queues (tier), then best skill
 * match, then fewest open contacts, then longest idle, then id.
 */
function better(x: Candidate, y: Candidate): boolean {
  if (x.tier !== y.tier) return x.tier < y.tier;
  if (x.score !== y.score) return x.score > y.score;
  if (x.load !== y.load) return x.load < y.load;
  if (x.idleSince !== y.idleSince) return x.idleSince < y.idleSince;
  return x.id < y.id;
}

function bestAgentFor(d: Draft, c: ContactRuntime): AgentId | null {
  let best: Candidate | null = null;
  const targets = targetsOf(c);
  const free = d.freeAgents(c.channel);
  const declinedBy = c.declinedBy.length > 0 ? c.declinedBy : null;
  const skills = c.skills.length > 0 ? c.skills : null;
  // The contact's own skills add at most this much to an agent's queue score.
  const extraAtMost = skills === null ? 0 : skills.length * MAX_SKILL_LEVEL;
  // A lower tier always wins: the next tier is only tried when this one found nobody.
  for (let tier = 0; tier < targets.length && best === null; tier++) {
    const { rankedOrdinals, rankedScores, rankedRelax } = d.queueEntry(targets[tier] as QueueId);
    // Best queue score first: once an agent is found, only agents who can still reach its score can win.
    // The free set is exactly `canTake` (kept so on every write, see routing-derived-state.test.ts):
    // agents who cannot take the channel now, or lack the level, are skipped without reading their runtime.
    for (let i = 0; i < rankedOrdinals.length; i++) {
      const queueScore = rankedScores[i] as number;
      if (best !== null && queueScore + extraAtMost < best.score) break;
      const ordinal = rankedOrdinals[i] as number;
      if (!free.has(ordinal) || c.relax < (rankedRelax[i] as number)) continue;
      const { config } = d.index.agentsByOrdinal[ordinal] as AgentEntry;
      if (declinedBy !== null && declinedBy.includes(config.id)) continue;
      if (skills !== null && !meetsSkills(config, skills, c.relax)) continue;
      const score = skills === null ? queueScore : queueScore + contactSkillScore(config, skills);
      const a = d.agent(config.id);
      const candidate: Candidate = { id: config.id, tier, score, load: a.slots.length, idleSince: a.idleSince };
      if (best === null || better(candidate, best)) best = candidate;
    }
  }
  return best?.id ?? null;
}

/** The customer's last agent, when within the queue's sticky window and able to take it now. */
function stickyAgentFor(d: Draft, c: ContactRuntime): AgentId | null {
  const agentId = c.lastAgentId;
  if (agentId === null || c.lastServedAt === null) return null;
  const window = d.queue(c.queueId).stickyWindowSec * 1000;
  if (window <= 0 || d.now - c.lastServedAt > window) return null;
  const cfg = d.index.agents.get(agentId);
  const a = d.findAgent(agentId);
  if (!cfg || !a || !canTake(cfg, a, c.channel) || c.declinedBy.includes(agentId)) return null;
  if (!meetsSkills(cfg, c.skills, c.relax)) return null;
  return targetsOf(c).some((q) => meetsQueue(cfg, d.queue(q), c.relax)) ? agentId : null;
}

function rebalance(d: Draft): void {
  shareFreedCapacity(d);
  routeWaitingContacts(d);
  d.clearDirty();
}

/**
 * 1. Agents that gained capacity take the best waiting contacts, one each per round, longest idle
 *    first, so that two agents freed together share the line fairly.
 */
function shareFreedCapacity(d: Draft): void {
  const freed: AgentRuntime[] = [];
  d.forEachDirtyAgent((id) => {
    const a = d.findAgent(id);
    if (a !== undefined && a.presence.kind === 'available') freed.push(a);
  });
  if (freed.length === 0) return;
  let turn = freed.sort((x, y) => x.idleSince - y.idleSince || byId(x.id, y.id)).map((a) => a.id);
  while (turn.length > 0) {
    const next: AgentId[] = [];
    for (const agentId of turn) {
      const contactId = bestContactFor(d, agentId);
      if (contactId === null) continue;
      offer(d, contactId, agentId, 'next_in_queue');
      next.push(agentId);
    }
    turn = next;
  }
}

/** 2. Contacts that became routable, in the order the agents would take them, go to their best agent. */
function routeWaitingContacts(d: Draft): void {
  const ranked: { c: ContactRuntime; p: number }[] = [];
  d.forEachDirtyContact((id) => {
    const c = d.contact(id);
    if (c !== undefined && c.status.kind === 'waiting' && !c.external) ranked.push({ c, p: effectivePriority(c, d.queue(c.queueId), d.now) });
  });
  ranked.sort((x, y) => y.p - x.p || byArrival(x.c, y.c));
  for (const { c } of ranked) {
    const current = d.contact(c.id);
    if (!current || current.status.kind !== 'waiting') continue;
    const agentId = bestAgentFor(d, current);
    if (agentId !== null) offer(d, current.id, agentId, 'best_agent');
  }
}

// ====================================================================================== timers

function advanceTimers(d: Draft): void {
  type Due = { at: number; order: number; key: string; run: () => void };
  const due: Due[] = [];
  // The timer set holds exactly the pending timers: the entries due now name the records to look at.
  const agentIds = new Set<AgentId>();
  const contactIds = new Set<ContactId>();
  for (const e of timersDue(d.base.timers, d.now)) {
    if (e.agentId !== null) agentIds.add(e.agentId);
    else contactIds.add(e.contactId);
  }
  for (const id of agentIds) {
    const a = d.findAgent(id);
    if (!a) continue;
    for (const s of a.slots) {
      if (s.until === null || s.until > d.now) continue;
      if (s.phase === 'offered') {
        due.push({ at: s.until, order: 0, key: `${s.contactId}`, run: () => expireOffer(d, s.contactId, a.id) });
      } else if (s.phase === 'wrap_up') {
        due.push({ at: s.until, order: 1, key: `${a.id} ${s.contactId}`, run: () => endWrapUp(d, a.id, s, 'limit') });
      }
    }
  }
  for (const id of contactIds) {
    const c = d.contact(id);
    if (!c || c.status.kind !== 'waiting') continue;
    const at = nextOverflowAt(d.index, c);
    if (at !== null && at <= d.now) due.push({ at, order: 2, key: c.id, run: () => overflowWaiting(d, c.id) });
  }
  due.sort((x, y) => x.at - y.at || x.order - y.order || byId(x.key, y.key));
  for (const item of due) item.run();
}

/** Offer timeout: the contact keeps its place in line; the agent goes to "missed". */
function expireOffer(d: Draft, contactId: ContactId, agentId: AgentId): void {
  const c = d.contact(contactId);
  if (!c || c.status.kind !== 'offered' || c.status.agentId !== agentId || c.status.expiresAt > d.now) return;
  if (d.agent(agentId).presence.kind === 'available') setPresence(d, agentId, { kind: 'missed' });
  else returnToQueue(d, contactId, 'expired');
}

function endWrapUp(d: Draft, agentId: AgentId, slot: AgentSlot, reason: 'done' | 'limit' | 'logout'): void {
  const removed = removeSlot(d, agentId, (s) => s.contactId === slot.contactId && s.phase === 'wrap_up' && s.since === slot.since);
  for (const s of removed) d.emit({ type: 'wrap_up_ended', agentId, contactId: s.contactId, reason });
}

// ====================================================================================== events

const fail = (code: RoutingErrorCode, message: string): RoutingError => ({ code, message });

const DEFAULT_CLOSED: Readonly<Record<Channel, ClosedHoursMode>> = { voice: 'reject', chat: 'reject', email: 'queue', line: 'queue', web: 'queue' };

function applyArrival(d: Draft, event: Extract<RoutingEvent, { type: 'contact_arrived' | 'callback_due' }>): RoutingError | null {
  const n = event.contact;
  if (typeof n.id !== 'string' || n.id === '') return fail('invalid_contact', 'contact id is required');
  if (d.contact(n.id)) return fail('duplicate_contact', `contact ${n.id} is already in routing`);
  const q = d.index.queueEntries.get(n.queueId)?.config;
  if (!q) return fail('unknown_queue', `unknown queue ${n.queueId}`);
  if (q.tenantId !== n.tenantId) return fail('tenant_mismatch', `queue ${n.queueId} belongs to another tenant`);
  if (!(CHANNELS as readonly string[]).includes(n.channel)) return fail('invalid_contact', `unknown channel ${String(n.channel)}`);
  if (n.priority !== undefined && !Number.isInteger(n.priority)) return fail('invalid_contact', 'priority must be an integer');
  if (n.arrivedAt !== undefined && !Number.isFinite(n.arrivedAt)) return fail('invalid_contact', 'arrivedAt must be a time');
  if (n.lastServedAt !== undefined && !Number.isFinite(n.lastServedAt)) return fail('invalid_contact', 'lastServedAt must be a time');
  const skillIssue = n.skills === undefined ? undefined : skillRequirementIssues(n.skills, 'skills')[0];
  if (skillIssue !== undefined) return fail('invalid_contact', `${skillIssue.path}: ${skillIssue.message}`);

  let afterHours = false;
  let opening: Millis | null = null;
  const hours = q.hoursId === undefined ? undefined : d.index.hours.get(q.hoursId);
  if (hours && !isOpen(hours, d.now)) {
    afterHours = true;
    const next = nextOpening(hours, d.now);
    opening = next === null ? null : ms(next);
    // A callback was promised to the customer: it is never refused for closed hours. An external
    // contact is already ringing on the PBX, which keeps its own hours.
    const mode = event.type === 'callback_due' || n.external === true ? 'queue' : (q.whenClosed?.[n.channel] ?? DEFAULT_CLOSED[n.channel]);
    if (mode === 'reject') {
      d.emit({ type: 'contact_closed_hours', contactId: n.id, queueId: q.id, channel: n.channel, nextOpening: opening });
      d.emit({ type: 'contact_ended', contactId: n.id, queueId: q.id, agentId: null, outcome: 'closed' });
      return null;
    }
  }
  const c: ContactRuntime = {
    id: n.id,
    tenantId: n.tenantId,
    queueId: n.queueId,
    channel: n.channel,
    kind: event.type === 'callback_due' ? 'callback' : 'inbound',
    priorityOverride: n.priority ?? null,
    arrivedAt: ms(Math.min(n.arrivedAt ?? d.now, d.now)),
    queuedAt: d.now,
    seq: d.seq++,
    customerKey: n.customerKey ?? null,
    lastAgentId: n.lastAgentId ?? null,
    lastServedAt: n.lastServedAt ?? null,
    context: n.context ?? null,
    status: { kind: 'waiting' },
    overflowStage: 0,
    extraQueues: [],
    relax: 0,
    declinedBy: [],
    skills: n.skills ?? [],
    external: n.external === true,
    offers: 0,
    transfers: 0,
  };
  // Sticky offers outside matching: first match what overdue timers freed or put back in line, as if
  // they had fired on time, so the newcomer never takes an agent ahead of a contact already waiting for it.
  rebalance(d);
  d.emit({ type: 'contact_queued', contactId: c.id, queueId: c.queueId, afterHours, nextOpening: opening });
  enterWaiting(d, c);
  const current = d.contact(c.id);
  const sticky = current && !current.external ? stickyAgentFor(d, current) : null;
  if (sticky !== null) offer(d, c.id, sticky, 'sticky');
  return null;
}

function applyPresence(d: Draft, event: Extract<RoutingEvent, { type: 'agent_presence' }>): RoutingError | null {
  const a = d.findAgent(event.agentId);
  if (!a || !d.index.agents.has(event.agentId)) return fail('unknown_agent', `unknown agent ${event.agentId}`);
  const reason = event.reason?.trim() || null;
  switch (event.change) {
    case 'login':
      if (a.presence.kind === 'offline') setPresence(d, a.id, { kind: 'break', reason: reason ?? 'not_ready' });
      return null;
    case 'ready':
      setPresence(d, a.id, { kind: 'available' });
      return null;
    case 'break':
      setPresence(d, a.id, { kind: 'break', reason: reason ?? 'break' });
      return null;
    case 'logout': {
      if (a.slots.some((s) => s.phase === 'connected')) {
        return fail('agent_has_contacts', `agent ${a.id} still has connected contacts`);
      }
      setPresence(d, a.id, { kind: 'offline' });
      for (const s of d.agent(a.id).slots) if (s.phase === 'wrap_up') endWrapUp(d, a.id, s, 'logout');
      return null;
    }
    default:
      return fail('invalid_event', `unknown presence change ${String(event.change)}`);
  }
}

function findOffer(d: Draft, contactId: ContactId, agentId: AgentId): ContactRuntime | RoutingError {
  const c = d.contact(contactId);
  if (!c) return fail('unknown_contact', `contact ${contactId} is not in routing`);
  if (c.status.kind !== 'offered' || c.status.agentId !== agentId) {
    return fail('offer_not_found', `no pending offer of contact ${contactId} to agent ${agentId} (expired, cancelled or answered)`);
  }
  return c;
}

function applyAccept(d: Draft, event: Extract<RoutingEvent, { type: 'offer_accepted' }>): RoutingError | null {
  const c = findOffer(d, event.contactId, event.agentId);
  if ('code' in c) return c;
  const a = d.agent(event.agentId);
  const match = liveSlotOf(c.id);
  d.putAgent(withAgent(a, { slots: a.slots.map((s) => (match(s) ? withSlot(s, { phase: 'connected', since: d.now, until: null }) : s)) }));
  d.putContact(withContact(c, { status: { kind: 'connected', agentId: event.agentId, since: d.now } }));
  d.emit({ type: 'contact_connected', contactId: c.id, agentId: event.agentId, queueId: c.queueId, waitedMs: d.now - c.arrivedAt });
  return null;
}

function applyExternalAnswer(d: Draft, event: Extract<RoutingEvent, { type: 'external_answered' }>): RoutingError | null {
  const c = d.contact(event.contactId);
  if (!c) return fail('unknown_contact', `contact ${event.contactId} is not in routing`);
  if (!c.external) return fail('invalid_event', `contact ${c.id} is routed here: its agent accepts its offer`);
  if (c.status.kind !== 'waiting') return fail('contact_not_waiting', `contact ${c.id} was already answered`);
  const cfg = d.index.agents.get(event.agentId);
  const a = d.findAgent(event.agentId);
  if (!cfg || !a) return fail('unknown_agent', `unknown agent ${event.agentId}`);
  if (!cfg.tenantIds.includes(c.tenantId)) return fail('tenant_mismatch', `agent ${event.agentId} does not serve this tenant`);
  if (loadOn(a, c.channel) >= (cfg.capacity[c.channel] ?? 0)) {
    return fail('target_unavailable', `agent ${event.agentId} has no free ${c.channel} slot`);
  }
  const slot: AgentSlot = { contactId: c.id, channel: c.channel, queueId: c.queueId, phase: 'connected', since: d.now, until: null };
  d.putAgent(withSlots(a, [...a.slots, slot], d.now));
  d.markAgentDirty(a.id);
  d.putContact(withContact(c, { status: { kind: 'connected', agentId: a.id, since: d.now } }));
  d.emit({ type: 'contact_connected', contactId: c.id, agentId: a.id, queueId: c.queueId, waitedMs: d.now - c.arrivedAt });
  return null;
}

function applyReject(d: Draft, event: Extract<RoutingEvent, { type: 'offer_rejected' }>): RoutingError | null {
  const c = findOffer(d, event.contactId, event.agentId);
  if ('code' in c) return c;
  returnToQueue(d, c.id, 'rejected');
  return null;
}

function applyEnd(d: Draft, event: Extract<RoutingEvent, { type: 'contact_ended' }>): RoutingError | null {
  const c = d.contact(event.contactId);
  if (!c) return fail('unknown_contact', `contact ${event.contactId} is not in routing`);
  const status = c.status;
  if (status.kind === 'connected') {
    d.deleteContact(c.id);
    d.emit({ type: 'contact_ended', contactId: c.id, queueId: c.queueId, agentId: status.agentId, outcome: 'answered' });
    startWrapUp(d, status.agentId, c.id);
    return null;
  }
  if (event.reason === 'agent_closed') return fail('contact_not_connected', `contact ${c.id} is not connected to an agent`);
  if (status.kind === 'offered') {
    removeSlot(d, status.agentId, liveSlotOf(c.id));
    d.emit({ type: 'offer_cancelled', contactId: c.id, agentId: status.agentId, reason: 'contact_ended' });
  } else {
    unplace(d, c);
  }
  d.deleteContact(c.id);
  d.emit({
    type: 'contact_ended',
    contactId: c.id,
    queueId: c.queueId,
    agentId: null,
    outcome: event.reason === 'customer_left' ? 'abandoned' : 'closed',
  });
  return null;
}

function applyWrapUpDone(d: Draft, event: Extract<RoutingEvent, { type: 'wrap_up_done' }>): RoutingError | null {
  const a = d.findAgent(event.agentId);
  if (!a) return fail('unknown_agent', `unknown agent ${event.agentId}`);
  const slots = a.slots.filter((s) => s.phase === 'wrap_up' && (event.contactId === undefined || s.contactId === event.contactId));
  if (slots.length === 0) return fail('not_in_wrap_up', `agent ${a.id} has no such after-contact work`);
  for (const s of slots) endWrapUp(d, a.id, s, 'done');
  return null;
}

function applyTransfer(d: Draft, event: Extract<RoutingEvent, { type: 'transfer' }>): RoutingError | null {
  const c = d.contact(event.contactId);
  if (!c) return fail('unknown_contact', `contact ${event.contactId} is not in routing`);
  if (c.external) return fail('invalid_event', `contact ${c.id} is a PBX call: it is transferred on the PBX`);
  const from = event.byAgentId ?? null;
  if (from !== null) {
    if (c.status.kind !== 'connected' || c.status.agentId !== from) {
      return fail('contact_not_connected', `contact ${c.id} is not connected to agent ${from}`);
    }
  } else if (c.status.kind !== 'waiting') {
    return fail('contact_not_waiting', `only a waiting contact can be moved without its agent`);
  }
  const to = event.to;
  const toQueueId = to.kind === 'queue' ? to.queueId : (to.queueId ?? c.queueId);
  const queue = d.index.queues.get(toQueueId);
  if (!queue) return fail('unknown_queue', `unknown queue ${toQueueId}`);
  if (queue.tenantId !== c.tenantId) return fail('tenant_mismatch', `queue ${toQueueId} belongs to another tenant`);
  if (to.kind === 'agent') {
    const cfg = d.index.agents.get(to.agentId);
    const target = d.findAgent(to.agentId);
    if (!cfg || !target) return fail('unknown_agent', `unknown agent ${to.agentId}`);
    // A named agent is chosen by a person: no skill check, but tenant, presence and capacity hold.
    if (to.agentId === from || !cfg.tenantIds.includes(c.tenantId) || !canTake(cfg, target, c.channel)) {
      return fail('target_unavailable', `agent ${to.agentId} cannot take a ${c.channel} contact now`);
    }
  }
  if (from !== null) startWrapUp(d, from, c.id);
  else unplace(d, c);
  const moved: ContactRuntime = withContact(c, {
    queueId: toQueueId,
    queuedAt: d.now,
    overflowStage: 0,
    extraQueues: [],
    relax: 0,
    // The transferring agent is not offered it back through the queue.
    declinedBy: from === null ? [] : [from],
    context: event.context ?? c.context,
    status: { kind: 'waiting' },
    transfers: c.transfers + 1,
  });
  d.emit({
    type: 'contact_transferred',
    contactId: c.id,
    fromAgentId: from,
    toQueueId,
    toAgentId: to.kind === 'agent' ? to.agentId : null,
    context: moved.context,
  });
  if (to.kind === 'queue') d.emit({ type: 'contact_queued', contactId: c.id, queueId: toQueueId, afterHours: false, nextOpening: null });
  enterWaiting(d, moved);
  if (to.kind === 'agent') offer(d, c.id, to.agentId, 'transfer');
  return null;
}

function initialAgent(id: AgentId, now: Millis): AgentRuntime {
  return { id, presence: { kind: 'offline' }, presenceSince: now, idleSince: now, slots: [] };
}

function waitingLists(index: RoutingIndex, contacts: Iterable<ContactRuntime>): Map<QueueId, ContactId[]> {
  const lists = new Map<QueueId, ContactId[]>();
  for (const q of index.queues.keys()) lists.set(q, []);
  const waiting = [...contacts].filter((c) => c.status.kind === 'waiting' && !c.external).sort(byArrival);
  for (const c of waiting) for (const q of targetsOf(c)) lists.get(q)?.push(c.id);
  return lists;
}

function markAllDirty(d: Draft): void {
  for (const a of d.allAgents()) d.markAgentDirty(a.id);
  for (const c of d.allContacts()) if (c.status.kind === 'waiting' && !c.external) d.markContactDirty(c.id);
  d.rebuildTimers = true;
}

function applyReconfigure(d: Draft, config: RoutingConfig): RoutingError | null {
  const issues = validateRoutingConfig(config);
  if (issues.length > 0) return fail('invalid_config', issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const index = buildRoutingIndex(config);
  for (const c of d.allContacts()) {
    const q = index.queues.get(c.queueId);
    if (!q || q.tenantId !== c.tenantId) return fail('config_in_use', `queue ${c.queueId} still has contacts`);
  }
  for (const a of d.allAgents()) {
    if (!index.agents.has(a.id) && (a.presence.kind !== 'offline' || a.slots.length > 0)) {
      return fail('config_in_use', `agent ${a.id} is still logged in`);
    }
  }
  d.index = index;
  for (const a of d.allAgents()) if (!index.agents.has(a.id)) d.deleteAgent(a.id);
  for (const id of index.agents.keys()) if (!d.findAgent(id)) d.putAgent(initialAgent(id, d.now));
  for (const c of d.allContacts()) {
    const extra = c.extraQueues.filter((q) => index.queues.has(q));
    if (extra.length !== c.extraQueues.length) d.putContact(withContact(c, { extraQueues: extra }));
  }
  d.replaceWaiting(waitingLists(index, d.allContacts()));
  d.rebuildFree();
  markAllDirty(d);
  // Rules may have been added with earlier times: apply what is due now.
  for (const c of d.allContacts()) overflowWaiting(d, c.id);
  return null;
}

function applyEvent(d: Draft, event: RoutingEvent): RoutingError | null {
  switch (event.type) {
    case 'contact_arrived':
    case 'callback_due':
      return applyArrival(d, event);
    case 'agent_presence':
      return applyPresence(d, event);
    case 'offer_accepted':
      return applyAccept(d, event);
    case 'offer_rejected':
      return applyReject(d, event);
    case 'external_answered':
      return applyExternalAnswer(d, event);
    case 'contact_ended':
      return applyEnd(d, event);
    case 'wrap_up_done':
      return applyWrapUpDone(d, event);
    case 'transfer':
      return applyTransfer(d, event);
    case 'tick':
      return null;
    case 'reconfigure':
      return applyReconfigure(d, event.config);
    case 'rebalance':
      markAllDirty(d);
      return null;
    default:
      return fail('invalid_event', `unknown event ${String((event as { type?: unknown }).type)}`);
  }
}

// ====================================================================================== API

/**
 * A new routing state for a configuration (every agent offline), or the state persisted in a
 * snapshot. Throws RoutingConfigError when the configuration or the snapshot is inconsistent.
 * After restoring, step a `rebalance` event so that waiting contacts meet free agents.
 */
export function createRoutingState(config: RoutingConfig, options: { now?: Millis; snapshot?: RoutingSnapshot } = {}): RoutingState {
  const issues: ConfigIssue[] = validateRoutingConfig(config);
  if (issues.length > 0) throw new RoutingConfigError(issues);
  const index = buildRoutingIndex(config);
  const snapshot = options.snapshot;
  const now = ms(Math.max(options.now ?? 0, snapshot?.now ?? 0));
  const byAgent = new Map<AgentId, AgentRuntime>();
  for (const id of index.agents.keys()) byAgent.set(id, initialAgent(id, now));
  const byContact = new Map<ContactId, ContactRuntime>();
  if (snapshot) {
    const problems = checkSnapshot(index, snapshot);
    if (problems.length > 0) throw new RoutingConfigError(problems);
    for (const a of snapshot.agents) byAgent.set(a.id, a);
    for (const c of snapshot.contacts) byContact.set(c.id, c);
  }
  let seq = snapshot?.seq ?? 0;
  for (const c of byContact.values()) seq = Math.max(seq, c.seq + 1);
  const timers = timerSetOf(index, byAgent.values(), byContact.values());
  const first = firstTimer(timers);
  const free = freeAgentsOf(index, byAgent.values());
  const lists = waitingLists(index, byContact.values());
  return {
    now,
    seq,
    nextDueAt: first === null ? null : ms(first.at),
    index,
    agents: PersistentMap.from(byAgent),
    contacts: PersistentMap.from(byContact),
    waiting: PersistentMap.from(lists),
    timers,
    free,
    nonEmpty: nonEmptyOf(index, lists),
  };
}

function checkSnapshot(index: RoutingIndex, snapshot: RoutingSnapshot): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string): void => {
    issues.push({ path, message });
  };
  const agents = new Map(snapshot.agents.map((a) => [a.id, a]));
  snapshot.agents.forEach((a, i) => {
    if (!index.agents.has(a.id)) add(`snapshot.agents[${i}]`, `agent ${a.id} is not configured`);
    for (const s of a.slots) {
      if (s.phase === 'wrap_up') continue;
      const c = snapshot.contacts.find((x) => x.id === s.contactId);
      if (!c || c.status.kind !== s.phase || c.status.agentId !== a.id) add(`snapshot.agents[${i}]`, `slot for ${s.contactId} does not match the contact`);
    }
  });
  snapshot.contacts.forEach((c, i) => {
    const q = index.queues.get(c.queueId);
    if (!q || q.tenantId !== c.tenantId) add(`snapshot.contacts[${i}]`, `contact ${c.id} is in unknown queue ${c.queueId}`);
    if (c.status.kind === 'waiting') return;
    const agentId = c.status.agentId;
    const phase = c.status.kind;
    const slots = agents.get(agentId)?.slots.filter((s) => s.contactId === c.id && s.phase === phase) ?? [];
    if (slots.length !== 1) add(`snapshot.contacts[${i}]`, `contact ${c.id} has no matching slot on agent ${agentId}`);
  });
  return issues;
}

/** One transition. Pure: same state, event and now → same result; the input state is not changed. */
export function step(state: RoutingState, event: RoutingEvent, now: Millis): StepResult {
  const t = ms(Number.isFinite(now) && now > state.now ? now : state.now);
  const d = new Draft(state, t);
  if (state.nextDueAt !== null && t >= state.nextDueAt) advanceTimers(d);
  const error = applyEvent(d, event);
  if (error) return { ok: false, state, actions: [], error };
  rebalance(d);
  return d.finish();
}

/** Plain data for persistence; `createRoutingState(config, { snapshot })` restores it. */
export function snapshotRoutingState(state: RoutingState): RoutingSnapshot {
  return { now: state.now, seq: state.seq, agents: orderedAgents(state.index, state.agents), contacts: orderedContacts(state.contacts) };
}

/** Waiting contacts of a queue (its own and overflowed-in), in arrival order. */
export function waitingContacts(state: RoutingState, queueId: QueueId): ContactRuntime[] {
  return (state.waiting.get(queueId) ?? []).map((id) => state.contacts.get(id)).filter((c): c is ContactRuntime => c !== undefined);
}

export interface AgentView {
  readonly id: AgentId;
  readonly presence: Presence;
  readonly activity: AgentActivity;
  readonly presenceSince: Millis;
  readonly load: Readonly<Record<Channel, number>>;
  readonly slots: readonly AgentSlot[];
}

export function agentView(state: RoutingState, agentId: AgentId): AgentView | null {
  const a = state.agents.get(agentId);
  if (!a) return null;
  const load = { voice: 0, chat: 0, email: 0, line: 0, web: 0 };
  for (const s of a.slots) load[s.channel]++;
  return { id: a.id, presence: a.presence, activity: agentActivity(a), presenceSince: a.presenceSince, load, slots: a.slots };
}

/** priority + aging now, for wallboards and tests. */
export function contactPriority(state: RoutingState, contactId: ContactId, now: Millis): number | null {
  const c = state.contacts.get(contactId);
  const q = c ? state.index.queues.get(c.queueId) : undefined;
  return c && q ? effectivePriority(c, q, now) : null;
}

export { basePriority };
