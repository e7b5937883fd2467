import type { reasonCodes } from '../../db/schema.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditEntry } from '../audit/audit.service.js';
import { found } from './found.util.js';
import type { AdminPartDeps } from './routing-admin.deps.js';
import type { CreateReasonCodeInput, ReasonCodeDto, ReasonKind, UpdateReasonCodeInput } from './routing-admin.schemas.js';

type ReasonCodeRow = typeof reasonCodes.$inferSelect;

export const toReasonCodeDto = (r: ReasonCodeRow): ReasonCodeDto => ({
  id: r.id, kind: r.kind as ReasonKind, code: r.code, label: r.label, active: r.active, sortOrder: r.sortOrder, createdAt: r.createdAt.toISOString(),
});

const audited = (action: string) => (r: { id: string; kind: string; code: string }): AuditEntry => ({
  action: `reason_code.${action}`, entity: 'reason_code', entityId: r.id, changes: { kind: r.kind, code: r.code },
});
const duplicate = (code: string | undefined) => `Code "${code}" already exists for this kind`;

/** Break reasons (休憩, 研修 …) and disposition codes (対応結果) of one tenant. */
export function createReasonCodeAdmin({ read, write, ids, clock }: AdminPartDeps) {
  return {
    async listReasonCodes(ctx: TenantContext, q: { kind?: ReasonKind }) {
      return { items: (await read.reasonCodes.list(ctx.tenantId, q.kind ? read.reasonKindIs(q.kind) : undefined)).map(toReasonCodeDto) };
    },
    async createReasonCode(ctx: TenantContext, v: CreateReasonCodeInput) {
      const row = await write(ctx, (repo) => repo.reasonCodes.insert({ id: ids(), tenantId: ctx.tenantId, ...v, createdAt: clock.now() }),
        { audit: audited('create'), duplicate: duplicate(v.code) });
      return toReasonCodeDto(row);
    },
    async updateReasonCode(ctx: TenantContext, id: string, v: UpdateReasonCodeInput) {
      const row = await write(ctx, async (repo) => found(await repo.reasonCodes.update(ctx.tenantId, id, v), 'Reason code'),
        { audit: audited('update'), duplicate: duplicate(v.code) });
      return toReasonCodeDto(row);
    },
    async deleteReasonCode(ctx: TenantContext, id: string) {
      await write(ctx, async (repo) => {
        const row = found(await repo.reasonCodes.find(ctx.tenantId, id), 'Reason code');
        await repo.reasonCodes.delete(ctx.tenantId, id);
        return row;
      }, { audit: audited('delete') });
    },
  };
}
