import { looksLikeCardNumber, passesLuhn } from '../privacy/card-mask.js';
import { validateIvrFlow } from './ivr-validator.js';
import {
  IVR_LIMITS,
  ivrNodeIndex,
  type GatherNode,
  type IvrAction,
  type IvrCall,
  type IvrCallState,
  type IvrEnv,
  type IvrEvent,
  type IvrFlow,
  type IvrNode,
  type IvrNodeId,
  type IvrOutcome,
  type IvrStep,
  type MenuNode,
} from './ivr.types.js';

/**
 * The IVR interpreter: pure, events in, actions out. `startIvrCall` runs a validated flow from its
 * start until it must wait (for keys or a customer lookup) or the call ends; `stepIvrCall` applies
 * one event to a waiting call the same way. Announcements, hours, branches and settings are
 * followed at once; a wrong or missing key is retried (`retries`), then the node's `onFail`.
 * Every wait for keys counts against IVR_LIMITS.maxPrompts, so a call ends whatever is pressed.
 * The state is never changed in place, and payment digits never enter it.
 */

export const IVR_TEXTS = {
  retry: '入力が確認できませんでした。もう一度お願いいたします。',
  tooManyPrompts: '申し訳ございません。お電話を終了させていただきます。',
} as const;

type Draft = IvrCallState;

export function startIvrCall(flow: IvrFlow, call: IvrCall, env: IvrEnv): IvrStep {
  const problems = validateIvrFlow(flow);
  if (problems.length > 0) return { ok: false, error: 'invalid_flow', message: problems.map((p) => p.message.en).join(' ') };
  const s: Draft = {
    status: 'waiting_input', nodeId: flow.start, call, attempts: 0, prompts: 0, entered: {}, customer: null, priority: null, skills: [], path: [], outcome: null,
  };
  const actions: IvrAction[] = [];
  advance(ivrNodeIndex(flow), s, flow.start, actions, env);
  return { ok: true, state: s, actions };
}

export function stepIvrCall(flow: IvrFlow, state: IvrCallState, event: IvrEvent, env: IvrEnv): IvrStep {
  if (state.status === 'ended') return { ok: false, error: 'call_ended', message: 'The call has ended' };
  const byId = ivrNodeIndex(flow);
  const s: Draft = { ...state, entered: { ...state.entered }, path: [...state.path], skills: [...state.skills] };
  const actions: IvrAction[] = [];
  if (event.type === 'hangup') {
    end(s, { kind: 'hangup', reason: 'caller' });
    return { ok: true, state: s, actions };
  }
  const node = byId.get(s.nodeId);
  if (s.status === 'waiting_lookup') {
    if (event.type !== 'lookup_result' || node?.type !== 'lookup') return unexpected(event, 'a lookup result');
    s.customer = event.found ? { customerId: event.customerId ?? null, attributes: { ...(event.attributes ?? {}) } } : null;
    advance(byId, s, event.found ? node.found : node.notFound, actions, env);
    return { ok: true, state: s, actions };
  }
  if (node?.type !== 'menu' && node?.type !== 'gather') return { ok: false, error: 'invalid_flow', message: `The call waits at "${s.nodeId}", which takes no keys in this flow` };
  if (event.type === 'lookup_result') return unexpected(event, 'keys or a timeout');
  if (event.type === 'timeout') retry(byId, s, node, actions, env);
  else if (node.type === 'menu') onMenuKey(byId, s, node, event.digits.trim(), actions, env);
  else onDigits(byId, s, node, event.digits.trim(), actions, env);
  return { ok: true, state: s, actions };
}

function unexpected(event: IvrEvent, waitingFor: string): IvrStep {
  return { ok: false, error: 'unexpected_event', message: `The call waits for ${waitingFor}, not ${event.type}` };
}

function onMenuKey(byId: ReadonlyMap<IvrNodeId, IvrNode>, s: Draft, node: MenuNode, key: string, actions: IvrAction[], env: IvrEnv): void {
  const option = node.options.find((o) => o.key === key);
  if (option) advance(byId, s, option.next, actions, env);
  else retry(byId, s, node, actions, env);
}

function onDigits(byId: ReadonlyMap<IvrNodeId, IvrNode>, s: Draft, node: GatherNode, keyed: string, actions: IvrAction[], env: IvrEnv): void {
  const digits = keyed.endsWith('#') ? keyed.slice(0, -1) : keyed;
  const valid = /^[0-9]+$/.test(digits) && digits.length >= node.minDigits && digits.length <= node.maxDigits && (!node.luhn || passesLuhn(digits));
  // A card number keyed at the wrong prompt is not kept as a serial or member number: asked again.
  const misplacedCard = node.into !== 'payment' && looksLikeCardNumber(digits);
  if (!valid || misplacedCard) {
    retry(byId, s, node, actions, env);
    return;
  }
  // Payment digits go to the adapter to pass on at once; the call's state (and its log) never holds them.
  if (node.into === 'payment') actions.push({ type: 'pass_through', into: 'payment', digits });
  else s.entered[node.into] = digits;
  advance(byId, s, node.next, actions, env);
}

