import { stepIvrCall } from '../../../core/ivr/ivr-interpreter.js';
import type { AttributeValue, IvrAction, IvrCallState, IvrEnv, IvrFlow, IvrStep, LookupKey } from '../../../core/ivr/ivr.types.js';
import type { TwimlAction } from '../../channels/telephony/twilio/twiml-render.js';
import type { TenantContext } from '../../platform/principal.js';

export interface LookupAnswer {
  found: boolean;
  customerId?: string | undefined;
  attributes?: Record<string, AttributeValue> | undefined;
}

type EnqueueAction = Extract<IvrAction, { type: 'enqueue' }>;
type CallbackAction = Extract<IvrAction, { type: 'schedule_callback' }>;

/** What the server does for the interpreter between two answers to the telephony provider. */
export interface IvrEffects {
  lookup(ctx: TenantContext, by: LookupKey, value: string): Promise<LookupAnswer>;
  /** Puts the caller in routing; idempotent per call (a resent webhook gets the same contact). */
  enqueue(ctx: TenantContext, a: EnqueueAction, state: IvrCallState): Promise<{ contactId: string; customerId: string | null; closed: boolean }>;
  scheduleCallback(ctx: TenantContext, a: CallbackAction, state: IvrCallState): Promise<void>;
  /** Payment digits go to the tenant's payment processor now and are kept nowhere (none configured: dropped). */
  passThrough(ctx: TenantContext, digits: string): Promise<void>;
}

export interface DrivenStep {
  state: IvrCallState;
  /** What the provider must do next, in order. */
  say: TwimlAction[];
  contactId: string | null;
  customerId: string | null;
}

export class IvrDriveError extends Error {}

export const IVR_DRIVER_TEXTS = {
  queueClosed: '申し訳ございません。ただいま受付時間外のため、おつなぎできません。受付時間内に改めてお掛け直しください。',
} as const;

/**
 * Runs the interpreter until the caller has something to hear or key in: lookups are answered at
 * once, payment digits passed through, callbacks scheduled and queueing done, and what remains is
 * for the provider's contract (TwiML). One step of the interpreter never loops on its own, and each
 * lookup is followed by a step that waits or ends, so this ends.
 */
export async function driveIvr(ctx: TenantContext, flow: IvrFlow, first: IvrStep, env: IvrEnv, effects: IvrEffects): Promise<DrivenStep> {
  const out: DrivenStep = { state: unwrap(first).state, say: [], contactId: null, customerId: null };
  let pending: IvrAction[] = [...unwrap(first).actions];
  while (pending.length > 0) {
    const a = pending.shift()!;
    switch (a.type) {
      case 'lookup': {
        const answer = await effects.lookup(ctx, a.by, a.value);
        if (answer.found && answer.customerId) out.customerId = answer.customerId;
        const next = unwrap(stepIvrCall(flow, out.state, { type: 'lookup_result', ...answer }, env));
        out.state = next.state;
        pending = [...pending, ...next.actions];
        break;
      }
      case 'pass_through':
        await effects.passThrough(ctx, a.digits);
        break;
      case 'schedule_callback':
        await effects.scheduleCallback(ctx, a, out.state);
        break;
      case 'enqueue': {
        const queued = await effects.enqueue(ctx, a, out.state);
        out.contactId = queued.contactId;
        out.customerId = queued.customerId ?? out.customerId;
        // Closed (a flow without an hours check before it): say so rather than queue the caller for nothing.
        if (queued.closed) out.say.push({ type: 'say', text: IVR_DRIVER_TEXTS.queueClosed, language: 'ja-JP' }, { type: 'hangup' });
        else out.say.push(a);
        break;
      }
      default:
        out.say.push(a);
    }
  }
  return out;
}

function unwrap(step: IvrStep): Extract<IvrStep, { ok: true }> {
  if (!step.ok) throw new IvrDriveError(`${step.error}: ${step.message}`);
  return step;
}
