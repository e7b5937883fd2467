import { describe, expect, it } from 'vitest';
import { validateIvrFlow } from '../../../../core/ivr/ivr-validator.js';
import { supportFlow } from '../../../../core/ivr/ivr-test-kit.js';
import type { IvrFlow, IvrNode } from '../../../../core/ivr/ivr.types.js';
import { IVR_NODE_TYPES, addIvrNode, ivrDraftIssues, ivrDraftProblems, ivrEdgesOf, newIvrNode, removeIvrNode, replaceIvrNode, starterIvrFlow, type NewNodeTexts } from './ivr-flow-edit.js';

const texts: NewNodeTexts = { say: 'say', menu: 'menu', gather: 'gather', enqueue: 'enqueue', voicemail: 'vm', callback: 'cb', transfer: 'tr', hangup: 'bye' };
const codes = (flow: IvrFlow) => validateIvrFlow(flow).map((p) => [p.code, p.nodeId]);
const nodeOf = (flow: IvrFlow, id: string) => flow.nodes.find((n) => n.id === id) as IvrNode;

describe('IVR flow edits', () => {
  it('starts a new flow valid: a menu whose option and failure say goodbye', () => {
    const sut = starterIvrFlow(texts);
    expect(validateIvrFlow(sut)).toEqual([]);
    expect(ivrDraftIssues(sut)).toEqual([]);
  });

  it('adds every node type with a free id, its links not wired yet, and reports exactly those links and empty fields', () => {
    let flow = starterIvrFlow(texts);
    for (const type of IVR_NODE_TYPES) flow = addIvrNode(flow, type, texts).flow;
    expect(flow.nodes.map((n) => n.id)).toEqual(['main', 'bye', 'say1', 'menu1', 'gather1', 'lookup1', 'hours1', 'branch1', 'set1', 'enqueue1', 'voicemail1', 'callback1', 'transfer1', 'hangup1']);
    expect(ivrDraftIssues(flow)).toEqual([
      { code: 'unwired', nodeId: 'say1', via: 'next' },
      { code: 'unwired', nodeId: 'menu1', via: 'onFail' },
      { code: 'unwired', nodeId: 'gather1', via: 'next' },
      { code: 'unwired', nodeId: 'gather1', via: 'onFail' },
      { code: 'unwired', nodeId: 'lookup1', via: 'found' },
      { code: 'unwired', nodeId: 'lookup1', via: 'notFound' },
      { code: 'unwired', nodeId: 'hours1', via: 'open' },
      { code: 'unwired', nodeId: 'hours1', via: 'closed' },
      { code: 'required', nodeId: 'hours1', field: 'calendar' },
      { code: 'unwired', nodeId: 'branch1', via: 'then' },
      { code: 'unwired', nodeId: 'branch1', via: 'else' },
      { code: 'unwired', nodeId: 'set1', via: 'next' },
      { code: 'required', nodeId: 'enqueue1', field: 'queueId' },
      { code: 'required', nodeId: 'voicemail1', field: 'queueId' },
      { code: 'required', nodeId: 'callback1', field: 'queueId' },
      { code: 'required', nodeId: 'transfer1', field: 'number' },
    ]);
    expect(addIvrNode({ start: '', nodes: [] }, 'say', texts).flow.start).toBe('say1');
  });

  it('checks a draft with the core validator without naming unwired links twice', () => {
    const { flow } = addIvrNode(starterIvrFlow(texts), 'say', texts);
    // The validator alone calls the empty link a link to nowhere and the node a dead end.
    expect(codes(flow)).toEqual([['dangling_next', 'say1'], ['unreachable_node', 'say1'], ['dead_end', 'say1']]);
    expect(ivrDraftProblems(flow).map((p) => [p.code, p.nodeId])).toEqual([['unreachable_node', 'say1']]);
    // A loop of announcements is still a loop, unwired links or not.
    const loop: IvrFlow = { start: 'a', nodes: [{ type: 'say', id: 'a', text: 'x', next: 'b' }, { type: 'branch', id: 'b', attribute: 'vip', equals: true, then: 'a', else: '' }] };
    expect(ivrDraftProblems(loop).map((p) => p.code)).toEqual(['loop_without_input']);
    expect(ivrDraftProblems(supportFlow())).toEqual([]);
  });

  it('renames a node: the start and every link to it follow', () => {
    const flow = supportFlow();
    const sut = replaceIvrNode(flow, 'main', { ...nodeOf(flow, 'main'), id: 'top' });
    expect(sut.start).toBe('hours');
    expect(nodeOf(sut, 'top')).toMatchObject({ type: 'menu', options: expect.arrayContaining([{ key: '9', next: 'top' }]) });
    expect(nodeOf(sut, 'welcome')).toMatchObject({ next: 'top' });
    expect(nodeOf(sut, 'unknown')).toMatchObject({ next: 'top' });
    expect(validateIvrFlow(sut)).toEqual([]);
    const renamedStart = replaceIvrNode(flow, 'hours', { ...nodeOf(flow, 'hours'), id: 'open-or-not' });
    expect(renamedStart.start).toBe('open-or-not');
    // An id another node has is not taken over: only the node changes, and the validator says so.
    const clash = replaceIvrNode(flow, 'bye', { ...nodeOf(flow, 'bye'), id: 'queue' });
    expect(nodeOf(clash, 'main')).toMatchObject({ onFail: 'bye' });
    expect(codes(clash)).toContainEqual(['duplicate_node_id', 'queue']);
  });

  it('edits a node in place when its id stays', () => {
    const flow = supportFlow();
    const sut = replaceIvrNode(flow, 'serial', { ...nodeOf(flow, 'serial'), minDigits: 6 } as IvrNode);
    expect(nodeOf(sut, 'serial')).toMatchObject({ minDigits: 6 });
    expect(sut.nodes).toHaveLength(flow.nodes.length);
  });

  it('removes a node and leaves the links to it for the validator to name', () => {
    const sut = removeIvrNode(supportFlow(), 'unknown');
    expect(nodeOf(sut, 'find')).toMatchObject({ notFound: 'unknown' });
    expect(validateIvrFlow(sut).find((p) => p.code === 'dangling_next')).toMatchObject({ nodeId: 'find', message: { en: 'Node "find" (notFound) leads to "unknown", which does not exist.' } });
    expect(ivrDraftIssues(sut)).toEqual([]);
    expect(removeIvrNode(supportFlow(), 'hours').start).toBe('closed');
  });

  it('names bad ids and a missing start as draft issues', () => {
    const sut: IvrFlow = { start: '', nodes: [newIvrNode('hangup', 'bad id', texts)] };
    expect(ivrDraftIssues(sut)).toEqual([{ code: 'no_start', nodeId: null }, { code: 'bad_id', nodeId: 'bad id' }]);
    expect(ivrDraftIssues({ start: 'x', nodes: [{ type: 'say', id: 'x', text: '  ', next: 'x' }] })).toEqual([{ code: 'required', nodeId: 'x', field: 'text' }]);
  });

  it('gives each way out of a node its own edge id, with the validator’s link names', () => {
    const menu: IvrNode = { type: 'menu', id: 'm', prompt: 'p', options: [{ key: '1', next: 'a' }, { key: '1', next: 'b' }], timeoutSec: 5, retries: 1, onFail: 'c' };
    expect(ivrEdgesOf(menu)).toEqual([
      { id: 'm:0', target: 'a', via: 'key 1' },
      { id: 'm:1', target: 'b', via: 'key 1' },
      { id: 'm:2', target: 'c', via: 'onFail' },
    ]);
    expect(ivrEdgesOf(newIvrNode('enqueue', 'q', texts))).toEqual([]);
  });
});