/** A wrong, invalid or missing entry: said again while retries last, then the node's onFail. */
function retry(byId: ReadonlyMap<IvrNodeId, IvrNode>, s: Draft, node: MenuNode | GatherNode, actions: IvrAction[], env: IvrEnv): void {
  s.attempts += 1;
  if (s.attempts > node.retries) {
    advance(byId, s, node.onFail, actions, env);
    return;
  }
  actions.push(say(node.retryText ?? IVR_TEXTS.retry));
  prompt(s, node, actions);
}

const say = (text: string): IvrAction => ({ type: 'say', text, language: 'ja-JP' });

function prompt(s: Draft, node: MenuNode | GatherNode, actions: IvrAction[]): void {
  if (s.prompts >= IVR_LIMITS.maxPrompts) {
    actions.push(say(IVR_TEXTS.tooManyPrompts), { type: 'hangup' });
    end(s, { kind: 'hangup', reason: 'too_many_prompts' });
    return;
  }
  s.prompts += 1;
  s.status = 'waiting_input';
  s.nodeId = node.id;
  actions.push(
    node.type === 'menu'
      ? { type: 'gather', nodeId: node.id, prompt: node.prompt, mode: 'menu', minDigits: 1, maxDigits: 1, finishOnKey: null, timeoutSec: node.timeoutSec }
      : { type: 'gather', nodeId: node.id, prompt: node.prompt, mode: 'digits', minDigits: node.minDigits, maxDigits: node.maxDigits, finishOnKey: '#', timeoutSec: node.timeoutSec },
  );
}

function end(s: Draft, outcome: IvrOutcome): void {
  s.status = 'ended';
  s.outcome = outcome;
}

/**
 * Follows the flow from `id` until it waits or ends. A validated flow waits within as many hops
 * as it has nodes (every loop passes an input node); the bound only stops a flow that was not.
 */
function advance(byId: ReadonlyMap<IvrNodeId, IvrNode>, s: Draft, id: IvrNodeId, actions: IvrAction[], env: IvrEnv): void {
  for (let hops = 0; hops <= byId.size; hops++) {
    const node = byId.get(id);
    if (!node) break;
    s.path.push(node.id);
    switch (node.type) {
      case 'say':
        actions.push(say(node.text));
        id = node.next;
        continue;
      case 'set':
        if (node.priority !== undefined) s.priority = node.priority;
        if (node.skills !== undefined) s.skills = node.skills.map((k) => ({ ...k }));
        id = node.next;
        continue;
      case 'hours':
        id = env.isOpen(node.calendar) ? node.open : node.closed;
        continue;
      case 'branch':
        id = s.customer !== null && s.customer.attributes[node.attribute] === node.equals ? node.then : node.else;
        continue;
      case 'lookup': {
        const value = node.by === 'caller' ? s.call.from : s.entered[node.by];
        if (!value) {
          id = node.notFound; // nothing to look up by: an anonymous caller, or no entry made
          continue;
        }
        s.status = 'waiting_lookup';
        s.nodeId = node.id;
        actions.push({ type: 'lookup', by: node.by, value });
        return;
      }
      case 'menu':
      case 'gather':
        s.attempts = 0;
        prompt(s, node, actions);
        return;
      case 'enqueue':
        if (node.text) actions.push(say(node.text));
        actions.push({ type: 'enqueue', queueId: node.queueId, priority: s.priority, skills: s.skills, customerId: s.customer?.customerId ?? null, entered: { ...s.entered } });
        end(s, { kind: 'enqueue', queueId: node.queueId });
        return;
      case 'voicemail':
        actions.push({ type: 'record_message', prompt: node.prompt, maxSec: node.maxSec, queueId: node.queueId });
        end(s, { kind: 'voicemail', queueId: node.queueId });
        return;
      case 'callback':
        actions.push(say(node.text), { type: 'schedule_callback', queueId: node.queueId, number: s.call.from }, { type: 'hangup' });
        end(s, { kind: 'callback', queueId: node.queueId });
        return;
      case 'transfer':
        if (node.text) actions.push(say(node.text));
        actions.push({ type: 'transfer', number: node.number });
        end(s, { kind: 'transfer', number: node.number });
        return;
      case 'hangup':
        if (node.text) actions.push(say(node.text));
        actions.push({ type: 'hangup' });
        end(s, { kind: 'hangup', reason: 'flow' });
        return;
    }
  }
  // Only an unvalidated flow gets here (a missing node, or a loop that never waits).
  actions.push({ type: 'hangup' });
  end(s, { kind: 'hangup', reason: 'flow' });
}
