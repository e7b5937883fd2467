/**
 * What the simulator knows of the contacts it created (pure; the caller passes every instant):
 * live counts for the status line and the end-of-run summary (answer rate, service level, ASA,
 * realised handle and wrap-up times).
 *
 * Only what the simulator saw is counted: an offer to a human agent signed in at the same time is
 * invisible to it, so such a contact stays `waiting` until the customer's patience runs out and the
 * abandon is refused (`answeredElsewhere`).
 */

/** `cut`: still waiting when the run stopped (hung up by the simulator; not an abandon). */
export type BookStatus = 'waiting' | 'ringing' | 'talking' | 'acw' | 'done' | 'abandoned' | 'closed' | 'cut';

interface Entry {
  status: BookStatus;
  createdAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  offers: number;
  known: boolean;
  channel: string;
  /** Abandon refused: answered by someone the simulator does not see. */
  elsewhere: boolean;
}

export interface BookCounts {
  created: number;
  waiting: number;
  ringing: number;
  talking: number;
  acw: number;
  /** Offers received by simulated agents (a contact offered twice counts twice). */
  offered: number;
  answered: number;
  abandoned: number;
  closed: number;
  /** The customer gave up but the server said the contact was no longer waiting (answered by someone else). */
  answeredElsewhere: number;
  /** Still waiting when the run stopped: hung up by the simulator, left out of the rates. */
  cutOff: number;
}

export interface BookSummary extends BookCounts {
  /** answered / (answered + abandoned); null before any. */
  answerRate: number | null;
  /** Answered within T / (answered + abandoned after T) (docs/metrics.md default); null before any. */
  serviceLevel: number | null;
  serviceLevelSec: number;
  /** Mean wait of answered contacts (s). */
  asaSec: number | null;
  /** Longest wait of an answered contact (s). */
  maxAnsweredWaitSec: number | null;
  /** Mean wait before abandoning (s). */
  meanAbandonWaitSec: number | null;
  /** Mean answer → end (s) and end → wrap-up done (s) as observed. */
  talkSec: number | null;
  acwSec: number | null;
  /** Contacts that named a known customer. */
  knownCustomers: number;
  byChannel: Record<string, number>;
}

const mean = (sum: number, n: number) => (n > 0 ? sum / n : null);
const secOf = (ms: number | null) => (ms === null ? null : ms / 1000);

export class ContactBook {
  private readonly entries = new Map<string, Entry>();
  private offeredTotal = 0;
  private answeredElsewhere = 0;
  private talk = { sum: 0, n: 0 };
  private acw = { sum: 0, n: 0 };

  constructor(private readonly serviceLevelSec = 20) {}

  has(id: string) {
    return this.entries.has(id);
  }
  status(id: string): BookStatus | null {
    return this.entries.get(id)?.status ?? null;
  }

  /** A created contact (`201`); `closed` when the queue was closed (voice, chat after hours). */
  created(id: string, at: number, info: { known: boolean; channel: string; closed?: boolean }) {
    if (this.entries.has(id)) return;
    this.entries.set(id, { status: info.closed ? 'closed' : 'waiting', createdAt: at, answeredAt: null, endedAt: null, offers: 0, known: info.known, channel: info.channel, elsewhere: false });
  }

  /** The POST failed: the contact does not exist. */
  forget(id: string) {
    this.entries.delete(id);
  }

  /** The server answered the creation with `ended/closed` (queue closed for voice or chat). */
  closedNow(id: string) {
    const e = this.entries.get(id);
    if (e?.status === 'waiting') e.status = 'closed';
  }

  /** An offer frame reached a simulated agent (contacts of others are not counted). */
  offered(id: string) {
    const e = this.entries.get(id);
    if (!e) return;
    this.offeredTotal++;
    e.offers++;
    if (e.status === 'waiting') e.status = 'ringing';
  }

  /** The offer went away without an answer (expired, rejected, agent unavailable). */
  offerCancelled(id: string) {
    const e = this.entries.get(id);
    if (e?.status === 'ringing') e.status = 'waiting';
  }

  answered(id: string, at: number) {
    const e = this.entries.get(id);
    if (!e || (e.status !== 'waiting' && e.status !== 'ringing')) return;
    e.status = 'talking';
    e.answeredAt = at;
  }

  ended(id: string, at: number) {
    const e = this.entries.get(id);
    if (e?.status !== 'talking') return;
    e.status = 'acw';
    e.endedAt = at;
    if (e.answeredAt !== null) {
      this.talk.sum += at - e.answeredAt;
      this.talk.n++;
    }
  }

  wrappedUp(id: string, at: number) {
    const e = this.entries.get(id);
    if (!e || (e.status !== 'acw' && e.status !== 'talking')) return;
    if (e.status === 'acw' && e.endedAt !== null) {
      this.acw.sum += at - e.endedAt;
      this.acw.n++;
    }
    e.status = 'done';
  }

  /** The customer hung up while waiting or ringing; `cutOff`: because the run stopped. */
  abandoned(id: string, at: number, opts: { cutOff?: boolean } = {}) {
    const e = this.entries.get(id);
    if (!e || (e.status !== 'waiting' && e.status !== 'ringing')) return;
    e.status = opts.cutOff ? 'cut' : 'abandoned';
    e.endedAt = at;
  }

