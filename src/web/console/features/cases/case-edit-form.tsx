import { Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/types.js';
import { SectionCard } from '../../../ui/section-card.js';
import { notifySuccess } from '../../common/errors.js';
import { FormFooter } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { textFieldProps } from '../../common/form-binding.js';
import { caseToForm, casePatchOf, type CaseFormValues } from './case-form.js';
import { CaseDueField, CaseOwnerField, CasePriorityField, type CaseFormBinding } from './case-form-fields.js';
import { useUpdateCase } from './case.queries.js';

/** 案件の編集. Keyed by `updatedAt` by its parent, so a saved or reloaded case resets the form. */
export function CaseEditForm({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const update = useUpdateCase(item.id);
  const errors = useFormErrors();
  const [values, setValues] = useState<CaseFormValues>(() => caseToForm(item));
  const form: CaseFormBinding = { values, onChange: (patch) => setValues((v) => ({ ...v, ...patch })), fieldError: errors.fieldError };
  const field = textFieldProps(form);
  const patch = casePatchOf(item, values);
  const dirty = Object.keys(patch).length > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ title: !values.title.trim() && t('common.required') })) return;
    errors.reset();
    if (!dirty) return;
    update.mutate(patch, {
      onSuccess: () => notifySuccess(t('caseDetail.saved')),
      onError: errors.setFailure,
    });
  };

  return (
    <SectionCard title={t('caseDetail.edit')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('caseForm.title')} required {...field('title')} />
          <CasePriorityField form={form} />
          <CaseOwnerField form={form} currentName={item.ownerName} />
          <CaseDueField form={form} />
          <TextInput label={t('caseForm.department')} {...field('department')} />
          <TextInput label={t('caseForm.category')} {...field('category')} />
          <Textarea label={t('caseForm.description')} autosize minRows={3} maxRows={12} {...field('description')} />
          <FormFooter failure={errors.failure} submitLabel={t('common.save')} pending={update.isPending} submitDisabled={!dirty} />
        </Stack>
      </form>
    </SectionCard>
  );
}
