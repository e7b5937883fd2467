import { describe, expect, it } from 'vitest';
import { startIvrCall, stepIvrCall } from '../../../../core/ivr/ivr-interpreter.js';
import { supportFlow } from '../../../../core/ivr/ivr-test-kit.js';
import type { IvrAction, IvrCallState } from '../../../../core/ivr/ivr.types.js';
import { agentLegTwiml, customerLegTwiml, hangupTwiml, leaveQueueTwiml, queueWaitTwiml, QUEUE_POLL_SEC, twimlOf, type TwimlAction, type TwimlLinks } from './twiml-render.js';

const links: TwimlLinks = {
  gather: (nodeId) => `https://cc.example.jp/twilio/voice/gather?call=CA1&node=${nodeId}`,
  queueWait: (queueId) => `https://cc.example.jp/twilio/voice/wait?queue=${queueId}`,
  queueName: (queueId) => `madoguchi-${queueId}`,
  recording: (queueId) => `https://cc.example.jp/twilio/voice/recording?queue=${queueId}`,
  afterQueue: () => 'https://cc.example.jp/twilio/voice/after-queue?call=CA1',
};
const env = { isOpen: () => true };
const call = { from: '+819012345678', to: '+81120000000' };
const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const renderable = (actions: IvrAction[]) => actions.filter((a): a is TwimlAction => !['lookup', 'schedule_callback', 'pass_through'].includes(a.type));

function started(): { state: IvrCallState; actions: IvrAction[] } {
  const r = startIvrCall(supportFlow(), call, env);
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe('TwiML from the IVR interpreter', () => {
  it('greets in Japanese and gathers one key for the menu, coming back on silence too', () => {
    expect(twimlOf(renderable(started().actions), links)).toBe(
      `${XML}<Response><Say language="ja-JP">お電話ありがとうございます。さくら電機サポートセンターです。</Say>` +
        '<Gather input="dtmf" action="https://cc.example.jp/twilio/voice/gather?call=CA1&amp;node=main" method="POST" timeout="5" actionOnEmptyResult="true" numDigits="1">' +
        '<Say language="ja-JP">修理のご相談は1を、折り返しをご希望の方は2を、販売店へのご連絡は3を、もう一度お聞きになる場合は9を押してください。</Say></Gather></Response>',
    );
  });

  it('gathers a serial ended by #, then queues the caller with wait music', () => {
    const menu = stepIvrCall(supportFlow(), started().state, { type: 'digits', digits: '1' }, env);
    if (!menu.ok) throw new Error(menu.message);
    expect(twimlOf(renderable(menu.actions), links)).toBe(
      `${XML}<Response><Gather input="dtmf" action="https://cc.example.jp/twilio/voice/gather?call=CA1&amp;node=serial" method="POST" timeout="10" actionOnEmptyResult="true" finishOnKey="#">` +
        '<Say language="ja-JP">製品の製造番号を入力し、最後に#を押してください。</Say></Gather></Response>',
    );
    const queued = twimlOf([{ type: 'say', text: '担当者におつなぎします。', language: 'ja-JP' }, { type: 'enqueue', queueId: 'q-support', priority: null, skills: [], customerId: null, entered: {} }], links);
    expect(queued).toBe(`${XML}<Response><Say language="ja-JP">担当者におつなぎします。</Say><Enqueue waitUrl="https://cc.example.jp/twilio/voice/wait?queue=q-support" waitUrlMethod="POST" action="https://cc.example.jp/twilio/voice/after-queue?call=CA1" method="POST">madoguchi-q-support</Enqueue></Response>`);
  });

  it('records a message, transfers, hangs up, and escapes what it says', () => {
    expect(twimlOf([{ type: 'record_message', prompt: '発信音のあとにお話しください。', maxSec: 120, queueId: 'q1' }], links)).toBe(
      `${XML}<Response><Say language="ja-JP">発信音のあとにお話しください。</Say><Record maxLength="120" playBeep="true" finishOnKey="#" action="https://cc.example.jp/twilio/voice/recording?queue=q1" method="POST"/></Response>`,
    );
    expect(twimlOf([{ type: 'transfer', number: '0312345678' }, { type: 'hangup' }], links)).toBe(`${XML}<Response><Dial>0312345678</Dial><Hangup/></Response>`);
    expect(twimlOf([{ type: 'say', text: '<Hangup/> & "A"', language: 'ja-JP' }], links)).toBe(`${XML}<Response><Say language="ja-JP">&lt;Hangup/&gt; &amp; "A"</Say></Response>`);
  });

  it('tells a waiting caller the estimated wait in minutes once, then plays the music or pauses briefly', () => {
    expect(queueWaitTwiml({ estimatedWaitSec: 250, musicUrl: 'https://cc.example.jp/music.mp3', announce: true })).toBe(
      `${XML}<Response><Say language="ja-JP">ただいま電話が大変混み合っております。あと約4分でおつなぎできる見込みです。このままお待ちください。</Say><Play>https://cc.example.jp/music.mp3</Play></Response>`,
    );
    expect(queueWaitTwiml({ estimatedWaitSec: 40, musicUrl: null, announce: true })).toContain(`このままお待ちください。</Say><Pause length="${QUEUE_POLL_SEC}"/>`);
    expect(queueWaitTwiml({ estimatedWaitSec: 40, musicUrl: null, announce: true })).not.toContain('分で');
    expect(queueWaitTwiml({ estimatedWaitSec: null, musicUrl: null, announce: true })).toBe(
      `${XML}<Response><Say language="ja-JP">ただいま電話が大変混み合っております。このままお待ちください。</Say><Pause length="${QUEUE_POLL_SEC}"/></Response>`,
    );
    expect(queueWaitTwiml({ estimatedWaitSec: 250, musicUrl: null, announce: false })).toBe(`${XML}<Response><Pause length="${QUEUE_POLL_SEC}"/></Response>`);
  });

  it('takes an answered caller out of the queue and rings the agent (click-to-call: the customer, with the caller id), recorded from the answer', () => {
    expect(leaveQueueTwiml()).toBe(`${XML}<Response><Leave/></Response>`);
    const links = { dialDone: 'https://cc.example.jp/d', recording: 'https://cc.example.jp/r' };
    expect(agentLegTwiml({ kind: 'client', identity: 'agent_u1' }, links, 20)).toBe(
      `${XML}<Response><Dial action="https://cc.example.jp/d" method="POST" timeout="20" answerOnBridge="true" record="record-from-answer-dual" ` +
        'recordingStatusCallback="https://cc.example.jp/r" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed"><Client>agent_u1</Client></Dial></Response>',
    );
    expect(agentLegTwiml({ kind: 'number', number: '+81312345678' }, links, 20)).toContain('<Number>+81312345678</Number></Dial>');
    expect(customerLegTwiml('+819012345678', '+81312340000', links, 30)).toBe(
      `${XML}<Response><Dial callerId="+81312340000" action="https://cc.example.jp/d" method="POST" timeout="30" record="record-from-answer-dual" ` +
        'recordingStatusCallback="https://cc.example.jp/r" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed"><Number>+819012345678</Number></Dial></Response>',
    );
    expect(hangupTwiml('ありがとうございました。')).toBe(`${XML}<Response><Say language="ja-JP">ありがとうございました。</Say><Hangup/></Response>`);
  });
});
