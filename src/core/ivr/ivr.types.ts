/**
 * IVR flows (自動音声応答): what a caller hears and keys in before routing takes the call. A flow is
 * versioned JSON per tenant and dialled number; the validator and the interpreter beside this file
 * work on it, and telephony adapters (Twilio, generic CTI) turn the interpreter's actions into
 * their own contract. Pure data.
 */

export const IVR_LIMITS = {
  nodes: 200,
  textLength: 1000,
  optionsPerMenu: 12,
  /** DTMF entries: a serial, a phone or a member number, or payment digits passed through. */
  maxDigits: 32,
  retries: 5,
  timeoutSec: 60,
  /**
   * Waits for the caller's keys in one call. A flow may loop back to a menu (「もう一度お聞きになる
   * 場合は9を」), so this is what bounds a call whatever the caller presses.
   */
  maxPrompts: 30,
  idPattern: /^[A-Za-z0-9_-]{1,64}$/,
} as const;

export type IvrNodeId = string;
export const DTMF_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
/** One DTMF key. */
export type DtmfKey = (typeof DTMF_KEYS)[number];

/** What gathered digits are: each kind is kept once per call (the last entry wins). */
export type GatherKind = 'serial' | 'phone' | 'member' | 'payment';
/** How the caller is looked up: by the calling number, or by digits gathered before. */
export type LookupKey = 'caller' | 'serial' | 'phone' | 'member';
export type AttributeValue = string | number | boolean;

export interface RequiredSkill {
  skill: string;
  minLevel: number;
}

export interface SayNode {
  type: 'say';
  id: IvrNodeId;
  text: string;
  next: IvrNodeId;
}

/** A DTMF menu: one key per option; no key or a wrong one is retried, then `onFail`. */
export interface MenuNode {
  type: 'menu';
  id: IvrNodeId;
  prompt: string;
  options: { key: DtmfKey; next: IvrNodeId }[];
  timeoutSec: number;
  retries: number;
  /** Said before the prompt is repeated (default: a standard Japanese sentence). */
  retryText?: string | undefined;
  onFail: IvrNodeId;
}

/**
 * Digits keyed in (a serial, a phone or member number): `minDigits`–`maxDigits` keys ended by `#`
 * (or the timeout), optionally Luhn-checked. `payment` digits are handed to the adapter to pass
 * through and are never kept in the call's state.
 */
export interface GatherNode {
  type: 'gather';
  id: IvrNodeId;
  prompt: string;
  into: GatherKind;
  minDigits: number;
  maxDigits: number;
  luhn?: boolean | undefined;
  timeoutSec: number;
  retries: number;
  retryText?: string | undefined;
  next: IvrNodeId;
  onFail: IvrNodeId;
}

/** Finds the customer (the adapter answers with a `lookup_result`). */
export interface LookupNode {
  type: 'lookup';
  id: IvrNodeId;
  by: LookupKey;
  found: IvrNodeId;
  notFound: IvrNodeId;
}

/** Open or closed now, by a business-hours calendar (a queue's, with Japanese holidays). */
export interface HoursNode {
  type: 'hours';
  id: IvrNodeId;
  /** The calendar to ask: a queue id of the tenant. */
  calendar: string;
  open: IvrNodeId;
  closed: IvrNodeId;
}

/** On a customer attribute (e.g. vip = true); an unknown caller has none (`else`). */
export interface BranchNode {
  type: 'branch';
  id: IvrNodeId;
  attribute: string;
  equals: AttributeValue;
  then: IvrNodeId;
  else: IvrNodeId;
}

/** Sets the priority and required skills the call will be queued with. */
export interface SetNode {
  type: 'set';
  id: IvrNodeId;
  priority?: number | undefined;
  skills?: RequiredSkill[] | undefined;
  next: IvrNodeId;
}

/** Ends in routing: the call waits in the queue for an agent. */
export interface EnqueueNode {
  type: 'enqueue';
  id: IvrNodeId;
  queueId: string;
  text?: string | undefined;
}

/** Ends with a recorded message (留守番電話) for the queue's team. */
export interface VoicemailNode {
  type: 'voicemail';
  id: IvrNodeId;
  prompt: string;
  maxSec: number;
  queueId: string;
}

/** Ends with a callback to the calling number that keeps the caller's place in the queue. */
export interface CallbackNode {
  type: 'callback';
  id: IvrNodeId;
  text: string;
  queueId: string;
}

/** Ends with a transfer to an outside number. */
export interface TransferNode {
  type: 'transfer';
  id: IvrNodeId;
  text?: string | undefined;
  number: string;
}

export interface HangupNode {
  type: 'hangup';
  id: IvrNodeId;
  text?: string | undefined;
}

export type IvrNode =
  | SayNode
  | MenuNode
  | GatherNode
  | LookupNode
  | HoursNode
  | BranchNode
  | SetNode
  | EnqueueNode
  | VoicemailNode
  | CallbackNode
  | TransferNode
  | HangupNode;
export type IvrNodeType = IvrNode['type'];

export const TERMINAL_TYPES: readonly IvrNodeType[] = ['enqueue', 'voicemail', 'callback', 'transfer', 'hangup'];
/** Nodes that wait for the caller's keys: every loop in a flow must pass one. */
export const INPUT_TYPES: readonly IvrNodeType[] = ['menu', 'gather'];

