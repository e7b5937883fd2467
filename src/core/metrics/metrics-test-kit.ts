/** Factories and generators used only by the metrics tests. */
import fc from 'fast-check';
import type { Channel, ContactId, Millis, QueueId } from '../routing/routing.types.js';
import type { ContactEndReason, ContactRecord } from './contact-metrics.js';

export const SEC = 1000;
export const MIN = 60 * SEC;

export const ms = (n: number): Millis => n as Millis;
export const qid = (s: string): QueueId => s as QueueId;
export const cid = (s: string): ContactId => s as ContactId;
/** An instant given as a JST wall-clock time "YYYY-MM-DDTHH:MM:SS". */
export const jst = (local: string): Millis => Date.parse(`${local}+09:00`) as Millis;

/**
 * A record from offsets in seconds after `t0`: `at(s)` reads well in hand-computed examples.
 * `answered`, `ended`, `wrapUpEnded` are seconds after t0, or null.
 */
export function contact(
  id: string,
  t0: number,
  o: {
    readonly offered: number;
    readonly answered?: number | null;
    readonly ended?: number | null;
    readonly wrapUpEnded?: number | null;
    readonly reason?: ContactEndReason | null;
    readonly queue?: string;
    readonly channel?: Channel;
  },
): ContactRecord {
  const at = (s: number | null | undefined): Millis | null => (s === null || s === undefined ? null : ms(t0 + s * SEC));
  return {
    contactId: cid(id),
    queueId: qid(o.queue ?? 'support'),
    channel: o.channel ?? 'voice',
    offeredAt: ms(t0 + o.offered * SEC),
    answeredAt: at(o.answered),
    endedAt: at(o.ended),
    wrapUpEndedAt: at(o.wrapUpEnded),
    endReason: o.reason ?? null,
  };
}

const QUEUES = ['support', 'billing', 'orders'] as const;

/**
 * Random but well-formed records (offeredAt ≤ answeredAt ≤ endedAt ≤ wrapUpEndedAt), over two JST
 * days around midnight so that days and intervals are crossed. Some in progress, some inconsistent.
 */
export function arbContactRecords(start: number, spanMs: number, maxLength = 60): fc.Arbitrary<ContactRecord[]> {
  const arbOne = fc.record({
    queue: fc.constantFrom(...QUEUES),
    channel: fc.constantFrom<Channel>('voice', 'chat', 'email'),
    offered: fc.integer({ min: 0, max: spanMs }),
    wait: fc.integer({ min: 0, max: 120 * SEC }),
    talk: fc.integer({ min: 0, max: 900 * SEC }),
    acw: fc.integer({ min: 0, max: 120 * SEC }),
    kind: fc.constantFrom(
      'answered',
      'answered_in_acw',
      'answered_talking',
      'answered_transferred',
      'answered_closed',
      'abandoned',
      'transferred_out',
      'waiting',
      'closed',
      'inconsistent',
    ),
  });
  return fc.array(arbOne, { maxLength }).map((rows) =>
    rows.map((r, i): ContactRecord => {
      const offeredAt = start + r.offered;
      const answeredAt = offeredAt + r.wait;
      const endedAt = answeredAt + r.talk;
      const wrapUpEndedAt = endedAt + r.acw;
      const base = { contactId: cid(`c${i}`), queueId: qid(r.queue), channel: r.channel, offeredAt: ms(offeredAt) };
      const none = { answeredAt: null, endedAt: null, wrapUpEndedAt: null };
      switch (r.kind) {
        case 'answered':
          return { ...base, answeredAt: ms(answeredAt), endedAt: ms(endedAt), wrapUpEndedAt: ms(wrapUpEndedAt), endReason: 'answered' };
        case 'answered_in_acw':
          return { ...base, answeredAt: ms(answeredAt), endedAt: ms(endedAt), wrapUpEndedAt: null, endReason: 'answered' };
        case 'answered_talking':
          return { ...base, ...none, answeredAt: ms(answeredAt), endReason: null };
        case 'answered_transferred':
          return { ...base, answeredAt: ms(answeredAt), endedAt: ms(endedAt), wrapUpEndedAt: ms(wrapUpEndedAt), endReason: 'transferred' };
        case 'answered_closed':
          return { ...base, answeredAt: ms(answeredAt), endedAt: ms(endedAt), wrapUpEndedAt: ms(wrapUpEndedAt), endReason: 'closed' };
        case 'abandoned':
          return { ...base, ...none, endedAt: ms(offeredAt + r.wait), endReason: 'abandoned' };
        case 'transferred_out':
          return { ...base, ...none, endedAt: ms(offeredAt + r.wait), endReason: 'transferred' };
        case 'waiting':
          return { ...base, ...none, endReason: null };
        case 'closed':
          return { ...base, ...none, endedAt: ms(offeredAt), endReason: 'closed' };
        case 'inconsistent':
          return { ...base, ...none, endedAt: ms(offeredAt + r.wait), endReason: 'answered' };
      }
    }),
  );
}
