import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, idParams, noContent } from '../../platform/http.schemas.js';
import type { PortalFreshnessService } from './portal-freshness.service.js';
import type { PortalReaderService } from './portal-reader.service.js';
import type { PortalSettingsService } from './portal-settings.service.js';
import type { PortalVoiceService } from './portal-voice.service.js';
import { healthDto, portalSettingsBody, portalSettingsDto, staleDto, voiceBody, voiceDto, voicePatchBody } from './portal.schemas.js';

interface Options {
  settings: PortalSettingsService;
  voices: PortalVoiceService;
  freshness: PortalFreshnessService;
  reader: PortalReaderService;
}

/** Running the portal (settings, voices, freshness): tenant-scoped, audited, `portal:admin`. */
export async function portalAdminRoutes(app: FastifyInstance, opts: Options) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { settings, voices, freshness, reader } = opts;
  const tags = ['portal'];
  const access = { access: 'portal:admin' as const };
  const P = '/api/v1/portal';

  r.get(`${P}/settings`, { schema: { tags, summary: 'The FAQ portal’s settings (defaults until saved)', response: { 200: portalSettingsDto, ...errorResponses } }, config: access },
    async (request) => settings.getSettings(ctxOf(request)));
  r.put(`${P}/settings`, {
    schema: { tags, summary: 'Turn the portal on or off, brand it (hex colours, https: or data:image logo), pick its language, contact queue and stale rule', body: portalSettingsBody, response: { 200: portalSettingsDto, ...errorResponses } },
    config: access,
  }, async (request) => settings.updateSettings(ctxOf(request), request.body));

  const changed = <T>(ctx: { tenantId: string }, value: T) => {
    reader.forget(ctx.tenantId);
    return value;
  };
  r.get(`${P}/voices`, { schema: { tags, summary: 'Customer voices and responses, drafts included', response: { 200: z.object({ items: z.array(voiceDto) }), ...errorResponses } }, config: access },
    async (request) => ({ items: await voices.list(ctxOf(request)) }));
  r.post(`${P}/voices`, { schema: { tags, summary: 'Write a voice and the response to it', body: voiceBody, response: { 201: voiceDto, ...errorResponses } }, config: access },
    async (request, reply) => {
      const ctx = ctxOf(request);
      return reply.status(201).send(changed(ctx, await voices.create(ctx, request.body)));
    });
  r.get(`${P}/voices/:id`, { schema: { tags, params: idParams, response: { 200: voiceDto, ...errorResponses } }, config: access },
    async (request) => voices.get(ctxOf(request), request.params.id));
  r.patch(`${P}/voices/:id`, { schema: { tags, params: idParams, body: voicePatchBody, response: { 200: voiceDto, ...errorResponses } }, config: access },
    async (request) => {
      const ctx = ctxOf(request);
      return changed(ctx, await voices.update(ctx, request.params.id, request.body));
    });
  r.delete(`${P}/voices/:id`, { schema: { tags, params: idParams, response: { 204: noContent, ...errorResponses } }, config: access },
    async (request, reply) => {
      const ctx = ctxOf(request);
      await voices.remove(ctx, request.params.id);
      changed(ctx, null);
      return reply.status(204).send(null);
    });
  r.post(`${P}/voices/:id/publish`, { schema: { tags, summary: 'Show it on the portal', params: idParams, response: { 200: voiceDto, ...errorResponses } }, config: access },
    async (request) => {
      const ctx = ctxOf(request);
      return changed(ctx, await voices.publish(ctx, request.params.id));
    });
  r.post(`${P}/voices/:id/unpublish`, { schema: { tags, summary: 'Take it off the portal', params: idParams, response: { 200: voiceDto, ...errorResponses } }, config: access },
    async (request) => {
      const ctx = ctxOf(request);
      return changed(ctx, await voices.unpublish(ctx, request.params.id));
    });

  r.get(`${P}/stale`, { schema: { tags, summary: 'Public articles past their review-by date or not updated in staleAfterDays, oldest first', response: { 200: staleDto, ...errorResponses } }, config: access },
    async (request) => freshness.stale(ctxOf(request)));
  r.get(`${P}/health`, { schema: { tags, summary: 'Portal health: public and stale articles, votes, searches without results, contact messages (last 30 days)', response: { 200: healthDto, ...errorResponses } }, config: access },
    async (request) => freshness.health(ctxOf(request)));
}