export interface IvrFlow {
  start: IvrNodeId;
  nodes: IvrNode[];
}

export type IvrProblemCode =
  | 'missing_start'
  | 'duplicate_node_id'
  | 'dangling_next'
  | 'unreachable_node'
  | 'dead_end'
  | 'loop_without_input'
  | 'no_options'
  | 'duplicate_key'
  | 'bad_digits'
  | 'bad_limit';

/** One thing wrong with a flow, worded in both languages for the editor: the node and the reason. */
export interface IvrProblem {
  code: IvrProblemCode;
  nodeId: IvrNodeId | null;
  /** For loops: the nodes around it, in order. */
  nodeIds?: IvrNodeId[] | undefined;
  message: { ja: string; en: string };
}

/** A node by id (the first one when ids repeat; a validated flow has none). */
export function ivrNodeIndex(flow: IvrFlow): Map<IvrNodeId, IvrNode> {
  const byId = new Map<IvrNodeId, IvrNode>();
  for (const n of flow.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  return byId;
}

/** Where a node can go next, with the name of the link (for messages). */
export function ivrLinksOf(node: IvrNode): { next: IvrNodeId; via: string }[] {
  switch (node.type) {
    case 'say':
    case 'set':
      return [{ next: node.next, via: 'next' }];
    case 'menu':
      return [...node.options.map((o) => ({ next: o.next, via: `key ${o.key}` })), { next: node.onFail, via: 'onFail' }];
    case 'gather':
      return [{ next: node.next, via: 'next' }, { next: node.onFail, via: 'onFail' }];
    case 'lookup':
      return [{ next: node.found, via: 'found' }, { next: node.notFound, via: 'notFound' }];
    case 'hours':
      return [{ next: node.open, via: 'open' }, { next: node.closed, via: 'closed' }];
    case 'branch':
      return [{ next: node.then, via: 'then' }, { next: node.else, via: 'else' }];
    default:
      return [];
  }
}

// ------------------------------------------------------------------------------ the interpreter

/** The call as the adapter reports it. */
export type IvrEvent =
  /** DTMF keys of one entry (a menu key, or the digits of a gather with its ending `#`). */
  | { type: 'digits'; digits: string }
  /** The caller keyed nothing before the prompt's timeout. */
  | { type: 'timeout' }
  | { type: 'lookup_result'; found: boolean; customerId?: string | undefined; attributes?: Record<string, AttributeValue> | undefined }
  /** The caller hung up. */
  | { type: 'hangup' };

/** What the call ended in (the call log keeps it). */
export type IvrOutcome =
  | { kind: 'enqueue'; queueId: string }
  | { kind: 'voicemail'; queueId: string }
  | { kind: 'callback'; queueId: string }
  | { kind: 'transfer'; number: string }
  | { kind: 'hangup'; reason: 'flow' | 'caller' | 'too_many_prompts' };

/** What the adapter must do, in order. */
export type IvrAction =
  | { type: 'say'; text: string; language: 'ja-JP' }
  /** Wait for keys: a menu (one key) or digits (`min`–`max`, ended by `#`). */
  | { type: 'gather'; nodeId: IvrNodeId; prompt: string; mode: 'menu' | 'digits'; minDigits: number; maxDigits: number; finishOnKey: '#' | null; timeoutSec: number }
  | { type: 'lookup'; by: LookupKey; value: string }
  /** Payment digits, to hand to the payment processor now and to keep nowhere. */
  | { type: 'pass_through'; into: 'payment'; digits: string }
  | { type: 'enqueue'; queueId: string; priority: number | null; skills: RequiredSkill[]; customerId: string | null; entered: Partial<Record<Exclude<GatherKind, 'payment'>, string>> }
  | { type: 'record_message'; prompt: string; maxSec: number; queueId: string }
  | { type: 'schedule_callback'; queueId: string; number: string }
  | { type: 'transfer'; number: string }
  | { type: 'hangup' };

export interface IvrCall {
  /** The calling number (as the network gave it) and the dialled one. */
  from: string;
  to: string;
}

/** Where a call stands. Never holds payment digits. */
export interface IvrCallState {
  status: 'waiting_input' | 'waiting_lookup' | 'ended';
  nodeId: IvrNodeId;
  call: IvrCall;
  /** Failed tries at the node now waiting for input. */
  attempts: number;
  /** Waits for input so far (capped by IVR_LIMITS.maxPrompts). */
  prompts: number;
  entered: Partial<Record<Exclude<GatherKind, 'payment'>, string>>;
  customer: { customerId: string | null; attributes: Record<string, AttributeValue> } | null;
  priority: number | null;
  skills: RequiredSkill[];
  /** Nodes visited, in order: the call log shows the way through the menu. */
  path: IvrNodeId[];
  outcome: IvrOutcome | null;
}

/** What the interpreter needs of the world, as pure functions (the adapter binds them to a time). */
export interface IvrEnv {
  /** Whether the calendar (a queue's business hours) is open at the step's time. */
  isOpen(calendar: string): boolean;
}

export type IvrErrorCode = 'invalid_flow' | 'call_ended' | 'unexpected_event';
export type IvrStep = { ok: true; state: IvrCallState; actions: IvrAction[] } | { ok: false; error: IvrErrorCode; message: string };
