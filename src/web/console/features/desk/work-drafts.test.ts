import { describe, expect, it } from 'vitest';
import { wrapUpBody } from './work-drafts.js';

describe('wrapUpBody', () => {
  it('sends only what the agent chose', () => {
    expect(wrapUpBody(undefined, { interactionNotes: null })).toEqual({});
    expect(wrapUpBody({ disposition: null, caseId: null, notes: '   ' }, { interactionNotes: null })).toEqual({});
    expect(wrapUpBody({ disposition: 'resolved', caseId: 'c1', notes: '交換手配' }, { interactionNotes: null })).toEqual({
      disposition: 'resolved',
      notes: '交換手配',
      caseId: 'c1',
    });
  });

  it('falls back to the notes already saved on the interaction', () => {
    expect(wrapUpBody({ disposition: 'resolved' }, { interactionNotes: '保存済みメモ' })).toEqual({ disposition: 'resolved', notes: '保存済みメモ' });
    // An edited (even emptied) draft wins over the saved notes.
    expect(wrapUpBody({ notes: '' }, { interactionNotes: '保存済みメモ' })).toEqual({});
  });
});
