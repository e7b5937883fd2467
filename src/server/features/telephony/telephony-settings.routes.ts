import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses } from '../../platform/http.schemas.js';
import type { TelephonySettingsService } from './telephony-settings.service.js';
import { ctiTokenDto, telephonySettingsDto, updateTelephonySettingsBody } from './telephony-settings.schemas.js';

/** The tenant's telephony settings: admins only (`telephony:admin`), audited, secrets never returned. */
export async function telephonySettingsRoutes(app: FastifyInstance, opts: { telephony: TelephonySettingsService; publicUrl: string | null }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { telephony } = opts;
  const tags = ['telephony'];
  const config = { access: 'telephony:admin' as const };
  // Where PBXs reach this server: the configured public URL, else the address the admin used.
  const baseUrl = (request: FastifyRequest) => opts.publicUrl ?? `${request.protocol}://${request.host}`;

  r.get('/api/v1/telephony/settings', {
    schema: { tags, summary: 'Telephony settings: whether Twilio is configured, blocked numbers, whether a CTI token exists (no secrets)', response: { 200: telephonySettingsDto, ...errorResponses } },
    config,
  }, async (request) => telephony.getSettings(ctxOf(request), baseUrl(request)));

  r.put('/api/v1/telephony/settings', {
    schema: {
      tags, summary: 'Set Twilio credentials and caller id, the PBX click-to-call URL, blocked numbers (omitted fields stay, null clears; secrets are write-only; numbers are stored in E.164)',
      body: updateTelephonySettingsBody, response: { 200: telephonySettingsDto, ...errorResponses },
    },
    config,
  }, async (request) => telephony.updateSettings(ctxOf(request), request.body, baseUrl(request)));

  r.post('/api/v1/telephony/cti-token', {
    schema: { tags, summary: 'Rotate the CTI webhook token: the new one is returned once, the old one stops working at once', response: { 200: ctiTokenDto, ...errorResponses } },
    config,
  }, async (request) => telephony.rotateCtiToken(ctxOf(request), baseUrl(request)));
}
