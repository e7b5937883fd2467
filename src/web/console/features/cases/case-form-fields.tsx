import { useTranslation } from 'react-i18next';
import { ZonedDateTimeInput } from '../../../ui/zoned-date-time-input.js';
import type { FormBinding } from '../../common/form-binding.js';
import { useTenant } from '../auth/tenant-context.js';
import type { CaseFormValues } from './case-form.js';
import { CasePrioritySelect } from './case-priority-select.js';
import { OwnerSelect } from './owner-select.js';

/** A case form's values, how to change them and its errors; each form lays its fields out itself. */
export type CaseFormBinding = FormBinding<CaseFormValues>;

export function CasePriorityField({ form }: { form: CaseFormBinding }) {
  const { t } = useTranslation();
  return (
    <CasePrioritySelect
      label={t('caseForm.priority')}
      value={form.values.priority}
      onChange={(priority) => form.onChange({ priority })}
      error={form.fieldError('priority')}
    />
  );
}

/** 期限, typed on the tenant's wall clock. */
export function CaseDueField({ form }: { form: CaseFormBinding }) {
  const { t } = useTranslation();
  const { timeZone } = useTenant();
  return (
    <ZonedDateTimeInput
      label={t('caseForm.dueAt')}
      value={form.values.dueAt}
      onChange={(dueAt) => form.onChange({ dueAt })}
      timeZone={timeZone}
      error={form.fieldError('dueAt')}
    />
  );
}

export function CaseOwnerField({ form, currentName }: { form: CaseFormBinding; currentName?: string | null }) {
  const { t } = useTranslation();
  return (
    <OwnerSelect
      label={t('caseForm.owner')}
      value={form.values.ownerUserId}
      onChange={(ownerUserId) => form.onChange({ ownerUserId })}
      emptyLabel={t('cases.unassigned')}
      currentName={currentName}
      error={form.fieldError('ownerUserId')}
    />
  );
}
