import { describe, expect, it } from 'vitest';
import { contactMetricsFromTally, EMPTY_CONTACT_TALLY } from './contact-metrics.js';
import { thresholdOf, wallboardFigures } from './wallboard-figures.js';

describe('wallboard figures', () => {
  // Hand-computed: 10 offered, 8 answered (7 within T), 2 abandoned after T; waits 40 s in all;
  // 6 handled with 600 s talk and 120 s ACW.
  const m = contactMetricsFromTally({
    ...EMPTY_CONTACT_TALLY, offered: 10, answered: 8, abandoned: 2, answeredWithinSl: 7, abandonedAfterSl: 2,
    answerWaitMsSum: 40_000, handled: 6, talkMsSum: 600_000, acwMsSum: 120_000,
  });

  it('rounds rates to 0.1 % and times to 0.1 s', () => {
    expect(wallboardFigures(m, { waiting: 3, longestWaitMs: 12_345 })).toEqual({
      waiting: 3, longestWaitSec: 12.3, offered: 10, answered: 8, abandoned: 2,
      answerRate: 0.8, serviceLevel: 0.7, asaSec: 5, ahtSec: 120, acwSec: 20,
    });
  });

  it('keeps null where nothing happened yet', () => {
    const f = wallboardFigures(contactMetricsFromTally(EMPTY_CONTACT_TALLY), { waiting: 0, longestWaitMs: null });
    expect(f).toMatchObject({ answerRate: null, serviceLevel: null, asaSec: null, ahtSec: null, longestWaitSec: null });
    expect(thresholdOf(f, { serviceLevelSec: 20, serviceLevelTarget: 0.8 })).toBe('ok');
  });

  it('colours by service level against target, and by a caller waiting past T', () => {
    const f = wallboardFigures(m, { waiting: 0, longestWaitMs: null });
    expect(thresholdOf(f, { serviceLevelSec: 20, serviceLevelTarget: 0.8 })).toBe('alert');
    expect(thresholdOf(f, { serviceLevelSec: 20, serviceLevelTarget: 0.68 })).toBe('warn');
    expect(thresholdOf(f, { serviceLevelSec: 20, serviceLevelTarget: 0.6 })).toBe('ok');
    expect(thresholdOf({ ...f, longestWaitSec: 21 }, { serviceLevelSec: 20, serviceLevelTarget: 0.6 })).toBe('alert');
  });
});
