import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { softphoneToken } from '../../channels/telephony/twilio/softphone-token.js';
import { ctxOf } from '../../platform/access.plugin.js';
import { AppError } from '../../platform/app-error.js';
import { errorResponses } from '../../platform/http.schemas.js';
import type { TelephonySettingsService } from '../telephony/telephony-settings.service.js';
import { softphoneIdentity } from './twilio-voice.service.js';

/** How long a softphone token lasts; the desktop asks for a new one before it runs out. */
const TOKEN_TTL_SEC = 3600;

const softphoneTokenDto = z.object({
  token: z.string(),
  /** What the agent leg's `<Client>` rings. */
  identity: z.string(),
  expiresAt: z.string(),
});

/**
 * The agent desktop's softphone (Twilio Voice JS SDK): an access token for the signed-in agent in
 * the tenant, when the tenant set up an API key and a TwiML app; 409 otherwise.
 */
export async function softphoneRoutes(app: FastifyInstance, opts: { twilioSecretsOf: TelephonySettingsService['twilioSecretsOf'] }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/agent/softphone-token', {
    schema: { tags: ['agent desktop'], summary: 'An access token for the browser softphone (Twilio Voice JS SDK); 409 when not set up', response: { 200: softphoneTokenDto, ...errorResponses } },
    config: { access: 'routing:work' },
  }, async (request) => {
    const ctx = ctxOf(request);
    if (!ctx.actorUserId) throw new AppError('forbidden', 'A softphone belongs to a signed-in agent, not to an API token');
    const s = await opts.twilioSecretsOf(ctx.tenantId);
    if (!s?.apiKeySid || !s.apiKeySecret || !s.twimlAppSid) {
      throw new AppError('conflict', 'The softphone is not set up for this tenant (Twilio API key and TwiML app)', [], 'softphone_not_configured');
    }
    const identity = softphoneIdentity(ctx.actorUserId);
    const token = softphoneToken({ accountSid: s.accountSid, apiKeySid: s.apiKeySid, apiKeySecret: s.apiKeySecret, twimlAppSid: s.twimlAppSid }, identity, TOKEN_TTL_SEC);
    // Twilio's library dates the token by the system clock: so does its expiry here.
    return { token, identity, expiresAt: new Date(Date.now() + TOKEN_TTL_SEC * 1000).toISOString() };
  });
}