  /** The customer's patience ran out but the server no longer had the contact waiting. */
  abandonRefused(id: string, at: number) {
    const e = this.entries.get(id);
    if (!e || (e.status !== 'waiting' && e.status !== 'ringing')) return;
    this.answeredElsewhere++;
    e.status = 'done';
    e.elsewhere = true;
    e.endedAt = at;
  }

  /** Still waiting or ringing (the customer may still hang up). */
  unanswered(): string[] {
    return [...this.entries].filter(([, e]) => e.status === 'waiting' || e.status === 'ringing').map(([id]) => id);
  }

  counts(): BookCounts {
    const c: BookCounts = { created: this.entries.size, waiting: 0, ringing: 0, talking: 0, acw: 0, offered: this.offeredTotal, answered: 0, abandoned: 0, closed: 0, answeredElsewhere: this.answeredElsewhere, cutOff: 0 };
    for (const e of this.entries.values()) {
      if (e.status === 'waiting') c.waiting++;
      else if (e.status === 'ringing') c.ringing++;
      else if (e.status === 'talking') c.talking++;
      else if (e.status === 'acw') c.acw++;
      else if (e.status === 'abandoned') c.abandoned++;
      else if (e.status === 'closed') c.closed++;
      else if (e.status === 'cut') c.cutOff++;
      if (e.answeredAt !== null) c.answered++;
    }
    return c;
  }

  summary(): BookSummary {
    const counts = this.counts();
    const T = this.serviceLevelSec * 1000;
    let waitSum = 0, waitN = 0, maxWait = 0, withinT = 0, lateAbandons = 0, abandonWaitSum = 0, known = 0;
    const byChannel: Record<string, number> = {};
    for (const e of this.entries.values()) {
      byChannel[e.channel] = (byChannel[e.channel] ?? 0) + 1;
      if (e.known) known++;
      if (e.status === 'abandoned' && e.endedAt !== null) {
        const w = e.endedAt - e.createdAt;
        abandonWaitSum += w;
        if (w > T) lateAbandons++;
      } else if (e.answeredAt !== null) {
        const w = e.answeredAt - e.createdAt;
        waitSum += w;
        waitN++;
        maxWait = Math.max(maxWait, w);
        if (w <= T) withinT++;
      }
    }
    const answeredAll = counts.answered + counts.answeredElsewhere;
    const slDen = waitN + lateAbandons; // contacts answered outside the simulation have no known wait
    return {
      ...counts,
      answerRate: answeredAll + counts.abandoned > 0 ? answeredAll / (answeredAll + counts.abandoned) : null,
      serviceLevel: slDen > 0 ? withinT / slDen : null,
      serviceLevelSec: this.serviceLevelSec,
      asaSec: waitN > 0 ? waitSum / waitN / 1000 : null,
      maxAnsweredWaitSec: waitN > 0 ? maxWait / 1000 : null,
      meanAbandonWaitSec: counts.abandoned > 0 ? abandonWaitSum / counts.abandoned / 1000 : null,
      talkSec: secOf(mean(this.talk.sum, this.talk.n)),
      acwSec: secOf(mean(this.acw.sum, this.acw.n)),
      knownCustomers: known,
      byChannel,
    };
  }
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const sec = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)} s`);

/** The 5-second status line. */
export function formatStatusLine(elapsedMs: number, c: BookCounts, agents: { online: number; busy: number; acw: number; idle: number }): string {
  const t = Math.floor(elapsedMs / 1000);
  const clock = `${String(Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
  return `[sim ${clock}] waiting ${c.waiting} · ringing ${c.ringing} · offered ${c.offered} · answered ${c.answered + c.answeredElsewhere}`
    + ` · abandoned ${c.abandoned}${c.closed ? ` · closed ${c.closed}` : ''} · created ${c.created}`
    + ` | agents ${agents.online} online: ${agents.busy} busy, ${agents.acw} ACW, ${agents.idle} ready`;
}

/** The end-of-run summary, a few lines. */
export function formatSummary(s: BookSummary, elapsedMs: number): string[] {
  const channels = Object.entries(s.byChannel).map(([k, v]) => `${k} ${v}`).join(', ') || '–';
  return [
    `Simulated ${(elapsedMs / 1000).toFixed(0)} s: ${s.created} contacts (${channels}; ${s.knownCustomers} from known customers)`,
    `  answered ${s.answered}${s.answeredElsewhere ? ` (+${s.answeredElsewhere} by agents outside the simulation)` : ''}, abandoned ${s.abandoned}, closed ${s.closed}, `
      + `still waiting at the end ${s.waiting + s.ringing + s.cutOff}, offers to simulated agents ${s.offered}`,
    `  answer rate ${pct(s.answerRate)} · service level ${pct(s.serviceLevel)} (${s.serviceLevelSec} s) · ASA ${sec(s.asaSec)} · longest answered wait ${sec(s.maxAnsweredWaitSec)}`,
    `  talk ${sec(s.talkSec)} · wrap-up ${sec(s.acwSec)} · mean wait before abandoning ${sec(s.meanAbandonWaitSec)}`,
  ];
}
