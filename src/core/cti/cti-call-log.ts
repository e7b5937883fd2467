/**
 * The call log of the generic CTI webhook (any PBX: an Asterisk dialplan with curl, cloud PBXs,
 * 3CX …). Its events follow the payload Zammad's generic CTI integration defines — `newCall`,
 * `answer`, `hangup` with `callId`, `from`, `to`, `direction`, `user[]`, `queue`, `cause`,
 * `answeringNumber` — so a PBX already set up for it works unchanged. Pure: one event and the
 * call's log so far in, the new log and what the server must do out.
 */

export const CTI_CAUSES = ['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion', 'notFound', 'forwarded'] as const;
export type CtiCause = (typeof CTI_CAUSES)[number];
export type CtiDirection = 'in' | 'out';

export type CtiEvent =
  | { event: 'newCall'; callId: string; from: string; to: string; direction: CtiDirection; users: string[]; queue: string | null }
  | { event: 'answer'; callId: string; direction: CtiDirection; answeringNumber: string | null; users: string[] }
  | { event: 'hangup'; callId: string; direction: CtiDirection; cause: CtiCause | null; answeringNumber: string | null };

export interface CtiCallLog {
  callId: string;
  direction: CtiDirection;
  from: string;
  to: string;
  queue: string | null;
  status: 'ringing' | 'answered' | 'ended';
  /** The extension or user that answered (what `answeringNumber` named). */
  answeredBy: string | null;
  cause: CtiCause | null;
  /** Ended without being answered: the caller log shows it as missed. */
  missed: boolean;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
}

/**
 * What an event did: a new call, an answer (the server pops the screen of the agent mapped to
 * `answeredBy`, and no one else), an end, or nothing — a PBX resends events, and may report an
 * answer or a hang-up for a call whose start it never sent (accepted and logged, never an error).
 */
export type CtiEffect = 'started' | 'answered' | 'ended' | 'duplicate' | 'unknown_call';

export function applyCtiEvent(log: CtiCallLog | null, e: CtiEvent, at: number): { log: CtiCallLog | null; effect: CtiEffect } {
  if (e.event === 'newCall') {
    if (log) return { log, effect: 'duplicate' };
    return {
      log: { callId: e.callId, direction: e.direction, from: e.from, to: e.to, queue: e.queue, status: 'ringing', answeredBy: null, cause: null, missed: false, startedAt: at, answeredAt: null, endedAt: null },
      effect: 'started',
    };
  }
  if (!log) return { log: null, effect: 'unknown_call' };
  if (e.event === 'answer') {
    if (log.status !== 'ringing') return { log, effect: 'duplicate' };
    return { log: { ...log, status: 'answered', answeredBy: e.answeringNumber ?? e.users[0] ?? null, answeredAt: at }, effect: 'answered' };
  }
  if (log.status === 'ended') return { log, effect: 'duplicate' };
  const answered = log.status === 'answered';
  return {
    log: { ...log, status: 'ended', cause: e.cause, missed: !answered, answeredBy: log.answeredBy ?? (answered ? e.answeringNumber : null), endedAt: at },
    effect: 'ended',
  };
}
