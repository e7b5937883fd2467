import { describe, expect, it } from 'vitest';
import { supportFlow } from '../../../../core/ivr/ivr-test-kit.js';
import type { IvrNode } from '../../../../core/ivr/ivr.types.js';
import { ja } from '../../../ui/i18n/ja.js';
import { en } from '../../../ui/i18n/en.js';
import { actionText, draftIssueText, eventText, linkLabel, nodeSummary, outcomeText, type Translate } from './ivr-labels.js';

/** i18next's lookup and {{interpolation}}, enough for these messages, over one language's tree. */
function translator(tree: object): Translate {
  return (key, options = {}) => {
    const message = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
    if (typeof message !== 'string') throw new Error(`no message ${key}`);
    return message.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
  };
}
const t = translator(ja);
const tEn = translator(en);
const queues: Record<string, string> = { 'q-support': '修理受付' };
const queueName = (id: string) => queues[id] ?? null;

describe('IVR editor wording', () => {
  it('names every link the validator names, in both languages', () => {
    expect(['key 1', 'key #', 'next', 'onFail', 'found', 'notFound', 'open', 'closed', 'then', 'else'].map((v) => linkLabel(t, v))).toEqual([
      'キー1', 'キー#', '次へ', '失敗時', '該当あり', '該当なし', '営業時間内', '営業時間外', '一致', '不一致',
    ]);
    expect(['key 1', 'onFail', 'notFound'].map((v) => linkLabel(tEn, v))).toEqual(['key 1', 'onFail', 'notFound']);
  });

  it('words draft issues with the node and the link or field', () => {
    expect(draftIssueText(t, { code: 'unwired', nodeId: 'serial', via: 'onFail' })).toBe('ノード「serial」の「失敗時」の行き先が選ばれていません。');
    expect(draftIssueText(tEn, { code: 'unwired', nodeId: 'main', via: 'key 2' })).toBe('Node "main": choose where "key 2" leads.');
    expect(draftIssueText(t, { code: 'required', nodeId: 'queue', field: 'queueId' })).toBe('ノード「queue」の「キュー」が空です。');
    expect(draftIssueText(tEn, { code: 'no_start', nodeId: null })).toBe('There is no start node.');
  });

  it('sums each node up for the canvas, queues by name', () => {
    const byId = new Map(supportFlow().nodes.map((n) => [n.id, n]));
    const sum = (id: string) => nodeSummary(t, byId.get(id) as IvrNode, queueName);
    expect(sum('hours')).toBe('修理受付');
    expect(sum('find')).toBe('入力された製造番号');
    expect(sum('vip')).toBe('vip = true');
    expect(sum('priority')).toBe('P5');
    expect(sum('queue')).toBe('修理受付');
    expect(sum('dealer')).toBe('0312345678');
    expect(nodeSummary(t, { type: 'enqueue', id: 'x', queueId: 'gone' }, queueName)).toBe('gone');
    expect(nodeSummary(t, { type: 'set', id: 's', skills: [{ skill: 'en', minLevel: 3 }], next: 'x' }, queueName)).toBe('en≥3');
  });

  it('words the caller’s events, the system’s actions and the outcome', () => {
    expect(eventText(t, { type: 'digits', digits: '1' })).toBe('発信者が 1 を押しました');
    expect(eventText(t, { type: 'lookup_result', found: true, attributes: { vip: true } })).toBe('照会結果: 該当あり (vip=true)');
    expect(eventText(t, { type: 'lookup_result', found: true })).toBe('照会結果: 該当あり');
    expect(eventText(tEn, { type: 'hangup' })).toBe('Caller hung up');
    expect(actionText(t, { type: 'enqueue', queueId: 'q-support', priority: null, skills: [], customerId: null, entered: {} }, queueName)).toBe('キュー「修理受付」へ接続します');
    expect(actionText(tEn, { type: 'enqueue', queueId: 'q-support', priority: 5, skills: [{ skill: 'repair', minLevel: 2 }], customerId: null, entered: {} }, queueName)).toBe(
      'Connects to queue "修理受付" (priority 5 / skills repair≥2)',
    );
    expect(actionText(t, { type: 'lookup', by: 'serial', value: '450123004' }, queueName)).toBe('顧客を照会します: 入力された製造番号 = 450123004');
    expect(outcomeText(t, { kind: 'enqueue', queueId: 'q-support' }, queueName)).toBe('キュー「修理受付」へ接続');
    expect(outcomeText(tEn, { kind: 'hangup', reason: 'caller' }, queueName)).toBe('hung up');
  });
});
