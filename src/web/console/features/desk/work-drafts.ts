import { useCallback, useEffect, useState } from 'react';
import type { WorkItem, WrapUpRequest } from '../../api/routing-types.js';

/** What the agent has entered for one contact and not yet sent with the wrap-up. */
export interface WorkDraft {
  notes?: string;
  disposition?: string | null;
  caseId?: string | null;
  /** `C-000123`, to show the linked case without reloading it. */
  caseLabel?: string | null;
  /** A customer registered from the desk for an unknown caller. */
  customerId?: string | null;
  customerName?: string | null;
}

/** The wrap-up body: what was chosen, without empty fields. */
export function wrapUpBody(draft: WorkDraft | undefined, item: Pick<WorkItem, 'interactionNotes'>): WrapUpRequest {
  const body: WrapUpRequest = {};
  if (draft?.disposition) body.disposition = draft.disposition;
  const notes = draft?.notes ?? item.interactionNotes ?? '';
  if (notes.trim()) body.notes = notes;
  if (draft?.caseId) body.caseId = draft.caseId;
  return body;
}

/** The customer a contact is about: the screen pop's, else the one registered from the desk. */
export function customerIdOf(item: WorkItem, draft: WorkDraft | undefined): string | null {
  return item.screenPop?.customer.id ?? item.contact.customerId ?? draft?.customerId ?? null;
}

/** Drafts per contact id, dropped when the contact leaves the desk. */
export function useWorkDrafts(liveContactIds: readonly string[]) {
  const [drafts, setDrafts] = useState<Record<string, WorkDraft>>({});
  const key = [...liveContactIds].sort().join(',');

  useEffect(() => {
    const live = new Set(key ? key.split(',') : []);
    setDrafts((current) => {
      const stale = Object.keys(current).filter((id) => !live.has(id));
      if (stale.length === 0) return current;
      const next = { ...current };
      for (const id of stale) delete next[id];
      return next;
    });
  }, [key]);

  const update = useCallback((contactId: string, patch: WorkDraft) => {
    setDrafts((current) => ({ ...current, [contactId]: { ...current[contactId], ...patch } }));
  }, []);

  return { drafts, update };
}
