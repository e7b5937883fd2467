import { normalizePhone } from '../../../core/text-ja/phone.util.js';
import { AppError, type FieldError } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { TenantContext } from '../../platform/principal.js';
import { constantTimeEquals, newSecret, sha256 } from '../../platform/secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import { softphoneSet, type CtiTokenOwner, type TelephonySettingsPatch, type TelephonySettingsRepository, type TelephonySettingsRow } from './telephony-settings.repository.js';
import type { TelephonySettingsDto, UpdateTelephonySettingsInput } from './telephony-settings.schemas.js';

interface Deps {
  repo: TelephonySettingsRepository;
  audit: AuditService;
  clock: Clock;
  /** Whether the id is a routing queue of the tenant (the CTI queue must be its own). */
  queueExists: (ctx: TenantContext, queueId: string) => Promise<boolean>;
}

export const CTI_WEBHOOK_PATH = '/api/v1/cti';
const webhookUrlOf = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, '')}${CTI_WEBHOOK_PATH}/${token}`;
// Compared against when a token is unknown, so both outcomes do the same work.
const NO_HASH = sha256('no CTI token');

/** Blocked numbers in E.164 (deduplicated, sorted), or a 400 naming each entry that is not a phone number. */
function normalizedBlockedNumbers(input: readonly string[]): string[] {
  const errors: FieldError[] = [];
  const out = new Set<string>();
  input.forEach((raw, i) => {
    const r = normalizePhone(raw);
    if (r.ok) out.add(r.e164);
    else errors.push({ path: `blockedNumbers.${i}`, message: r.message });
  });
  if (errors.length) throw new AppError('validation_failed', `Not phone numbers: ${errors.map((e) => e.path).join(', ')}`, errors);
  return [...out].sort();
}

function toDto(r: TelephonySettingsRow | null, baseUrl: string): TelephonySettingsDto {
  return {
    twilio: {
      configured: Boolean(r?.twilioAccountSid && r.twilioAuthToken),
      accountSid: r?.twilioAccountSid ?? null,
      softphoneConfigured: softphoneSet(r),
      callerId: r?.twilioCallerId ?? null,
      holdMusicUrl: r?.twilioHoldMusicUrl ?? null,
    },
    cti: {
      tokenSet: Boolean(r?.ctiTokenHash), webhookUrl: webhookUrlOf(baseUrl, '{token}'),
      dialUrl: r?.ctiDialUrl ?? null, dialAuthorizationSet: Boolean(r?.ctiDialAuthorization), queueId: r?.ctiQueueId ?? null,
    },
    payment: { url: r?.paymentUrl ?? null, authorizationSet: Boolean(r?.paymentAuthorization) },
    blockedNumbers: r?.blockedNumbers ?? [],
    updatedAt: r?.updatedAt.toISOString() ?? null,
  };
}

/** The tenant's telephony adapters (Twilio credentials, the CTI webhook's token, blocked numbers). */
export function createTelephonySettingsService(deps: Deps) {
  const { repo } = deps;
  return {
    async getSettings(ctx: TenantContext, baseUrl: string): Promise<TelephonySettingsDto> {
      return toDto(await repo.find(ctx.tenantId), baseUrl);
    },
    async updateSettings(ctx: TenantContext, input: UpdateTelephonySettingsInput, baseUrl: string): Promise<TelephonySettingsDto> {
      const blockedNumbers = input.blockedNumbers === undefined ? undefined : normalizedBlockedNumbers(input.blockedNumbers);
      const patch: TelephonySettingsPatch = {
        twilioAccountSid: input.twilioAccountSid, twilioAuthToken: input.twilioAuthToken, twilioApiKeySid: input.twilioApiKeySid,
        twilioApiKeySecret: input.twilioApiKeySecret, twilioTwimlAppSid: input.twilioTwimlAppSid, twilioCallerId: input.twilioCallerId,
        twilioHoldMusicUrl: input.twilioHoldMusicUrl, paymentUrl: input.paymentUrl, paymentAuthorization: input.paymentAuthorization,
        ctiDialUrl: input.ctiDialUrl, ctiDialAuthorization: input.ctiDialAuthorization, ctiQueueId: input.ctiQueueId, blockedNumbers,
      };
      if (input.ctiQueueId && !(await deps.queueExists(ctx, input.ctiQueueId))) {
        throw new AppError('validation_failed', 'Unknown queue for this tenant', [{ path: 'ctiQueueId', message: 'no such queue in this tenant' }]);
      }
      const row = await repo.upsert(ctx.tenantId, patch, deps.clock.now());
      // Which fields changed, never their values: secrets and callers' numbers stay out of the audit log.
      const fields = Object.entries(patch).filter(([, v]) => v !== undefined).map(([k, v]) => (v === null ? `${k} (cleared)` : k));
      await deps.audit.record(ctx, { action: 'telephony_settings.update', entity: 'telephony_settings', entityId: ctx.tenantId, changes: { fields, ...(blockedNumbers ? { blockedNumbers: blockedNumbers.length } : {}) } });
      return toDto(row, baseUrl);
    },
    /** A new token, returned this once; only its hash is stored, so the previous one stops working at once. */
    async rotateCtiToken(ctx: TenantContext, baseUrl: string): Promise<{ token: string; webhookUrl: string }> {
      const token = newSecret('cti_');
      await repo.upsert(ctx.tenantId, { ctiTokenHash: sha256(token) }, deps.clock.now());
      await deps.audit.record(ctx, { action: 'telephony_settings.cti_token_rotate', entity: 'telephony_settings', entityId: ctx.tenantId });
      return { token, webhookUrl: webhookUrlOf(baseUrl, token) };
    },
    /**
     * The tenant of a CTI token, or null. Known and unknown tokens cost the same: one hash, one
     * indexed lookup of the hash, one constant-time comparison.
     */
    async resolveCtiToken(token: string): Promise<CtiTokenOwner | null> {
      const hash = sha256(token);
      const owner = await repo.ownerOfCtiTokenHash(hash);
      const same = constantTimeEquals(owner?.tokenHash ?? NO_HASH, hash);
      return owner && same ? owner : null;
    },
    /** For the Twilio adapter: the tenant's credentials, or null until an account SID and auth token are set. */
    twilioSecretsOf: (tenantId: string) => repo.twilioSecretsOf(tenantId),
    /** For click-to-call: the tenant's adapters and the signed-in agent's extension and phone. */
    dialSetupOf: (ctx: TenantContext, userId: string) => repo.dialSetupOf(ctx.tenantId, userId),
  };
}
export type TelephonySettingsService = ReturnType<typeof createTelephonySettingsService>;
