import { describe, expect, it } from 'vitest';
import {
  CASE_PRIORITIES,
  CASE_STATUSES,
  allowedTransitions,
  canTransition,
  isOpenStatus,
  type CaseStatus,
} from './case-status.js';

describe('case status', () => {
  it('lists statuses and priorities in order', () => {
    expect(CASE_STATUSES).toEqual(['new', 'open', 'pending', 'resolved', 'closed']);
    expect(CASE_PRIORITIES).toEqual(['low', 'normal', 'high', 'urgent']);
  });

  it.each<[CaseStatus, CaseStatus[]]>([
    ['new', ['open', 'pending', 'resolved', 'closed']],
    ['open', ['pending', 'resolved', 'closed']],
    ['pending', ['open', 'resolved', 'closed']],
    ['resolved', ['open', 'closed']],
    ['closed', ['open']],
  ])('%s → %j', (from, to) => {
    expect(allowedTransitions(from)).toEqual(to);
    for (const target of CASE_STATUSES) expect(canTransition(from, target)).toBe(to.includes(target));
  });

  it('never transitions to itself or back to new', () => {
    for (const s of CASE_STATUSES) {
      expect(canTransition(s, s)).toBe(false);
      expect(canTransition(s, 'new')).toBe(false);
    }
  });

  it('treats new, open and pending as open', () => {
    expect(CASE_STATUSES.filter(isOpenStatus)).toEqual(['new', 'open', 'pending']);
  });
});
