import type { CaseCreate, CaseDetail, CasePatch, CasePriority } from '../../api/types.js';

/** What the case forms edit; every text field as a string, empty meaning "not given". */
export interface CaseFormValues {
  title: string;
  description: string;
  priority: CasePriority;
  ownerUserId: string;
  dueAt: string | null;
  department: string;
  category: string;
}

export function emptyCaseForm(title = ''): CaseFormValues {
  return { title, description: '', priority: 'normal', ownerUserId: '', dueAt: null, department: '', category: '' };
}

export function caseToForm(item: CaseDetail): CaseFormValues {
  return {
    title: item.title,
    description: item.description ?? '',
    priority: item.priority,
    ownerUserId: item.ownerUserId ?? '',
    dueAt: item.dueAt,
    department: item.department ?? '',
    category: item.category ?? '',
  };
}

/** A new case: title and priority, plus what was given (blank fields are left out). */
export function formToCaseCreate(values: CaseFormValues): CaseCreate {
  const body: CaseCreate = { title: values.title.trim(), priority: values.priority };
  if (values.description.trim()) body.description = values.description.trim();
  if (values.dueAt) body.dueAt = values.dueAt;
  if (values.ownerUserId) body.ownerUserId = values.ownerUserId;
  if (values.department.trim()) body.department = values.department.trim();
  if (values.category.trim()) body.category = values.category.trim();
  return body;
}

/** Only what changed goes to the server; emptied fields are cleared with `null`. */
export function casePatchOf(item: CaseDetail, values: CaseFormValues): CasePatch {
  const patch: CasePatch = {};
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  if (values.title.trim() !== item.title) patch.title = values.title.trim();
  if (text(values.description) !== item.description) patch.description = text(values.description);
  if (values.priority !== item.priority) patch.priority = values.priority;
  if ((values.ownerUserId || null) !== item.ownerUserId) patch.ownerUserId = values.ownerUserId || null;
  if (values.dueAt !== item.dueAt && Date.parse(values.dueAt ?? '') !== Date.parse(item.dueAt ?? '')) patch.dueAt = values.dueAt;
  if (text(values.department) !== item.department) patch.department = text(values.department);
  if (text(values.category) !== item.category) patch.category = text(values.category);
  return patch;
}
