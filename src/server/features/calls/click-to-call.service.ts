import { TwilioRestError, type TwilioCalls } from '../../channels/telephony/twilio/twilio-rest.js';
import { AppError } from '../../platform/app-error.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CustomerService } from '../customers/customer.service.js';
import { fillCtiDialUrl, nationalDigits } from '../telephony/cti-dial-template.js';
import type { TelephonySettingsService } from '../telephony/telephony-settings.service.js';
import { outboundCallUrls } from '../voice/twilio-voice.routes.js';
import { AGENT_RING_SEC, softphoneIdentity, type TwilioVoiceService } from '../voice/twilio-voice.service.js';
import type { DialInput, DialResult, GatewayProblem } from './click-to-call.schemas.js';
import { PbxDialError, type PbxDialer } from './pbx-dial.js';

/**
 * The PBX or Twilio did not place the call (502): `reason` is pbx_refused, pbx_unreachable,
 * twilio_refused or twilio_unreachable; `upstream` what it answered.
 */
export class DialGatewayError extends Error {
  constructor(readonly reason: string, message: string, readonly upstream: GatewayProblem['upstream']) {
    super(message);
  }
}

interface Deps {
  settings: Pick<TelephonySettingsService, 'dialSetupOf'>;
  customers: Pick<CustomerService, 'assertExists' | 'identify'>;
  voice: Pick<TwilioVoiceService, 'placeOutboundCall'>;
  twilioCalls: TwilioCalls;
  pbx: PbxDialer;
  audit: AuditService;
}

type DialSetup = Awaited<ReturnType<TelephonySettingsService['dialSetupOf']>>;

/** How the call goes out, from the tenant's adapters and how the agent can be reached. */
type Route =
  | { via: 'pbx'; pbx: NonNullable<DialSetup['pbx']>; extension: string }
  | { via: 'twilio'; twilio: NonNullable<DialSetup['twilio']>; agentLeg: string };

/**
 * The PBX first when the tenant set its URL and the agent has an extension; else Twilio when it is set
 * up (with a caller id) and rings the agent's phone or softphone. 409 otherwise, saying which.
 */
function routeOf(setup: DialSetup, userId: string): Route {
  if (setup.pbx && setup.agent.extension) return { via: 'pbx', pbx: setup.pbx, extension: setup.agent.extension };
  if (setup.twilio && (setup.agent.phone || setup.twilio.softphone)) {
    // The same endpoint an inbound call's agent leg rings: the agent's phone, else their softphone.
    return { via: 'twilio', twilio: setup.twilio, agentLeg: setup.agent.phone ?? `client:${softphoneIdentity(userId)}` };
  }
  if (setup.pbx || setup.twilio) {
    throw new AppError('conflict', setup.pbx
      ? 'You have no PBX extension (内線) and no phone or softphone: ask an administrator to set one under Routing › Agents'
      : 'You have no phone and the softphone is not set up: ask an administrator to set your phone under Routing › Agents', [], 'agent_unreachable');
  }
  throw new AppError('conflict', 'Click-to-call is not set up: an administrator sets the PBX dial URL or Twilio with a caller id in the telephony settings', [], 'click_to_call_not_configured');
}

/**
 * Click-to-call (発信) from a customer's record, through the tenant's adapter: the PBX (a POST to its
 * dial URL; the PBX reports the call through the CTI webhook) or Twilio (the call is logged here,
 * Twilio rings the agent, then the customer). Audited either way, without the number.
 */
export function createClickToCallService(deps: Deps) {
  async function throughPbx(r: Extract<Route, { via: 'pbx' }>, to: string): Promise<void> {
    const url = fillCtiDialUrl(r.pbx.urlTemplate, { extension: r.extension, number: to, national: nationalDigits(to) });
    try {
      await deps.pbx.dial(url, r.pbx.authorization);
    } catch (err) {
      if (!(err instanceof PbxDialError)) throw err;
      throw err.kind === 'refused'
        ? new DialGatewayError('pbx_refused', `The PBX refused the call: HTTP ${err.status}`, { status: err.status, code: null, message: err.message })
        : new DialGatewayError('pbx_unreachable', err.message, { status: null, code: null, message: err.message });
    }
  }

  async function throughTwilio(ctx: TenantContext, r: Extract<Route, { via: 'twilio' }>, to: string, customerId: string | null, base: string): Promise<string> {
    const agentUserId = ctx.actorUserId!;
    const { twilio } = r;
    try {
      const placed = await deps.voice.placeOutboundCall(ctx, { agentUserId, to, customerId, callerId: twilio.callerId }, (callId) => {
        const urls = outboundCallUrls(base, callId);
        return deps.twilioCalls.create(twilio, { to: r.agentLeg, from: twilio.callerId, url: urls.url, statusCallback: urls.statusCallback, timeoutSec: AGENT_RING_SEC });
      });
      return placed.callId;
    } catch (err) {
      if (!(err instanceof TwilioRestError)) throw err;
      const upstream = { status: err.status, code: err.code, message: err.twilioMessage };
      throw err.kind === 'unreachable'
        ? new DialGatewayError('twilio_unreachable', `Twilio could not be reached (${err.twilioMessage})`, upstream)
        : new DialGatewayError('twilio_refused', `Twilio refused the call: ${err.code ?? err.status} ${err.twilioMessage}`, upstream);
    }
  }

  return {
    /** `base`: the public URL Twilio calls back (MADOGUCHI_PUBLIC_URL, else the request's origin). */
    async dial(ctx: TenantContext, input: DialInput, base: string): Promise<DialResult> {
      const userId = ctx.actorUserId;
      if (!userId) throw new AppError('forbidden', 'Click-to-call rings a signed-in agent, not an API token');
      if (input.customerId) await deps.customers.assertExists(ctx, input.customerId);
      const setup = await deps.settings.dialSetupOf(ctx, userId);
      if (setup.blockedNumbers.includes(input.to)) {
        throw new AppError('unprocessable', 'This number is on the tenant\'s blocked list (着信拒否) and is not dialled', [{ path: 'to', message: 'is a blocked number' }], 'number_blocked');
      }
      const route = routeOf(setup, userId);
      const audit = (result: string, callId: string | null) => deps.audit.record(ctx, {
        action: 'call.dial', entity: input.customerId ? 'customer' : 'voice_call', entityId: input.customerId ?? callId,
        changes: { via: route.via, result, ...(callId ? { callId } : {}) },
      });
      try {
        if (route.via === 'pbx') {
          await throughPbx(route, input.to);
          await audit('requested', null);
          return { via: 'pbx', to: input.to, callId: null };
        }
        const customerId = input.customerId ?? await deps.customers.identify(ctx, { phone: input.to });
        const callId = await throughTwilio(ctx, route, input.to, customerId, base);
        await audit('placed', callId);
        return { via: 'twilio', to: input.to, callId };
      } catch (err) {
        if (err instanceof DialGatewayError) await audit(err.reason, null);
        throw err;
      }
    },
  };
}
export type ClickToCallService = ReturnType<typeof createClickToCallService>;
