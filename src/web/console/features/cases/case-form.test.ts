import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../api/types.js';
import { caseToForm, casePatchOf, emptyCaseForm, formToCaseCreate } from './case-form.js';

const item: CaseDetail = {
  id: 'k1',
  number: 12,
  displayNumber: 'C-000012',
  customerId: 'c1',
  customerName: '山田 太郎',
  title: '冷蔵庫が冷えない',
  description: null,
  status: 'open',
  priority: 'normal',
  dueAt: '2026-11-23T05:05:00Z',
  ownerUserId: null,
  ownerName: null,
  department: '修理',
  category: null,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  resolvedAt: null,
  closedAt: null,
  allowedTransitions: ['pending', 'resolved'],
  interactions: [],
};

describe('formToCaseCreate', () => {
  it('trims and leaves blank optional fields out', () => {
    const sut = formToCaseCreate({ ...emptyCaseForm(' 異音がする '), department: ' ', category: '保守' });
    expect(sut).toEqual({ title: '異音がする', priority: 'normal', category: '保守' });
  });
});

describe('casePatchOf', () => {
  it('is empty when nothing changed, even if the due time is written another way', () => {
    expect(casePatchOf(item, { ...caseToForm(item), dueAt: '2026-11-23T05:05:00.000Z' })).toEqual({});
  });

  it('sends changed fields and clears emptied ones with null', () => {
    const sut = casePatchOf(item, { ...caseToForm(item), priority: 'high', department: '  ', description: '説明' });
    expect(sut).toEqual({ priority: 'high', department: null, description: '説明' });
  });
});
