import { describe, expect, it } from 'vitest';
import { ContactBook, formatStatusLine, formatSummary } from './contact-book.js';

const S = 1000;

describe('ContactBook', () => {
  it('follows contacts through their life and counts them', () => {
    const b = new ContactBook(20);
    b.created('a', 0, { known: true, channel: 'voice' });
    b.created('b', 0, { known: false, channel: 'voice' });
    b.created('c', 0, { known: false, channel: 'chat' });
    b.created('d', 0, { known: false, channel: 'voice', closed: true });
    b.created('e', 0, { known: false, channel: 'voice' });
    b.created('a', 5 * S, { known: false, channel: 'voice' }); // redelivery: ignored
    expect(b.counts()).toMatchObject({ created: 5, waiting: 4, closed: 1 });

    b.offered('a');
    b.offered('b');
    expect(b.counts()).toMatchObject({ waiting: 2, ringing: 2, offered: 2 });
    b.offerCancelled('b'); // expired: back to waiting
    b.offered('b');
    b.answered('a', 10 * S);
    b.answered('b', 30 * S);
    b.ended('a', 70 * S);
    b.wrappedUp('a', 80 * S);
    b.abandoned('c', 45 * S);
    b.abandonRefused('e', 50 * S); // someone outside the simulation answered it
    b.abandoned('a', 90 * S); // too late: ignored
    expect(b.counts()).toMatchObject({ waiting: 0, ringing: 0, talking: 1, acw: 0, offered: 3, answered: 2, abandoned: 1, closed: 1, answeredElsewhere: 1 });
    expect(b.unanswered()).toEqual([]);

    const s = b.summary();
    expect(s.answerRate).toBeCloseTo(3 / 4, 10); // a, b, e answered; c abandoned
    expect(s.serviceLevel).toBeCloseTo(1 / 3, 10); // a within 20 s; b late; c abandoned late (45 s)
    expect(s.asaSec).toBeCloseTo(20, 10);
    expect(s.maxAnsweredWaitSec).toBe(30);
    expect(s.meanAbandonWaitSec).toBe(45);
    expect(s.talkSec).toBe(60);
    expect(s.acwSec).toBe(10);
    expect(s.knownCustomers).toBe(1);
    expect(s.byChannel).toEqual({ voice: 4, chat: 1 });
  });

  it('keeps contacts still waiting at the stop out of the rates; forgets failed creations', () => {
    const b = new ContactBook(20);
    b.created('a', 0, { known: false, channel: 'voice' });
    b.created('b', 0, { known: false, channel: 'voice' });
    b.created('c', 0, { known: false, channel: 'voice' });
    b.created('d', 0, { known: false, channel: 'voice' });
    b.answered('a', 5 * S);
    b.abandoned('b', 100 * S, { cutOff: true });
    b.forget('c');
    b.closedNow('d');
    b.offered('unknown'); // a contact the simulation did not create
    expect(b.counts()).toMatchObject({ created: 3, answered: 1, abandoned: 0, cutOff: 1, closed: 1, offered: 0 });
    const s = b.summary();
    expect(s.answerRate).toBe(1);
    expect(s.serviceLevel).toBe(1);
    expect(s.meanAbandonWaitSec).toBeNull();
  });

  it('has no rates before any outcome', () => {
    const s = new ContactBook().summary();
    expect(s.answerRate).toBeNull();
    expect(s.serviceLevel).toBeNull();
    expect(s.asaSec).toBeNull();
    expect(formatSummary(s, 0).join('\n')).toContain('answer rate –');
  });

  it('formats the status line', () => {
    const b = new ContactBook();
    b.created('a', 0, { known: false, channel: 'voice' });
    const line = formatStatusLine(3_725_000, b.counts(), { online: 8, busy: 3, acw: 1, idle: 4 });
    expect(line).toBe('[sim 01:02:05] waiting 1 · ringing 0 · offered 0 · answered 0 · abandoned 0 · created 1 | agents 8 online: 3 busy, 1 ACW, 4 ready');
  });
});
