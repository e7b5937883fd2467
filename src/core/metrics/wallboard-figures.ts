import type { ContactMetrics } from './contact-metrics.js';

/** The numbers of one wallboard tile (a queue or a tenant), rounded for display. null = no data yet. */
export interface WallboardFigures {
  /** 待ち呼: waiting now (from the live engine, not from the day's records). */
  readonly waiting: number;
  /** 最長待ち時間 of those waiting now, in seconds. */
  readonly longestWaitSec: number | null;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly answerRate: number | null;
  readonly serviceLevel: number | null;
  readonly asaSec: number | null;
  readonly ahtSec: number | null;
  readonly acwSec: number | null;
}

const sec = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
const share = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 1000);

/** Today's metrics plus who waits now. */
export function wallboardFigures(m: ContactMetrics, live: { waiting: number; longestWaitMs: number | null }): WallboardFigures {
  return {
    waiting: live.waiting, longestWaitSec: sec(live.longestWaitMs), offered: m.offered, answered: m.answered, abandoned: m.abandoned,
    answerRate: share(m.answerRate), serviceLevel: share(m.serviceLevel), asaSec: sec(m.asaMs), ahtSec: sec(m.ahtMs), acwSec: sec(m.avgAcwMs),
  };
}

export type Threshold = 'ok' | 'warn' | 'alert';

/**
 * Tile colour: service level under target is an alert, within 5 points of it a warning; a caller
 * waiting longer than the service-level time is an alert on its own.
 */
export function thresholdOf(f: WallboardFigures, target: { serviceLevelSec: number; serviceLevelTarget: number }): Threshold {
  if (f.longestWaitSec !== null && f.longestWaitSec > target.serviceLevelSec) return 'alert';
  if (f.serviceLevel === null) return 'ok';
  if (f.serviceLevel < target.serviceLevelTarget) return 'alert';
  if (f.serviceLevel < target.serviceLevelTarget + 0.05) return 'warn';
  return 'ok';
}
