import { bigramsOf, foldJa, searchTermsOf } from '../../../core/text-ja/fold.util.js';
import { formatPhoneNational, normalizePhone, phoneSearchKey } from '../../../core/text-ja/phone.util.js';
import { normalizeEmail } from '../../../core/text-ja/email.util.js';
import { looksLikeSerial, normalizeSerial } from '../../../core/text-ja/serial.util.js';
import { AppError, notFound, type FieldError } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ContactPointRow, CustomerRepository, CustomerRow, CustomerSearch } from './customer.repository.js';
import {
  type addContactPointBody,
  type ContactPointDto, type CreateCustomerInput, type CustomerDto, type CustomerSummaryDto, type UpdateCustomerInput,
} from './customer.schemas.js';
import type { z } from 'zod';

interface Deps {
  repo: CustomerRepository;
  audit: AuditService;
  ids: IdGenerator;
  clock: Clock;
}

type ContactKind = 'phone' | 'email' | 'line';

/** Normalizes one contact value or explains why it cannot be one. */
export function normalizeContact(kind: ContactKind, raw: string): { ok: true; value: string } | { ok: false; message: string } {
  if (kind === 'phone') {
    const r = normalizePhone(raw);
    return r.ok ? { ok: true, value: r.e164 } : { ok: false, message: r.message };
  }
  if (kind === 'email') {
    const r = normalizeEmail(raw);
    return r.ok ? { ok: true, value: r.email } : { ok: false, message: r.message };
  }
  const id = raw.trim();
  return /^U[0-9a-f]{32}$/.test(id) ? { ok: true, value: id } : { ok: false, message: `"${raw}" is not a LINE user id (U + 32 hex digits)` };
}

export const displayContact = (kind: string, value: string) => (kind === 'phone' ? formatPhoneNational(value) : value);

export function searchFieldsOf(c: { name: string; nameKana?: string | null; companyName?: string | null }) {
  const parts = [c.name, c.nameKana, c.companyName].filter((p): p is string => !!p);
  return { searchText: parts.map((p) => foldJa(p)).join('|'), searchTerms: searchTermsOf(...parts) };
}

