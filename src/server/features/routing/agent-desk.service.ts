import { EventEmitter } from 'node:events';
import { agentView } from '../../../core/routing/routing-engine.js';
import type { AgentId, AgentSlot, ContactId, PresenceChange, QueueId } from '../../../core/routing/routing.types.js';
import { maskCardNumbers } from '../../../core/privacy/card-mask.js';
import { AppError, notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { Principal, TenantContext } from '../../platform/principal.js';
import type { CustomerOverviewService } from '../customers/customer-overview.service.js';
import type { ContactRepository } from './contact.repository.js';
import { toContactDto } from './contact.service.js';
import type { DeskRepository, ReasonCode } from './desk.repository.js';
import { identityCache, versionedCache } from './versioned-cache.js';
import type { RoutingRuntime } from './routing-runtime.js';
import { RoutingRefused } from './routing-errors.js';
import type { ActivityClock } from './activity-clock.js';
import type { AgentMe, TransferNote, WorkItem } from './agent-desk.schemas.js';

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

interface Deps {
  runtime: RoutingRuntime;
  activity: ActivityClock;
  contacts: ContactRepository;
  desk: DeskRepository;
  overview: CustomerOverviewService;
  clock: Clock;
}

export interface ConsultMessage { toAgentId: string; fromName: string; contactId: string; note: string; item: WorkItem }

const SCREEN_POP_CACHE = 5_000;

/** The agent desktop's commands and views: every command is one engine event for this agent (C3). */
export function createAgentDeskService(deps: Deps) {
  const { runtime } = deps;
  // Desk events that are not engine commits: consult requests and changed views.
  const consults = new EventEmitter();
  consults.setMaxListeners(0);
  // A screen pop is read once per contact, before its offer goes out, and reused while the contact lives.
  const pops = new Map<string, WorkItem['screenPop']>();
  // Codes and tenants change only with the configuration.
  const codes = versionedCache<ReasonCode[]>(runtime.configVersion);
  const tenants = versionedCache<Awaited<ReturnType<DeskRepository['tenant']>>>(runtime.configVersion);
  // A contact's row and an agent's view change only with their engine records (immutable: a changed
  // record is a new object) or a desk write (notes, customer link; rare, so one counter for all): built
  // once per change, shared by the offer push, the command's answer and the `me` push.
  let deskWrites = 0;
  const rows = identityCache<Awaited<ReturnType<ContactRepository['findForDesk']>>>(SCREEN_POP_CACHE);
  const views = identityCache<AgentMe>(SCREEN_POP_CACHE);
  const deskRow = (contactId: string) =>
    rows(contactId, [runtime.current().contacts.get(contactId as ContactId), deskWrites], () => deps.contacts.findForDesk(contactId));
  const breakReasons = (tenantIds: readonly string[]) => codes(`break:${[...tenantIds].sort().join(',')}`, () => deps.desk.breakReasons([...tenantIds]));
  const dispositions = (tenantId: string) => codes(`disposition:${tenantId}`, () => deps.desk.dispositions([tenantId]));
  const tenantOf = (id: string) => tenants(id, () => deps.desk.tenant(id));

  function ctxFor(p: UserPrincipal, tenantId: string): TenantContext {
    const m = p.memberships.find((x) => x.tenantId === tenantId);
    if (!m) throw notFound('Contact');
    return { tenantId, tenantSlug: m.tenantSlug, timeZone: m.timeZone, role: m.role, actorUserId: p.userId, actorTokenId: null, ip: null, userAgent: 'agent-desk' };
  }

  function agentConfig(userId: string) {
    const cfg = runtime.current().index.agents.get(userId as AgentId);
    if (!cfg) throw new AppError('not_found', 'You have no agent profile: ask an administrator to set your skills and capacity');
    return cfg;
  }

  function slotOf(userId: string, contactId: string): AgentSlot {
    const slot = runtime.current().agents.get(userId as AgentId)?.slots.find((s) => s.contactId === contactId);
    if (!slot) throw notFound('Contact');
    return slot;
  }

  async function screenPopOf(p: UserPrincipal, contactId: string, tenantId: string, customerId: string | null) {
    if (!customerId) return null;
    const cached = pops.get(contactId);
    if (cached !== undefined) return cached;
    const pop = await deps.overview.getOverview(ctxFor(p, tenantId), customerId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    });
    if (pops.size >= SCREEN_POP_CACHE) pops.delete(pops.keys().next().value!);
    pops.set(contactId, pop);
    return pop;
  }

  async function workItem(p: UserPrincipal, slot: AgentSlot): Promise<WorkItem | null> {
    const row = await deskRow(slot.contactId);
    if (!row) return null;
    const c = row.row;
    const [tenant, screenPop, tenantDispositions] = await Promise.all([
      tenantOf(c.tenantId),
      screenPopOf(p, c.id, c.tenantId, c.customerId),
      dispositions(c.tenantId),
    ]);
    const context = (c.context ?? {}) as { transferNotes?: TransferNote[] };
    return {
      contact: toContactDto(row), phase: slot.phase,
      expiresAt: slot.phase === 'offered' && slot.until !== null ? new Date(slot.until).toISOString() : null,
      wrapUpUntil: slot.phase === 'wrap_up' && slot.until !== null ? new Date(slot.until).toISOString() : null,
      queueName: row.queueName, tenantSlug: tenant?.slug ?? '', tenantName: tenant?.name ?? '',
      screenPop, transferNotes: context.transferNotes ?? [], interactionNotes: row.notes,
      dispositions: tenantDispositions.map(({ code, label }) => ({ code, label })),
    };
  }

  /** One build per agent per change: the command's answer and the socket push share it. */
  function me(p: UserPrincipal): Promise<AgentMe> {
    const state = runtime.current();
    const agent = state.agents.get(p.userId as AgentId);
    const slots = agent?.slots ?? [];
    const basis = [agent, runtime.configVersion(), deskWrites, ...slots.map((s) => state.contacts.get(s.contactId))];
    return views(p.userId, basis, () => buildMe(p));
  }

  async function buildMe(p: UserPrincipal): Promise<AgentMe> {
    const cfg = agentConfig(p.userId);
    const view = agentView(runtime.current(), p.userId as AgentId);
    if (!view) throw new AppError('not_found', 'You have no agent profile');
    const work = (await Promise.all(view.slots.map((s) => workItem(p, s)))).filter((w): w is WorkItem => w !== null);
    return {
      agentId: p.userId, displayName: p.displayName, presence: view.presence.kind,
      reason: view.presence.kind === 'break' ? view.presence.reason : null, activity: view.activity,
      since: new Date(deps.activity.since(p.userId, view.presenceSince)).toISOString(), breakReasons: await breakReasons(cfg.tenantIds), work,
    };
  }

  async function presence(p: UserPrincipal, change: PresenceChange, reason?: string) {
    const cfg = agentConfig(p.userId);
    if (change === 'break' && reason) {
      const known = await breakReasons(cfg.tenantIds);
      if (!known.some((r) => r.code === reason)) throw new AppError('validation_failed', `Unknown break reason "${reason}"`, [{ path: 'reason', message: 'not a break reason code of your tenants' }]);
    }
    await runtime.dispatch({ type: 'agent_presence', agentId: p.userId as AgentId, change, ...(reason ? { reason } : {}) });
    return me(p);
  }

  async function heldContact(p: UserPrincipal, contactId: string) {
    slotOf(p.userId, contactId);
    const row = await deskRow(contactId);
    if (!row) throw notFound('Contact');
    return row.row;
  }

  return {
    me,
    presence,
    async accept(p: UserPrincipal, contactId: string) {
      agentConfig(p.userId);
      await runtime.dispatch({ type: 'offer_accepted', contactId: contactId as ContactId, agentId: p.userId as AgentId });
      return me(p);
    },
    async reject(p: UserPrincipal, contactId: string) {
      agentConfig(p.userId);
      await runtime.dispatch({ type: 'offer_rejected', contactId: contactId as ContactId, agentId: p.userId as AgentId });
      return me(p);
    },
    async saveNotes(p: UserPrincipal, contactId: string, notes: string) {
      const c = await heldContact(p, contactId);
      await deps.desk.saveNotes(c.interactionId, maskCardNumbers(notes), deps.clock.now());
      deskWrites++;
      consults.emit('changed', p.userId);
      return me(p);
    },
    /** The caller was unknown and has just been registered (or found): the contact and its interaction get the customer. */
    async linkCustomer(p: UserPrincipal, contactId: string, customerId: string) {
      const c = await heldContact(p, contactId);
      await deps.overview.getOverview(ctxFor(p, c.tenantId), customerId); // 404 unless a customer of this tenant
      await deps.desk.linkCustomer(c.id, c.interactionId, customerId, deps.clock.now());
      pops.delete(contactId);
      deskWrites++;
      consults.emit('changed', p.userId);
      return me(p);
    },
    async end(p: UserPrincipal, contactId: string) {
      const slot = slotOf(p.userId, contactId);
      if (slot.phase !== 'connected') throw new RoutingRefused('contact_not_connected', 'This contact is not connected to you');
      await runtime.dispatch({ type: 'contact_ended', contactId: contactId as ContactId, reason: 'agent_closed' });
      return me(p);
    },
    async wrapUp(p: UserPrincipal, contactId: string, input: { disposition?: string | null | undefined; notes?: string | null | undefined; caseId?: string | null | undefined }) {
      const c = await heldContact(p, contactId);
      if (slotOf(p.userId, contactId).phase !== 'wrap_up') throw new RoutingRefused('not_in_wrap_up', 'This contact is not in wrap-up (後処理)');
      if (input.disposition) {
        const known = await dispositions(c.tenantId);
        if (!known.some((d) => d.code === input.disposition)) throw new AppError('validation_failed', `Unknown disposition "${input.disposition}"`, [{ path: 'disposition', message: 'not a disposition code of this tenant' }]);
      }
      if (input.caseId && !(await deps.desk.caseExists(c.tenantId, input.caseId))) throw new AppError('validation_failed', 'Unknown case', [{ path: 'caseId', message: 'no such case in this tenant' }]);
      const patch = {
        ...(input.disposition !== undefined ? { disposition: input.disposition } : {}),
        ...(input.notes !== undefined ? { notes: input.notes === null ? null : maskCardNumbers(input.notes) } : {}),
        ...(input.caseId !== undefined ? { caseId: input.caseId } : {}),
      };
      await runtime.dispatch({ type: 'wrap_up_done', agentId: p.userId as AgentId, contactId: contactId as ContactId }, { finish: { interactionId: c.interactionId, patch } });
      return me(p);
    },
    async transfer(p: UserPrincipal, contactId: string, input: { queueId?: string | undefined; agentId?: string | undefined; note: string }) {
      const c = await heldContact(p, contactId);
      const state = runtime.current();
      if (input.queueId && state.index.queues.get(input.queueId as QueueId)?.tenantId !== c.tenantId) {
        throw new AppError('validation_failed', 'Unknown queue for this contact', [{ path: 'queueId', message: "not a queue of the contact's tenant" }]);
      }
      const previous = (c.context ?? {}) as Record<string, unknown> & { transferNotes?: TransferNote[] };
      const note: TransferNote = { at: deps.clock.now().toISOString(), fromAgentId: p.userId, fromName: p.displayName, note: maskCardNumbers(input.note) };
      const context = { ...previous, transferNotes: [...(previous.transferNotes ?? []), note] };
      const to = input.agentId
        ? { kind: 'agent' as const, agentId: input.agentId as AgentId, ...(input.queueId ? { queueId: input.queueId as QueueId } : {}) }
        : { kind: 'queue' as const, queueId: (input.queueId ?? c.queueId) as QueueId };
      await runtime.dispatch({ type: 'transfer', contactId: contactId as ContactId, byAgentId: p.userId as AgentId, to, context });
      return me(p);
    },
    /** Asks a colleague for advice while keeping the customer: the colleague sees the contact and the note. */
    async consult(p: UserPrincipal, contactId: string, input: { agentId: string; note: string }) {
      const c = await heldContact(p, contactId);
      const state = runtime.current();
      const target = state.agents.get(input.agentId as AgentId);
      const targetCfg = state.index.agents.get(input.agentId as AgentId);
      if (!target || !targetCfg || !targetCfg.tenantIds.includes(c.tenantId as never)) throw new AppError('validation_failed', 'Unknown agent', [{ path: 'agentId', message: "not an agent of the contact's tenant" }]);
      if (target.presence.kind === 'offline') throw new RoutingRefused('target_unavailable', 'That agent is offline');
      const item = await workItem(p, slotOf(p.userId, contactId));
      if (!item) throw notFound('Contact');
      consults.emit('consult', { toAgentId: input.agentId, fromName: p.displayName, contactId, note: maskCardNumbers(input.note), item } satisfies ConsultMessage);
      return me(p);
    },
    async transferTargets(p: UserPrincipal, contactId: string) {
      const c = await heldContact(p, contactId);
      const state = runtime.current();
      const queues = (await deps.desk.queuesOf(c.tenantId)).map((q) => ({ ...q, waiting: state.waiting.get(q.id as QueueId)?.length ?? 0 }));
      const agentIds = [...state.index.agents.values()].filter((a) => a.id !== p.userId && a.tenantIds.includes(c.tenantId as never)).map((a) => a.id);
      const names = await deps.desk.userNames(agentIds);
      const agents = agentIds.map((id) => ({ id, name: names.get(id) ?? id, activity: agentView(state, id)!.activity }));
      return { queues, agents };
    },
    workItem,
    onConsult(listener: (m: ConsultMessage) => void) {
      consults.on('consult', listener);
      return () => void consults.off('consult', listener);
    },
    /** An agent's view changed outside the engine (notes saved, customer linked): other tabs refresh. */
    onChanged(listener: (agentId: string) => void) {
      consults.on('changed', listener);
      return () => void consults.off('changed', listener);
    },
  };
}
export type AgentDeskService = ReturnType<typeof createAgentDeskService>;
