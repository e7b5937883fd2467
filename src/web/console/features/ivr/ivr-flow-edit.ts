import { validateIvrFlow } from '../../../../core/ivr/ivr-validator.js';
import { IVR_LIMITS, ivrLinksOf, type IvrFlow, type IvrNode, type IvrNodeId, type IvrNodeType, type IvrProblem } from '../../../../core/ivr/ivr.types.js';
import { freeId } from '../../common/graph-layout.js';

/**
 * Edits of an IVR flow made by the editor. Pure: each returns a new flow. A new node's links are
 * empty ("not wired yet") until the admin picks where they lead; the editor lists them and will not
 * save until they are wired (the API takes node ids only). A deleted node's incoming links keep its
 * id, so the validator names each of them as a link to a node that does not exist.
 */

export const IVR_NODE_TYPES: readonly IvrNodeType[] = ['say', 'menu', 'gather', 'lookup', 'hours', 'branch', 'set', 'enqueue', 'voicemail', 'callback', 'transfer', 'hangup'];

/** Which fields of a node are links to other nodes, with the name the validator gives each way. */
export type IvrLinkField = 'next' | 'onFail' | 'found' | 'notFound' | 'open' | 'closed' | 'then' | 'else';

/** The texts a new node starts with (the UI language's defaults). */
export interface NewNodeTexts {
  say: string;
  menu: string;
  gather: string;
  enqueue: string;
  voicemail: string;
  callback: string;
  transfer: string;
  hangup: string;
}

export function newIvrNode(type: IvrNodeType, id: IvrNodeId, texts: NewNodeTexts): IvrNode {
  switch (type) {
    case 'say':
      return { type, id, text: texts.say, next: '' };
    case 'menu':
      return { type, id, prompt: texts.menu, options: [], timeoutSec: 5, retries: 2, onFail: '' };
    case 'gather':
      return { type, id, prompt: texts.gather, into: 'serial', minDigits: 4, maxDigits: 12, timeoutSec: 10, retries: 1, next: '', onFail: '' };
    case 'lookup':
      return { type, id, by: 'caller', found: '', notFound: '' };
    case 'hours':
      return { type, id, calendar: '', open: '', closed: '' };
    case 'branch':
      return { type, id, attribute: 'vip', equals: true, then: '', else: '' };
    case 'set':
      return { type, id, priority: 5, next: '' };
    case 'enqueue':
      return { type, id, queueId: '', text: texts.enqueue };
    case 'voicemail':
      return { type, id, prompt: texts.voicemail, maxSec: 120, queueId: '' };
    case 'callback':
      return { type, id, text: texts.callback, queueId: '' };
    case 'transfer':
      return { type, id, number: '', text: texts.transfer };
    case 'hangup':
      return { type, id, text: texts.hangup };
  }
}

/**
 * A new flow: a menu whose one option and whose failure both say goodbye, so it is valid at once
 * and the admin builds on it.
 */
export function starterIvrFlow(texts: Pick<NewNodeTexts, 'menu' | 'hangup'>): IvrFlow {
  return {
    start: 'main',
    nodes: [
      { type: 'menu', id: 'main', prompt: texts.menu, options: [{ key: '1', next: 'bye' }], timeoutSec: 5, retries: 2, onFail: 'bye' },
      { type: 'hangup', id: 'bye', text: texts.hangup },
    ],
  };
}

/** A new node of the type with the first free id (`menu1`, `gather2` …); the first node of a flow becomes its start. */
export function addIvrNode(flow: IvrFlow, type: IvrNodeType, texts: NewNodeTexts): { flow: IvrFlow; id: IvrNodeId } {
  const id = freeId(flow.nodes.map((n) => n.id), type);
  return { flow: { start: flow.start || id, nodes: [...flow.nodes, newIvrNode(type, id, texts)] }, id };
}

/** The node with every link that led to `from` leading to `to` instead. */
function relink(node: IvrNode, from: IvrNodeId, to: IvrNodeId): IvrNode {
  const swap = (id: IvrNodeId) => (id === from ? to : id);
  switch (node.type) {
    case 'say':
    case 'set':
      return { ...node, next: swap(node.next) };
    case 'menu':
      return { ...node, options: node.options.map((o) => ({ ...o, next: swap(o.next) })), onFail: swap(node.onFail) };
    case 'gather':
      return { ...node, next: swap(node.next), onFail: swap(node.onFail) };
    case 'lookup':
      return { ...node, found: swap(node.found), notFound: swap(node.notFound) };
    case 'hours':
      return { ...node, open: swap(node.open), closed: swap(node.closed) };
    case 'branch':
      return { ...node, then: swap(node.then), else: swap(node.else) };
    default:
      return node;
  }
}

