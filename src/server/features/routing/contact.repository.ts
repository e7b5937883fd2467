import { and, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contactLegs, contacts, interactions, routingQueues, routingSkills } from '../../db/schema.js';

const joined = { row: contacts, queueName: routingQueues.name };
export type ContactJoinedRow = { row: typeof contacts.$inferSelect; queueName: string };

export function createContactRepository(db: Db) {
  // The hot reads of the routing path are prepared once: building a wide select costs more CPU than running it.
  const byId = db.select(joined).from(contacts).innerJoin(routingQueues, eq(routingQueues.id, contacts.queueId))
    .where(and(eq(contacts.tenantId, sql.placeholder('tenantId')), eq(contacts.id, sql.placeholder('id')))).prepare('contact_by_id');
  const byExternalId = db.select(joined).from(contacts).innerJoin(routingQueues, eq(routingQueues.id, contacts.queueId))
    .where(and(eq(contacts.tenantId, sql.placeholder('tenantId')), eq(contacts.externalId, sql.placeholder('externalId')))).prepare('contact_by_external_id');
  const forDesk = db.select({ ...joined, notes: interactions.notes }).from(contacts)
    .innerJoin(routingQueues, eq(routingQueues.id, contacts.queueId))
    .innerJoin(interactions, eq(interactions.id, contacts.interactionId))
    .where(eq(contacts.id, sql.placeholder('id'))).prepare('contact_for_desk');

  return {
    async findQueue(tenantId: string, by: { id?: string | undefined; name?: string | undefined }) {
      const where = by.id ? eq(routingQueues.id, by.id) : eq(routingQueues.name, by.name ?? '');
      const [q] = await db.select().from(routingQueues).where(and(eq(routingQueues.tenantId, tenantId), where));
      return q ?? null;
    },
    /** The tenant's skills (id and name): what a contact's own skill requirements may name. */
    async skillsOf(tenantId: string) {
      return db.select({ id: routingSkills.id, name: routingSkills.name }).from(routingSkills).where(eq(routingSkills.tenantId, tenantId));
    },
    async find(tenantId: string, id: string): Promise<ContactJoinedRow | null> {
      const [r] = await byId.execute({ tenantId, id });
      return r ?? null;
    },
    async findByExternalId(tenantId: string, externalId: string): Promise<ContactJoinedRow | null> {
      const [r] = await byExternalId.execute({ tenantId, externalId });
      return r ?? null;
    },
    /**
     * Any tenant: the agent desktop reads the contacts it holds (the engine already checked the agent).
     * With its queue's name and its interaction's notes, in one read.
     */
    async findForDesk(id: string): Promise<(ContactJoinedRow & { notes: string | null }) | null> {
      const [r] = await forDesk.execute({ id });
      return r ?? null;
    },
    async list(tenantId: string, opts: { live?: boolean | undefined; limit: number }) {
      return db.select(joined).from(contacts).innerJoin(routingQueues, eq(routingQueues.id, contacts.queueId))
        .where(and(eq(contacts.tenantId, tenantId), opts.live ? ne(contacts.status, 'ended') : undefined))
        .orderBy(desc(contacts.arrivedAt)).limit(opts.limit);
    },
    /** Who last served this customer, for sticky routing. */
    async lastServed(tenantId: string, customerId: string): Promise<{ agentId: string; at: Date } | null> {
      const [r] = await db.select({ agentId: contactLegs.agentUserId, answeredAt: contactLegs.answeredAt, endedAt: contactLegs.endedAt })
        .from(contactLegs).innerJoin(contacts, eq(contacts.id, contactLegs.contactId))
        .where(and(eq(contacts.tenantId, tenantId), eq(contacts.customerId, customerId), isNotNull(contactLegs.answeredAt)))
        .orderBy(desc(contactLegs.answeredAt)).limit(1);
      return r?.agentId && r.answeredAt ? { agentId: r.agentId, at: r.endedAt ?? r.answeredAt } : null;
    },
    async updateContext(tenantId: string, id: string, context: unknown) {
      await db.update(contacts).set({ context }).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)));
    },
  };
}
export type ContactRepository = ReturnType<typeof createContactRepository>;
