import type { IvrAction, IvrNode, IvrOutcome } from '../../../../core/ivr/ivr.types.js';
import type { IvrDraftIssue } from './ivr-flow-edit.js';
import type { TestEvent } from './ivr-test-walk.js';

/**
 * The words of the IVR editor for links, nodes, draft issues and the test transcript, in the UI
 * language (`t` is i18next's). Pure given `t`, so the wording rules are tested without a browser.
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
/** A queue's name, or null when the tenant has no such queue. */
export type QueueName = (id: string) => string | null;

/** A link's name as the validator gives it (`key 1`, `onFail`, `found` …), in the UI language. */
export function linkLabel(t: Translate, via: string): string {
  const key = /^key (.+)$/.exec(via);
  if (key) return t('ivr.links.key', { key: key[1] });
  return t(`ivr.links.${via}`);
}

const FIELD_LABEL: Record<Extract<IvrDraftIssue, { code: 'required' }>['field'], string> = {
  text: 'ivr.fields.text',
  prompt: 'ivr.fields.prompt',
  queueId: 'ivr.fields.queue',
  calendar: 'ivr.fields.calendar',
  number: 'ivr.fields.number',
  attribute: 'ivr.fields.attribute',
};

export function draftIssueText(t: Translate, issue: IvrDraftIssue): string {
  switch (issue.code) {
    case 'unwired':
      return t('ivr.draft.unwired', { node: issue.nodeId, link: linkLabel(t, issue.via) });
    case 'required':
      return t('ivr.draft.required', { node: issue.nodeId, field: t(FIELD_LABEL[issue.field]) });
    case 'bad_id':
      return t('ivr.draft.bad_id', { node: issue.nodeId });
    case 'no_start':
      return t('ivr.draft.no_start');
  }
}

const queueOf = (name: QueueName, id: string) => name(id) ?? (id || '—');

/** What the canvas shows under a node's type and id. */
export function nodeSummary(t: Translate, node: IvrNode, queueName: QueueName): string {
  switch (node.type) {
    case 'say':
    case 'callback':
      return node.type === 'callback' ? `${queueOf(queueName, node.queueId)}\n${node.text}` : node.text;
    case 'menu':
    case 'gather':
      return node.prompt;
    case 'lookup':
      return t(`ivr.fields.byKinds.${node.by}`);
    case 'hours':
      return queueOf(queueName, node.calendar);
    case 'branch':
      return `${node.attribute} = ${String(node.equals)}`;
    case 'set':
      return [node.priority !== undefined ? `P${node.priority}` : '', ...(node.skills ?? []).map((s) => `${s.skill}≥${s.minLevel}`)].filter(Boolean).join(' ') || '—';
    case 'enqueue':
      return queueOf(queueName, node.queueId);
    case 'voicemail':
      return `${queueOf(queueName, node.queueId)}\n${node.prompt}`;
    case 'transfer':
      return node.number || '—';
    case 'hangup':
      return node.text ?? '';
  }
}

/** A node as one line of a picker: `id · type`. */
export function nodeOptionLabel(t: Translate, node: IvrNode): string {
  return `${node.id} · ${t(`ivr.types.${node.type}`)}`;
}

/** What the caller did, as the transcript says it. */
export function eventText(t: Translate, event: TestEvent): string {
  switch (event.type) {
    case 'digits':
      return t('ivr.test.lines.digits', { digits: event.digits });
    case 'timeout':
      return t('ivr.test.lines.timeout');
    case 'hangup':
      return t('ivr.test.lines.callerHangup');
    case 'lookup_result': {
      if (!event.found) return t('ivr.test.lines.lookupNotFound');
      const attributes = Object.entries(event.attributes ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ');
      return t('ivr.test.lines.lookupFound', { attributes: attributes ? `(${attributes})` : '' }).trim();
    }
  }
}

/** What the system does (everything but saying and waiting), as the transcript says it. */
export function actionText(t: Translate, action: Exclude<IvrAction, { type: 'say' } | { type: 'gather' }>, queueName: QueueName): string {
  switch (action.type) {
    case 'lookup':
      return t('ivr.test.lines.lookup', { by: t(`ivr.fields.byKinds.${action.by}`), value: action.value });
    case 'pass_through':
      return t('ivr.test.lines.pass_through');
    case 'enqueue': {
      const line = t('ivr.test.lines.enqueue', { queue: queueOf(queueName, action.queueId) });
      if (action.priority === null && action.skills.length === 0) return line;
      const skills = action.skills.map((s) => `${s.skill}≥${s.minLevel}`).join(', ') || '—';
      return `${line} (${t('ivr.test.lines.enqueueDetails', { priority: action.priority ?? '—', skills })})`;
    }
    case 'record_message':
      return t('ivr.test.lines.record_message', { maxSec: action.maxSec, queue: queueOf(queueName, action.queueId) });
    case 'schedule_callback':
      return t('ivr.test.lines.schedule_callback', { number: action.number, queue: queueOf(queueName, action.queueId) });
    case 'transfer':
      return t('ivr.test.lines.transfer', { number: action.number });
    case 'hangup':
      return t('ivr.test.lines.hangup');
  }
}

export function outcomeText(t: Translate, outcome: IvrOutcome, queueName: QueueName): string {
  switch (outcome.kind) {
    case 'enqueue':
    case 'voicemail':
    case 'callback':
      return t(`ivr.test.outcomes.${outcome.kind}`, { queue: queueOf(queueName, outcome.queueId) });
    case 'transfer':
      return t('ivr.test.outcomes.transfer', { number: outcome.number });
    case 'hangup':
      return t('ivr.test.outcomes.hangup');
  }
}
