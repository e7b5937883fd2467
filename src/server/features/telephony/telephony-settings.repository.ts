import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agentProfiles, tenants } from '../../db/schema.js';
import { telephonySettings } from '../../db/schema/voice.table.js';
import type { PaymentProcessor } from '../../channels/payment/payment-forwarder.js';

export type TelephonySettingsRow = typeof telephonySettings.$inferSelect;
/** The columns an admin may change; undefined leaves one as it is, null clears it. */
export type TelephonySettingsPatch = Partial<Omit<typeof telephonySettings.$inferInsert, 'tenantId' | 'updatedAt'>>;

/** What a Twilio adapter needs to sign, verify and place calls for one tenant. */
export interface TwilioSecrets {
  accountSid: string;
  authToken: string;
  apiKeySid: string | null;
  apiKeySecret: string | null;
  twimlAppSid: string | null;
  /** Not a secret, but what the adapter answers the queue's wait URL with. */
  holdMusicUrl: string | null;
  /** Where payment digits are passed through (with the Authorization value), or null: dropped. */
  payment: PaymentProcessor | null;
}

/**
 * What click-to-call needs for one agent: the tenant's PBX template (with its Authorization value),
 * Twilio (credentials and caller id, and whether the softphone is set up), blocked numbers, and the
 * agent's extension and phone (their center-wide profile).
 */
export interface DialSetup {
  pbx: { urlTemplate: string; authorization: string | null } | null;
  twilio: { accountSid: string; authToken: string; callerId: string; softphone: boolean } | null;
  blockedNumbers: string[];
  agent: { extension: string | null; phone: string | null };
}

/** The tenant a CTI token belongs to, with what the webhook needs before anything else. */
export interface CtiTokenOwner {
  tokenHash: string;
  tenant: { id: string; slug: string; timeZone: string };
  blockedNumbers: string[];
  /** Where inbound calls are counted in routing when their event names no queue of the tenant. */
  queueId: string | null;
}

/** One row per tenant (telephony_settings); every method but `ownerOfCtiTokenHash` takes the tenant. */
export function createTelephonySettingsRepository(db: Db) {
  const find = async (tenantId: string): Promise<TelephonySettingsRow | null> => {
    const [r] = await db.select().from(telephonySettings).where(eq(telephonySettings.tenantId, tenantId)).limit(1);
    return r ?? null;
  };
  return {
    find,
    /** Creates the tenant's row on first use; changes only the columns given. */
    async upsert(tenantId: string, patch: TelephonySettingsPatch, at: Date): Promise<TelephonySettingsRow> {
      const set = { ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), updatedAt: at };
      const [r] = await db.insert(telephonySettings).values({ tenantId, ...set })
        .onConflictDoUpdate({ target: telephonySettings.tenantId, set }).returning();
      return r!;
    },
    /**
     * The tenant whose CTI token has this SHA-256, across tenants (the webhook knows nothing else).
     * An equality lookup on the unique index of the hash: what its timing could reveal is about the
     * hash, never about the token.
     */
    async ownerOfCtiTokenHash(tokenHash: string): Promise<CtiTokenOwner | null> {
      const [r] = await db.select({ hash: telephonySettings.ctiTokenHash, blocked: telephonySettings.blockedNumbers, queueId: telephonySettings.ctiQueueId, id: tenants.id, slug: tenants.slug, timeZone: tenants.timeZone })
        .from(telephonySettings).innerJoin(tenants, eq(tenants.id, telephonySettings.tenantId))
        .where(eq(telephonySettings.ctiTokenHash, tokenHash)).limit(1);
      if (!r?.hash) return null;
      return { tokenHash: r.hash, tenant: { id: r.id, slug: r.slug, timeZone: r.timeZone }, blockedNumbers: r.blocked, queueId: r.queueId };
    },
    /** The tenant's Twilio credentials, or null until an account SID and auth token are set. */
    async twilioSecretsOf(tenantId: string): Promise<TwilioSecrets | null> {
      const r = await find(tenantId);
      if (!r?.twilioAccountSid || !r.twilioAuthToken) return null;
      return {
        accountSid: r.twilioAccountSid, authToken: r.twilioAuthToken, apiKeySid: r.twilioApiKeySid,
        apiKeySecret: r.twilioApiKeySecret, twimlAppSid: r.twilioTwimlAppSid, holdMusicUrl: r.twilioHoldMusicUrl,
        payment: r.paymentUrl ? { url: r.paymentUrl, authorization: r.paymentAuthorization } : null,
      };
    },
    async dialSetupOf(tenantId: string, userId: string): Promise<DialSetup> {
      const r = await find(tenantId);
      const [agent] = await db.select({ extension: agentProfiles.extension, phone: agentProfiles.phone }).from(agentProfiles).where(eq(agentProfiles.userId, userId)).limit(1);
      return {
        pbx: r?.ctiDialUrl ? { urlTemplate: r.ctiDialUrl, authorization: r.ctiDialAuthorization } : null,
        twilio: r?.twilioAccountSid && r.twilioAuthToken && r.twilioCallerId
          ? { accountSid: r.twilioAccountSid, authToken: r.twilioAuthToken, callerId: r.twilioCallerId, softphone: softphoneSet(r) }
          : null,
        blockedNumbers: r?.blockedNumbers ?? [],
        agent: { extension: agent?.extension ?? null, phone: agent?.phone ?? null },
      };
    },
  };
}

/** API key, its secret and the TwiML app are set: agents can use the browser softphone. */
export const softphoneSet = (r: TelephonySettingsRow | null) => Boolean(r?.twilioApiKeySid && r.twilioApiKeySecret && r.twilioTwimlAppSid);
export type TelephonySettingsRepository = ReturnType<typeof createTelephonySettingsRepository>;
