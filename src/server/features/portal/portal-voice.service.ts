import { notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { isoOrNull } from '../../platform/dto.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { PortalRepository, VoiceRow } from './portal.repository.js';
import type { VoiceDto } from './portal.schemas.js';

interface Deps {
  repo: PortalRepository;
  audit: AuditService;
  ids: IdGenerator;
  clock: Clock;
}

export const toVoiceDto = (r: VoiceRow): VoiceDto => ({
  id: r.id, title: r.title, voice: r.voice, response: r.response, status: r.status === 'published' ? 'published' : 'draft',
  publishedAt: isoOrNull(r.publishedAt), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});

const MAX_LISTED = 500;

/** "お客様の声と私たちの取り組み": customer voices and what was done, drafted and published by staff. */
export function createPortalVoiceService(deps: Deps) {
  const { repo } = deps;
  async function get(ctx: TenantContext, id: string) {
    const r = await repo.voice(ctx.tenantId, id);
    if (!r) throw notFound('Voice');
    return r;
  }
  async function setStatus(ctx: TenantContext, id: string, status: 'draft' | 'published') {
    const current = await get(ctx, id);
    const now = deps.clock.now();
    await repo.updateVoice(ctx.tenantId, id, { status, publishedAt: status === 'published' ? (current.publishedAt ?? now) : null, updatedAt: now });
    await deps.audit.record(ctx, { action: status === 'published' ? 'portal.voice.publish' : 'portal.voice.unpublish', entity: 'portal_voice', entityId: id });
    return toVoiceDto(await get(ctx, id));
  }
  return {
    async list(ctx: TenantContext) {
      return (await repo.voices(ctx.tenantId, { publishedOnly: false, limit: MAX_LISTED })).map(toVoiceDto);
    },
    async published(ctx: TenantContext, limit: number) {
      return (await repo.voices(ctx.tenantId, { publishedOnly: true, limit })).map(toVoiceDto);
    },
    get: async (ctx: TenantContext, id: string) => toVoiceDto(await get(ctx, id)),
    async create(ctx: TenantContext, input: { title: string; voice: string; response: string; publish: boolean }) {
      const id = deps.ids();
      const now = deps.clock.now();
      await repo.insertVoice({
        id, tenantId: ctx.tenantId, title: input.title, voice: input.voice, response: input.response,
        status: input.publish ? 'published' : 'draft', publishedAt: input.publish ? now : null, createdAt: now, updatedAt: now,
      });
      await deps.audit.record(ctx, { action: 'portal.voice.create', entity: 'portal_voice', entityId: id, changes: { title: input.title, published: input.publish } });
      return toVoiceDto(await get(ctx, id));
    },
    async update(ctx: TenantContext, id: string, patch: { title?: string | undefined; voice?: string | undefined; response?: string | undefined }) {
      const fields = Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined));
      if (!(await repo.updateVoice(ctx.tenantId, id, { ...fields, updatedAt: deps.clock.now() }))) throw notFound('Voice');
      await deps.audit.record(ctx, { action: 'portal.voice.update', entity: 'portal_voice', entityId: id, changes: { fields: Object.keys(fields) } });
      return toVoiceDto(await get(ctx, id));
    },
    async remove(ctx: TenantContext, id: string) {
      if (!(await repo.deleteVoice(ctx.tenantId, id))) throw notFound('Voice');
      await deps.audit.record(ctx, { action: 'portal.voice.delete', entity: 'portal_voice', entityId: id });
    },
    publish: (ctx: TenantContext, id: string) => setStatus(ctx, id, 'published'),
    unpublish: (ctx: TenantContext, id: string) => setStatus(ctx, id, 'draft'),
  };
}
export type PortalVoiceService = ReturnType<typeof createPortalVoiceService>;