/**
 * Puts `node` in the place of the node `id`. When its id changed, the links to it and the start
 * follow the new id (unless another node already has it: then nothing is renamed but the node).
 */
export function replaceIvrNode(flow: IvrFlow, id: IvrNodeId, node: IvrNode): IvrFlow {
  const renamed = node.id !== id && node.id !== '' && !flow.nodes.some((n) => n.id === node.id);
  const nodes = flow.nodes.map((n) => (n.id === id ? node : n));
  if (!renamed) return { ...flow, nodes };
  return { start: flow.start === id ? node.id : flow.start, nodes: nodes.map((n) => relink(n, id, node.id)) };
}

/** Removes the node; links to it stay (the validator names them). A removed start passes to the first node left. */
export function removeIvrNode(flow: IvrFlow, id: IvrNodeId): IvrFlow {
  const nodes = flow.nodes.filter((n) => n.id !== id);
  return { start: flow.start === id ? (nodes[0]?.id ?? '') : flow.start, nodes };
}

/** What the editor must have before it can save: links wired, texts, queues and numbers filled in, valid ids. */
export type IvrDraftIssue =
  | { code: 'unwired'; nodeId: IvrNodeId; via: string }
  | { code: 'required'; nodeId: IvrNodeId; field: 'text' | 'prompt' | 'queueId' | 'calendar' | 'number' | 'attribute' }
  | { code: 'bad_id'; nodeId: IvrNodeId }
  | { code: 'no_start'; nodeId: null };

/** What each node must have filled in (the API refuses the whole flow otherwise). */
function requiredOf(node: IvrNode): { field: Extract<IvrDraftIssue, { code: 'required' }>['field']; value: string | undefined }[] {
  switch (node.type) {
    case 'say':
    case 'callback':
      return [{ field: 'text', value: node.text }, ...(node.type === 'callback' ? [{ field: 'queueId' as const, value: node.queueId }] : [])];
    case 'menu':
    case 'gather':
      return [{ field: 'prompt', value: node.prompt }];
    case 'voicemail':
      return [{ field: 'prompt', value: node.prompt }, { field: 'queueId', value: node.queueId }];
    case 'enqueue':
      return [{ field: 'queueId', value: node.queueId }];
    case 'hours':
      return [{ field: 'calendar', value: node.calendar }];
    case 'transfer':
      return [{ field: 'number', value: node.number }];
    case 'branch':
      return [{ field: 'attribute', value: node.attribute }];
    default:
      return [];
  }
}

export function ivrDraftIssues(flow: IvrFlow): IvrDraftIssue[] {
  const out: IvrDraftIssue[] = [];
  if (!flow.start) out.push({ code: 'no_start', nodeId: null });
  for (const node of flow.nodes) {
    if (!IVR_LIMITS.idPattern.test(node.id)) out.push({ code: 'bad_id', nodeId: node.id });
    for (const link of ivrLinksOf(node)) if (link.next === '') out.push({ code: 'unwired', nodeId: node.id, via: link.via });
    for (const r of requiredOf(node)) if (!r.value?.trim()) out.push({ code: 'required', nodeId: node.id, field: r.field });
  }
  return out;
}

/** Stands for the links not wired yet while the validator looks at a draft (a space: no node id can have one). */
const UNWIRED = ' unwired';

/**
 * The core validator's problems with a draft as it is being edited. Links not wired yet are the
 * draft issues' to report (once, by name): here they lead to a stand-in end, so they are not also
 * reported as links to nowhere or as paths that never end.
 */
export function ivrDraftProblems(flow: IvrFlow): IvrProblem[] {
  let unwired = false;
  const nodes = flow.nodes.map((n) => {
    if (!ivrLinksOf(n).some((l) => l.next === '')) return n;
    unwired = true;
    return relink(n, '', UNWIRED);
  });
  if (!unwired) return validateIvrFlow(flow);
  return validateIvrFlow({ start: flow.start, nodes: [...nodes, { type: 'hangup', id: UNWIRED }] }).filter((p) => p.nodeId !== UNWIRED);
}

/** The ways out of a node for the canvas: the target, and the link's name and index (edge ids stay unique). */
export function ivrEdgesOf(node: IvrNode): { id: string; target: IvrNodeId; via: string }[] {
  return ivrLinksOf(node).map((l, i) => ({ id: `${node.id}:${i}`, target: l.next, via: l.via }));
}
