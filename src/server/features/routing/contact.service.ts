import { maskCardNumbers } from '../../../core/privacy/card-mask.js';
import type { AgentId, Channel, ContactId, Json, Millis, NewContact, QueueId, RoutingAction, SkillRequirement, TenantId } from '../../../core/routing/routing.types.js';
import { skillKey } from '../../../core/routing/skill-key.js';
import { AppError, notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { isoOrNull } from '../../platform/dto.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { CustomerService } from '../customers/customer.service.js';
import type { ContactJoinedRow, ContactRepository } from './contact.repository.js';
import { versionedCache } from './versioned-cache.js';
import type { ContactDto, CreateContactInput } from './contact.schemas.js';
import type { RoutingRuntime } from './routing-runtime.js';
import type { Tx } from './routing-store.js';

interface Deps {
  repo: ContactRepository;
  runtime: RoutingRuntime;
  customers: CustomerService;
  catalog: CatalogService;
  ids: IdGenerator;
  clock: Clock;
}

export function toContactDto({ row: c, queueName }: ContactJoinedRow): ContactDto {
  return {
    id: c.id, tenantId: c.tenantId, interactionId: c.interactionId, customerId: c.customerId, channel: c.channel as Channel,
    kind: c.kind as ContactDto['kind'], queueId: c.queueId, queueName, status: c.status as ContactDto['status'],
    outcome: (c.outcome ?? null) as ContactDto['outcome'], agentUserId: c.agentUserId, arrivedAt: c.arrivedAt.toISOString(),
    answeredAt: isoOrNull(c.answeredAt), endedAt: isoOrNull(c.endedAt), externalId: c.externalId, from: c.fromAddress,
    serial: c.serial, subject: c.subject, context: (c.context ?? null) as ContactDto['context'],
  };
}

/** Routing speaks of media classes; the interaction log of channels as customers know them (voice = 電話). */
const interactionChannelOf = (c: Channel) => (c === 'voice' ? 'phone' : c);

/** Everything a contact brings into routing; callbacks use the same entry. */
export interface RoutingEntry {
  channel: Channel;
  queue: { id: string; name: string };
  kind: 'inbound' | 'callback';
  externalId?: string | null | undefined;
  from?: string | null | undefined;
  serial?: string | null | undefined;
  customerId: string | null;
  subject?: string | null | undefined;
  priority?: number | null | undefined;
  /** Skills it needs besides its queue's, as engine keys (skill ids; see skillsFor). */
  skills?: readonly SkillRequirement[] | undefined;
  /** A PBX distributes it (a CTI call): counted in the queue, never offered (routing.md). */
  external?: boolean | undefined;
  context?: Record<string, unknown> | undefined;
  /** A callback keeps the customer's place in line. */
  arrivedAt?: Date | undefined;
  /** Sticky: offer first to this agent (a callback promised by an agent). */
  preferredAgentId?: string | null | undefined;
  /** Written in the same transaction (a callback marked as routed). */
  alsoInTx?: (tx: Tx, contactId: string) => Promise<void>;
}

/** Contacts enter routing here: identified, persisted and queued in one transaction (C3). */
export function createContactService(deps: Deps) {
  const { repo, runtime } = deps;

  /** Screen-pop identification before routing; a caller we cannot parse (非通知, junk) is simply unknown. */
  async function identify(ctx: TenantContext, by: { customerId?: string | null | undefined; serial?: string | undefined; from?: string | undefined }) {
    if (by.customerId) {
      await deps.customers.assertExists(ctx, by.customerId);
      return by.customerId;
    }
    if (by.serial) {
      const owner = await deps.catalog.findOwnerBySerial(ctx, by.serial);
      if (owner) return owner;
    }
    if (by.from) {
      const key = by.from.includes('@') ? { email: by.from } : { phone: by.from };
      try {
        return await deps.customers.identify(ctx, key);
      } catch (err) {
        if (err instanceof AppError && err.code === 'validation_failed') return null;
        throw err;
      }
    }
    return null;
  }

  async function enter(ctx: TenantContext, e: RoutingEntry) {
    const id = deps.ids();
    const interactionId = deps.ids();
    const arrivedAt = e.arrivedAt ?? deps.clock.now();
    const last = e.preferredAgentId
      ? { agentId: e.preferredAgentId, at: deps.clock.now() }
      : e.customerId ? await repo.lastServed(ctx.tenantId, e.customerId) : null;
    const subject = e.subject ? maskCardNumbers(e.subject) : null;
    const contact: NewContact = {
      id: id as ContactId, tenantId: ctx.tenantId as TenantId, queueId: e.queue.id as QueueId, channel: e.channel,
      arrivedAt: arrivedAt.getTime() as Millis,
      ...(e.priority !== null && e.priority !== undefined ? { priority: e.priority } : {}),
      ...(e.skills && e.skills.length > 0 ? { skills: e.skills } : {}),
      ...(e.external ? { external: true } : {}),
      ...(e.customerId ? { customerKey: e.customerId } : {}),
      ...(last ? { lastAgentId: last.agentId as AgentId, lastServedAt: last.at.getTime() as Millis } : {}),
      context: (e.context ?? {}) as Json,
    };
    const committed = await runtime.dispatch({ type: e.kind === 'callback' ? 'callback_due' : 'contact_arrived', contact }, {
      newContact: {
        legId: deps.ids(),
        interaction: {
          id: interactionId, tenantId: ctx.tenantId, customerId: e.customerId, channel: interactionChannelOf(e.channel),
          direction: e.kind === 'callback' ? 'outbound' : 'inbound', queue: e.queue.name, subject, offeredAt: arrivedAt,
          createdBy: ctx.actorUserId, createdAt: arrivedAt, updatedAt: arrivedAt,
        },
        contact: {
          id, tenantId: ctx.tenantId, externalId: e.externalId ?? null, channel: e.channel, kind: e.kind, queueId: e.queue.id,
          interactionId, customerId: e.customerId, fromAddress: e.from ?? null, serial: e.serial ?? null, subject,
          priority: e.priority ?? null, status: 'waiting', arrivedAt, context: e.context ?? {},
        },
      },
      ...(e.alsoInTx ? { alsoInTx: (tx: Tx) => e.alsoInTx!(tx, id) } : {}),
    });
    const queued = committed.actions.find((a): a is Extract<RoutingAction, { type: 'contact_queued' | 'contact_closed_hours' }> =>
      (a.type === 'contact_queued' || a.type === 'contact_closed_hours') && a.contactId === id);
    const row = await repo.find(ctx.tenantId, id);
    if (!row) throw new AppError('internal', 'Contact vanished after commit');
    return {
      ...toContactDto(row),
      afterHours: queued?.type === 'contact_closed_hours' || (queued?.type === 'contact_queued' && queued.afterHours),
      nextOpening: queued && queued.nextOpening !== null ? new Date(queued.nextOpening).toISOString() : null,
    };
  }

  // Queues change only with the routing configuration: read once per configuration, not per contact.
  const queues = versionedCache<Awaited<ReturnType<ContactRepository['findQueue']>>>(runtime.configVersion);

  async function queueOf(ctx: TenantContext, by: { id?: string | undefined; name?: string | undefined }) {
    const key = `${ctx.tenantId}:${by.id ? `id:${by.id}` : `name:${by.name ?? ''}`}`;
    const q = await queues(key, () => repo.findQueue(ctx.tenantId, by));
    if (!q) throw new AppError('validation_failed', 'Unknown queue for this tenant', [{ path: by.id ? 'queueId' : 'queueName', message: 'no such queue in this tenant' }]);
    return q;
  }

  /**
   * Skill names or ids of the tenant → engine keys (ids); an unknown one is the caller's mistake.
   * Read fresh (only contacts that name skills pay for it): a skill created a moment ago is known.
   * `dropUnknown`: a caller on the line (an IVR naming a skill deleted since) is queued without it.
   */
  async function skillsFor(ctx: TenantContext, wanted: readonly SkillRequirement[] | undefined, dropUnknown: boolean): Promise<SkillRequirement[]> {
    if (!wanted || wanted.length === 0) return [];
    const keys = new Map<string, string>();
    for (const s of await repo.skillsOf(ctx.tenantId)) keys.set(s.id, s.id).set(skillKey(s.name), s.id);
    const resolved: SkillRequirement[] = [];
    const unknown: { path: string; message: string }[] = [];
    wanted.forEach((r, i) => {
      const id = keys.get(r.skill) ?? keys.get(skillKey(r.skill));
      if (id === undefined) unknown.push({ path: `skills[${i}].skill`, message: `no skill "${r.skill}" in this tenant` });
      else resolved.push({ skill: id, minLevel: r.minLevel });
    });
    if (unknown.length > 0 && !dropUnknown) throw new AppError('validation_failed', 'Unknown skill for this tenant', unknown);
    if (new Set(resolved.map((r) => r.skill)).size !== resolved.length) {
      throw new AppError('validation_failed', 'A skill is listed twice', [{ path: 'skills', message: 'the same skill by name and id' }]);
    }
    return resolved;
  }

  return {
    /** `created: false` when `externalId` was seen before (a redelivery): the same contact, nothing new. */
    async createContact(ctx: TenantContext, input: CreateContactInput, opts: { dropUnknownSkills?: boolean; external?: boolean } = {}) {
      // Independent reads, side by side: a redelivery wastes an identification, a new contact waits less.
      const lookups = Promise.all([
        queueOf(ctx, { id: input.queueId, name: input.queueName }),
        identify(ctx, { customerId: input.customerId, serial: input.serial, from: input.from }),
        skillsFor(ctx, input.skills, opts.dropUnknownSkills === true),
      ]);
      lookups.catch(() => undefined); // a redelivery is answered whatever they say
      const seen = input.externalId ? await repo.findByExternalId(ctx.tenantId, input.externalId) : null;
      if (seen) return { created: false, contact: { ...toContactDto(seen), afterHours: false, nextOpening: null } };
      const [queue, customerId, skills] = await lookups;
      try {
        const contact = await enter(ctx, {
          channel: input.channel, queue, kind: 'inbound', externalId: input.externalId, from: input.from, serial: input.serial,
          customerId, subject: input.subject, priority: input.priority, skills, context: input.context, external: opts.external,
        });
        return { created: true, contact };
      } catch (err) {
        // Two deliveries raced past the check: the unique index kept one; answer with it.
        const seen = input.externalId ? await repo.findByExternalId(ctx.tenantId, input.externalId) : null;
        if (seen) return { created: false, contact: { ...toContactDto(seen), afterHours: false, nextOpening: null } };
        throw err;
      }
    },
    enter,
    queueOf,
    async getContact(ctx: TenantContext, id: string) {
      const row = await repo.find(ctx.tenantId, id);
      if (!row) throw notFound('Contact');
      return toContactDto(row);
    },
    async listContacts(ctx: TenantContext, opts: { live?: boolean | undefined; limit: number }) {
      return (await repo.list(ctx.tenantId, opts)).map(toContactDto);
    },
    /** The customer hung up or left the chat while waiting or ringing. */
    async abandon(ctx: TenantContext, id: string) {
      const row = await repo.find(ctx.tenantId, id);
      if (!row) throw notFound('Contact');
      await runtime.dispatch({ type: 'contact_ended', contactId: id as ContactId, reason: 'customer_left' });
      return toContactDto((await repo.find(ctx.tenantId, id))!);
    },
  };
}
export type ContactService = ReturnType<typeof createContactService>;
