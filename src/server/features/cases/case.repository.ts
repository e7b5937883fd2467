import { and, count, desc, eq, ilike, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { foldJa } from '../../../core/text-ja/fold.util.js';
import type { Db } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { cases, customers, tenantCounters, users } from '../../db/schema.js';

export interface CaseFilter {
  statuses?: string[] | undefined;
  priorities?: string[] | undefined;
  ownerUserId?: string | undefined;
  customerId?: string | undefined;
  department?: string | undefined;
  overdueAt?: Date | undefined;
  openStatuses: readonly string[];
  q?: string | undefined;
}

const columns = { row: cases, customerName: customers.name, ownerName: users.displayName };

export function createCaseRepository(db: Db) {
  const joined = () => db.select(columns).from(cases).leftJoin(customers, eq(customers.id, cases.customerId)).leftJoin(users, eq(users.id, cases.ownerUserId));

  function whereOf(tenantId: string, f: CaseFilter): SQL | undefined {
    const number = f.q ? /^(?:c-?)?0*(\d{1,9})$/i.exec(f.q.trim())?.[1] : undefined;
    return and(
      eq(cases.tenantId, tenantId),
      f.statuses?.length ? inArray(cases.status, f.statuses) : undefined,
      f.priorities?.length ? inArray(cases.priority, f.priorities) : undefined,
      f.ownerUserId ? eq(cases.ownerUserId, f.ownerUserId) : undefined,
      f.customerId ? eq(cases.customerId, f.customerId) : undefined,
      f.department ? eq(cases.department, f.department) : undefined,
      f.overdueAt ? and(lt(cases.dueAt, f.overdueAt), inArray(cases.status, [...f.openStatuses])) : undefined,
      f.q
        ? or(
          ilike(cases.title, containsPattern(f.q.trim())),
          number ? eq(cases.number, Number(number)) : undefined,
          // the customer's name or kana, folded like the customer search (ﾔﾏﾀﾞ finds 山田 / ヤマダ)
          inArray(cases.customerId, db.select({ id: customers.id }).from(customers)
            .where(and(eq(customers.tenantId, tenantId), like(customers.searchText, containsPattern(foldJa(f.q)))))),
        )
        : undefined,
    );
  }

  return {
    /** Number and row in one transaction: numbers are gap-free per tenant and never reused. */
    async insert(row: Omit<typeof cases.$inferInsert, 'number'>) {
      return db.transaction(async (tx) => {
        const [counter] = await tx.insert(tenantCounters).values({ tenantId: row.tenantId, name: 'case', value: 1 })
          .onConflictDoUpdate({ target: [tenantCounters.tenantId, tenantCounters.name], set: { value: sql`${tenantCounters.value} + 1` } })
          .returning({ value: tenantCounters.value });
        await tx.insert(cases).values({ ...row, number: counter!.value });
      });
    },
    async update(tenantId: string, id: string, patch: Partial<typeof cases.$inferInsert>) {
      const rows = await db.update(cases).set(patch).where(and(eq(cases.tenantId, tenantId), eq(cases.id, id))).returning({ id: cases.id });
      return rows.length > 0;
    },
    async delete(tenantId: string, id: string) {
      const rows = await db.delete(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, id))).returning({ id: cases.id });
      return rows.length > 0;
    },
    async findById(tenantId: string, id: string) {
      const rows = await joined().where(and(eq(cases.tenantId, tenantId), eq(cases.id, id))).limit(1);
      return rows[0] ?? null;
    },
    async page(tenantId: string, f: CaseFilter, limit: number, offset: number) {
      return joined().where(whereOf(tenantId, f)).orderBy(desc(cases.updatedAt), desc(cases.number)).limit(limit).offset(offset);
    },
    async count(tenantId: string, f: CaseFilter) {
      const r = await db.select({ n: count() }).from(cases).where(whereOf(tenantId, f));
      return Number(r[0]?.n ?? 0);
    },
  };
}
export type CaseRepository = ReturnType<typeof createCaseRepository>;
export type CaseJoinedRow = NonNullable<Awaited<ReturnType<CaseRepository['findById']>>>;
