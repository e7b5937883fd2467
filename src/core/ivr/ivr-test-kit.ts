import type { IvrFlow } from './ivr.types.js';

/**
 * The support line of the issue, as a flow:
 *
 *   hours(q-support) ─closed→ say 営業時間外 → voicemail
 *        └open→ say ようこそ → menu main
 *                 1 → gather serial (8–12 digits) → lookup serial ─found→ branch vip ─yes→ set priority 5 → enqueue q-support
 *                 │                         │        │        └no→ enqueue q-support
 *                 │                         │        └notFound→ say 見つかりません → menu main
 *                 │                         └onFail→ enqueue q-support (an agent asks)
 *                 2 → callback q-support      3 → transfer 0312345678      9 → menu main (repeat)
 *                 onFail → hangup
 */
export const supportFlow = (): IvrFlow => ({
  start: 'hours',
  nodes: [
    { type: 'hours', id: 'hours', calendar: 'q-support', open: 'welcome', closed: 'closed' },
    { type: 'say', id: 'closed', text: '本日の受付は終了しました。メッセージをお預かりします。', next: 'message' },
    { type: 'voicemail', id: 'message', prompt: '発信音のあとにお話しください。', maxSec: 120, queueId: 'q-support' },
    { type: 'say', id: 'welcome', text: 'お電話ありがとうございます。さくら電機サポートセンターです。', next: 'main' },
    {
      type: 'menu', id: 'main', prompt: '修理のご相談は1を、折り返しをご希望の方は2を、販売店へのご連絡は3を、もう一度お聞きになる場合は9を押してください。',
      options: [{ key: '1', next: 'serial' }, { key: '2', next: 'callback' }, { key: '3', next: 'dealer' }, { key: '9', next: 'main' }],
      timeoutSec: 5, retries: 2, onFail: 'bye',
    },
    { type: 'gather', id: 'serial', prompt: '製品の製造番号を入力し、最後に#を押してください。', into: 'serial', minDigits: 8, maxDigits: 12, timeoutSec: 10, retries: 1, next: 'find', onFail: 'queue' },
    { type: 'lookup', id: 'find', by: 'serial', found: 'vip', notFound: 'unknown' },
    { type: 'say', id: 'unknown', text: '製造番号が見つかりませんでした。', next: 'main' },
    { type: 'branch', id: 'vip', attribute: 'vip', equals: true, then: 'priority', else: 'queue' },
    { type: 'set', id: 'priority', priority: 5, next: 'queue' },
    { type: 'enqueue', id: 'queue', queueId: 'q-support', text: '担当者におつなぎします。' },
    { type: 'callback', id: 'callback', text: '順番を保ったまま、担当者から折り返しお電話いたします。', queueId: 'q-support' },
    { type: 'transfer', id: 'dealer', number: '0312345678', text: '販売店におつなぎします。' },
    { type: 'hangup', id: 'bye', text: 'お電話ありがとうございました。' },
  ],
});