export function toCustomerDto(c: CustomerRow): CustomerDto {
  return {
    id: c.id, kind: c.kind === 'company' ? 'company' : 'person', externalRef: c.externalRef, name: c.name, nameKana: c.nameKana,
    companyName: c.companyName, gender: c.gender, ageGroup: c.ageGroup, prefecture: c.prefecture, postalCode: c.postalCode,
    address: c.address, notes: c.notes, consentMarketing: c.consentMarketing, vip: c.vip,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

export function toContactPointDto(p: ContactPointRow): ContactPointDto {
  return { id: p.id, kind: p.kind as ContactKind, value: p.value, display: displayContact(p.kind, p.value), label: p.label, isPrimary: p.isPrimary };
}

/** A customer an import row may be merged into, with the contact points it already has. */
export interface MergeCandidate {
  customer: CustomerDto;
  contacts: { kind: ContactKind; value: string }[];
}

/** Fields an import may fill on an existing customer; the name and kind an agent has recorded are never replaced. */
const MERGE_FILL_FIELDS = ['externalRef', 'nameKana', 'companyName', 'gender', 'ageGroup', 'prefecture', 'postalCode', 'address', 'notes'] as const;
export type CustomerMergePatch = Partial<Pick<CustomerDto, (typeof MERGE_FILL_FIELDS)[number] | 'consentMarketing' | 'vip'>>;

/**
 * What merging incoming data into an existing customer changes: empty fields are filled and nothing already
 * recorded is overwritten. Marketing consent can only be withdrawn: a client's old list must not re-subscribe
 * someone who opted out at the contact center (特定電子メール法 requires the opt-out to stick). The VIP flag
 * can only be raised, like an empty field filled: an old list must not demote a customer marked VIP since
 * (taking the flag away is done on the customer's record).
 */
export function planCustomerMerge(current: CustomerDto, incoming: Partial<CreateCustomerInput>): CustomerMergePatch {
  const patch: Record<string, unknown> = {};
  for (const f of MERGE_FILL_FIELDS) {
    const v = incoming[f];
    if ((current[f] === null || current[f] === '') && v !== undefined && v !== null && v !== '') patch[f] = v;
  }
  if (current.consentMarketing && incoming.consentMarketing === false) patch.consentMarketing = false;
  if (!current.vip && incoming.vip === true) patch.vip = true;
  return patch as CustomerMergePatch;
}

export function createCustomerService(deps: Deps) {
  const { repo } = deps;

  /** Validates every contact at once so the user sees all broken fields together. */
  function normalizeContacts(groups: Record<ContactKind, { field: string; items: { value: string; label?: string | null }[] }>) {
    const errors: FieldError[] = [];
    const out: { kind: ContactKind; value: string; label: string | null }[] = [];
    for (const kind of Object.keys(groups) as ContactKind[]) {
      const { field, items } = groups[kind];
      items.forEach((item, i) => {
        const r = normalizeContact(kind, item.value);
        if (!r.ok) errors.push({ path: `${field}.${i}.value`, message: r.message });
        else if (!out.some((o) => o.kind === kind && o.value === r.value)) out.push({ kind, value: r.value, label: item.label ?? null });
      });
    }
    if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => e.message).join('; '), errors);
    return out;
  }

  async function assertContactsFree(ctx: TenantContext, contacts: { kind: ContactKind; value: string }[], exceptCustomerId?: string) {
    const taken: FieldError[] = [];
    for (const kind of ['phone', 'email', 'line'] as const) {
      const owners = await repo.findContactOwners(ctx.tenantId, kind, contacts.filter((c) => c.kind === kind).map((c) => c.value));
      for (const o of owners) {
        if (o.customerId !== exceptCustomerId) taken.push({ path: kind, message: `${displayContact(kind, o.value)} already belongs to another customer` });
      }
    }
    if (taken.length > 0) throw new AppError('duplicate', taken.map((t) => t.message).join('; '), taken);
  }

  async function getRow(ctx: TenantContext, id: string) {
    const c = await repo.findById(ctx.tenantId, id);
    if (!c) throw notFound('Customer');
    return c;
  }

  /** Screen-pop identification: one indexed query on a normalized key returns the customer row. */
  async function findByContact(ctx: TenantContext, by: { phone?: string; email?: string; externalRef?: string }): Promise<CustomerRow | null> {
    // The client's own customer number (会員番号), as a caller keys it in: exact, digits and all.
    if (by.externalRef !== undefined) return repo.findByExternalRef(ctx.tenantId, by.externalRef.normalize('NFKC').trim());
    if (by.phone !== undefined) {
      const r = normalizePhone(by.phone);
      if (!r.ok) throw new AppError('validation_failed', r.message, [{ path: 'phone', message: r.message }]);
      return repo.findCustomerByContact(ctx.tenantId, 'phone', r.e164);
    }
    if (by.email !== undefined) {
      const r = normalizeEmail(by.email);
      if (!r.ok) throw new AppError('validation_failed', r.message, [{ path: 'email', message: r.message }]);
      return repo.findCustomerByContact(ctx.tenantId, 'email', r.email);
    }
    return null;
  }

  return {
    async createCustomer(ctx: TenantContext, input: CreateCustomerInput) {
      const v = input;
      const contacts = normalizeContacts({
        phone: { field: 'phones', items: v.phones }, email: { field: 'emails', items: v.emails }, line: { field: 'lineUserIds', items: v.lineUserIds },
      });
      await assertContactsFree(ctx, contacts);
      const now = deps.clock.now();
      const id = deps.ids();
      const firstOfKind = new Set<string>();
      try {
        const row = await repo.insert(
          {
            id, tenantId: ctx.tenantId, externalRef: v.externalRef ?? null, kind: v.kind, name: v.name, nameKana: v.nameKana ?? null,
            companyName: v.companyName ?? null, gender: v.gender ?? null, ageGroup: v.ageGroup ?? null, prefecture: v.prefecture ?? null,
            postalCode: v.postalCode ?? null, address: v.address ?? null, notes: v.notes ?? null, consentMarketing: v.consentMarketing ?? false, vip: v.vip ?? false,
            ...searchFieldsOf(v), createdAt: now, updatedAt: now,
          },
          contacts.map((c) => {
            const isPrimary = !firstOfKind.has(c.kind);
            firstOfKind.add(c.kind);
            return { id: deps.ids(), tenantId: ctx.tenantId, customerId: id, kind: c.kind, value: c.value, label: c.label, isPrimary, createdAt: now };
          }),
        );
        await deps.audit.record(ctx, { action: 'customer.create', entity: 'customer', entityId: id });
        return toCustomerDto(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('duplicate', 'A contact point or external reference of this customer is already in use');
        throw err;
      }
    },

    async updateCustomer(ctx: TenantContext, id: string, input: UpdateCustomerInput) {
      const v = input;
      const current = await getRow(ctx, id);
      const merged = { name: v.name ?? current.name, nameKana: v.nameKana === undefined ? current.nameKana : v.nameKana, companyName: v.companyName === undefined ? current.companyName : v.companyName };
      const patch = Object.fromEntries(Object.entries(v).filter(([, val]) => val !== undefined));
      const row = await repo.update(ctx.tenantId, id, { ...patch, ...searchFieldsOf(merged), updatedAt: deps.clock.now() });
      if (!row) throw notFound('Customer');
      await deps.audit.record(ctx, { action: 'customer.update', entity: 'customer', entityId: id, changes: { fields: Object.keys(patch) } });
      return toCustomerDto(row);
    },

    async deleteCustomer(ctx: TenantContext, id: string) {
      if (!(await repo.delete(ctx.tenantId, id))) throw notFound('Customer');
      await deps.audit.record(ctx, { action: 'customer.delete', entity: 'customer', entityId: id });
    },

    async getCustomer(ctx: TenantContext, id: string) {
      return toCustomerDto(await getRow(ctx, id));
    },

    /** Throws not_found unless the customer belongs to the caller's tenant (guards ids named in other features' writes). */
    async assertExists(ctx: TenantContext, id: string) {
      await getRow(ctx, id);
    },

    async listContactPoints(ctx: TenantContext, customerId: string) {
      await getRow(ctx, customerId);
      return (await repo.listContactPoints(ctx.tenantId, [customerId])).map(toContactPointDto);
    },

    async addContactPoint(ctx: TenantContext, customerId: string, input: z.output<typeof addContactPointBody>) {
      const v = input;
      await getRow(ctx, customerId);
      const r = normalizeContact(v.kind, v.value);
      if (!r.ok) throw new AppError('validation_failed', r.message, [{ path: 'value', message: r.message }]);
      await assertContactsFree(ctx, [{ kind: v.kind, value: r.value }], customerId);
      const existing = await repo.findCustomerIdByContact(ctx.tenantId, v.kind, r.value);
      if (existing === customerId) throw new AppError('duplicate', `${displayContact(v.kind, r.value)} is already registered for this customer`);
      const now = deps.clock.now();
      const cp = await repo.insertContactPoint({ id: deps.ids(), tenantId: ctx.tenantId, customerId, kind: v.kind, value: r.value, label: v.label ?? null, isPrimary: v.isPrimary, createdAt: now });
      if (!cp) throw new AppError('duplicate', `${displayContact(v.kind, r.value)} already belongs to another customer`);
      await repo.touch(ctx.tenantId, customerId, now);
      await deps.audit.record(ctx, { action: 'contact_point.create', entity: 'customer', entityId: customerId, changes: { kind: v.kind } });
      return toContactPointDto(cp);
    },

    async deleteContactPoint(ctx: TenantContext, id: string) {
      const removed = await repo.deleteContactPoint(ctx.tenantId, id);
      if (!removed) throw notFound('Contact point');
      await deps.audit.record(ctx, { action: 'contact_point.delete', entity: 'customer', entityId: removed.customerId });
    },

    /** One box for everything an agent may type: name or kana in any width/script, phone in any format, e-mail, serial. */
    async searchCustomers(ctx: TenantContext, q: string, page: number, pageSize: number) {
      const s = interpretQuery(q);
      const { items, total } = await repo.search(ctx.tenantId, s, pageSize, (page - 1) * pageSize);
      const points = await repo.listContactPoints(ctx.tenantId, items.map((c) => c.id));
      const first = (id: string, kind: string) => points.find((p) => p.customerId === id && p.kind === kind);
      const summaries: CustomerSummaryDto[] = items.map((c) => {
        const phone = first(c.id, 'phone');
        return {
          id: c.id, kind: c.kind === 'company' ? 'company' : 'person', name: c.name, nameKana: c.nameKana, companyName: c.companyName,
          prefecture: c.prefecture, primaryPhone: phone ? formatPhoneNational(phone.value) : null,
          primaryEmail: first(c.id, 'email')?.value ?? null, vip: c.vip, updatedAt: c.updatedAt.toISOString(),
        };
      });
      return { items: summaries, page, pageSize, total };
    },

    findByContact,

    async identify(ctx: TenantContext, by: { phone?: string; email?: string; externalRef?: string }): Promise<string | null> {
      return (await findByContact(ctx, by))?.id ?? null;
    },

    /**
     * The customers a batch of import rows could be: those with one of the external references, and the owners
     * of the phones and e-mails (normalized here; unparseable values are ignored), each with its contact points.
     */
    async findForMerge(ctx: TenantContext, keys: { externalRefs?: string[]; phones?: string[]; emails?: string[] }): Promise<MergeCandidate[]> {
      const refs = [...new Set((keys.externalRefs ?? []).map((r) => r.trim()).filter(Boolean))];
      const byRef = await repo.findByExternalRefs(ctx.tenantId, refs);
      const ownerIds: string[] = [];
      for (const [kind, raw] of [['phone', keys.phones ?? []], ['email', keys.emails ?? []]] as const) {
        const values = [...new Set(raw.map((v) => normalizeContact(kind, v)).flatMap((r) => (r.ok ? [r.value] : [])))];
        for (const o of await repo.findContactOwners(ctx.tenantId, kind, values)) ownerIds.push(o.customerId);
      }
      const known = new Set(byRef.map((c) => c.id));
      const others = [...new Set(ownerIds)].filter((id) => !known.has(id));
      const rows = [...byRef, ...(await repo.findByIds(ctx.tenantId, others))];
      const points = await repo.listContactPoints(ctx.tenantId, rows.map((c) => c.id));
      const pointsOf = new Map<string, { kind: ContactKind; value: string }[]>();
      for (const p of points) pointsOf.set(p.customerId, [...(pointsOf.get(p.customerId) ?? []), { kind: p.kind as ContactKind, value: p.value }]);
      return rows.map((c) => ({ customer: toCustomerDto(c), contacts: pointsOf.get(c.id) ?? [] }));
    },

    /**
     * Creates many customers at once (imports): one transaction, all or nothing. Throws `duplicate` when any
     * contact point or external reference is taken, so a caller can retry row by row with createCustomer.
     */
    async createCustomers(ctx: TenantContext, inputs: CreateCustomerInput[]): Promise<CustomerDto[]> {
      if (inputs.length === 0) return [];
      const now = deps.clock.now();
      const rows: Parameters<CustomerRepository['insertMany']>[0] = [];
      const points: Parameters<CustomerRepository['insertMany']>[1] = [];
      for (const v of inputs) {
        const contacts = normalizeContacts({
          phone: { field: 'phones', items: v.phones }, email: { field: 'emails', items: v.emails }, line: { field: 'lineUserIds', items: v.lineUserIds },
        });
        const id = deps.ids();
        rows.push({
          id, tenantId: ctx.tenantId, externalRef: v.externalRef ?? null, kind: v.kind, name: v.name, nameKana: v.nameKana ?? null,
          companyName: v.companyName ?? null, gender: v.gender ?? null, ageGroup: v.ageGroup ?? null, prefecture: v.prefecture ?? null,
          postalCode: v.postalCode ?? null, address: v.address ?? null, notes: v.notes ?? null, consentMarketing: v.consentMarketing ?? false, vip: v.vip ?? false,
          ...searchFieldsOf(v), createdAt: now, updatedAt: now,
        });
        const firstOfKind = new Set<string>();
        for (const c of contacts) {
          points.push({ id: deps.ids(), tenantId: ctx.tenantId, customerId: id, kind: c.kind, value: c.value, label: c.label, isPrimary: !firstOfKind.has(c.kind), createdAt: now });
          firstOfKind.add(c.kind);
        }
      }
      await assertContactsFree(ctx, points.map((p) => ({ kind: p.kind as ContactKind, value: p.value })));
      let inserted: CustomerRow[];
      try {
        inserted = await repo.insertMany(rows, points);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('duplicate', 'A contact point or external reference in this batch is already in use');
        throw err;
      }
      const byId = new Map(inserted.map((c) => [c.id, c]));
      await Promise.all(rows.map((r) => deps.audit.record(ctx, { action: 'customer.create', entity: 'customer', entityId: r.id, changes: { via: 'import' } })));
      return rows.map((r) => toCustomerDto(byId.get(r.id)!));
    },

    /**
     * Merges imported data into an existing customer (see planCustomerMerge) and adds the phones and e-mails
     * nobody in the tenant has yet; contact points another customer owns are left where they are.
     */
    async mergeCustomer(ctx: TenantContext, id: string, input: CreateCustomerInput) {
      const v = input;
      const contacts = normalizeContacts({
        phone: { field: 'phones', items: v.phones }, email: { field: 'emails', items: v.emails }, line: { field: 'lineUserIds', items: v.lineUserIds },
      });
      const current = await getRow(ctx, id);
      const patch = planCustomerMerge(toCustomerDto(current), v);
      const existing = await repo.listContactPoints(ctx.tenantId, [id]);
      const has = new Set(existing.map((p) => `${p.kind}:${p.value}`));
      const kindsPresent = new Set(existing.map((p) => p.kind));
      const missing = contacts.filter((c) => !has.has(`${c.kind}:${c.value}`));
      const taken = new Set<string>();
      for (const kind of ['phone', 'email', 'line'] as const) {
        for (const o of await repo.findContactOwners(ctx.tenantId, kind, missing.filter((c) => c.kind === kind).map((c) => c.value))) taken.add(`${kind}:${o.value}`);
      }
      const now = deps.clock.now();
      let row = current;
      const fields = Object.keys(patch);
      if (fields.length > 0) {
        const names = { name: current.name, nameKana: patch.nameKana ?? current.nameKana, companyName: patch.companyName ?? current.companyName };
        try {
          row = (await repo.update(ctx.tenantId, id, { ...patch, ...searchFieldsOf(names), updatedAt: now })) ?? current;
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('duplicate', `External reference ${patch.externalRef} already belongs to another customer`, [{ path: 'externalRef', message: 'already in use' }]);
          throw err;
        }
      }
      const added: ContactPointDto[] = [];
      const skipped: { kind: ContactKind; value: string }[] = [];
      for (const c of missing) {
        if (taken.has(`${c.kind}:${c.value}`)) {
          skipped.push({ kind: c.kind, value: c.value });
          continue;
        }
        const isPrimary = !kindsPresent.has(c.kind);
        kindsPresent.add(c.kind);
        const cp = await repo.insertContactPoint({ id: deps.ids(), tenantId: ctx.tenantId, customerId: id, kind: c.kind, value: c.value, label: c.label, isPrimary, createdAt: now });
        if (cp) added.push(toContactPointDto(cp));
        else skipped.push({ kind: c.kind, value: c.value });
      }
      if (fields.length === 0 && added.length > 0) await repo.touch(ctx.tenantId, id, now);
      if (fields.length > 0 || added.length > 0) {
        await deps.audit.record(ctx, { action: 'customer.merge', entity: 'customer', entityId: id, changes: { fields, contactKinds: added.map((a) => a.kind) } });
      }
      return { customer: toCustomerDto(row), fields, addedContacts: added, skippedContacts: skipped };
    },
  };
}
export type CustomerService = ReturnType<typeof createCustomerService>;

/** Decides which keys a free-text query can be: several may apply ("0120…" is both digits and a phone). */
export function interpretQuery(q: string): CustomerSearch {
  const trimmed = q.normalize('NFKC').trim();
  if (trimmed === '') return { text: null, phoneE164: null, email: null, serial: null };
  const phone = phoneSearchKey(trimmed);
  const email = trimmed.includes('@') ? normalizeEmail(trimmed) : null;
  const folded = foldJa(trimmed);
  return {
    text: phone ? null : { folded, terms: bigramsOf(trimmed) },
    phoneE164: phone,
    email: email?.ok ? email.email : null,
    serial: looksLikeSerial(trimmed) ? normalizeSerial(trimmed) : null,
  };
}
