import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_PRIORITIES, type CaseDetail, type CasePatch, type CasePriority } from '../../api/types.js';
import { SectionCard } from '../../../ui/section-card.js';
import { ZonedDateTimeInput } from '../../../ui/zoned-date-time-input.js';
import { notifySuccess } from '../../common/errors.js';
import { FormErrorAlert, useFormErrors } from '../../common/form-errors.js';
import { useTenant } from '../auth/tenant-context.js';
import { useUpdateCase } from './case.queries.js';
import { OwnerSelect } from './owner-select.js';

interface CaseEditValues {
  title: string;
  description: string;
  priority: CasePriority;
  ownerUserId: string;
  dueAt: string | null;
  department: string;
  category: string;
}

function valuesOf(item: CaseDetail): CaseEditValues {
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

/** Only what changed goes to the server; emptied fields are cleared with `null`. */
export function casePatchOf(item: CaseDetail, values: CaseEditValues): CasePatch {
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

/** 案件の編集. Keyed by `updatedAt` by its parent, so a saved or reloaded case resets the form. */
export function CaseEditForm({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const { timeZone } = useTenant();
  const update = useUpdateCase(item.id);
  const errors = useFormErrors();
  const [values, setValues] = useState<CaseEditValues>(() => valuesOf(item));
  const set = (patch: Partial<CaseEditValues>) => setValues((v) => ({ ...v, ...patch }));
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
          <TextInput
            label={t('caseForm.title')}
            required
            value={values.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={errors.fieldError('title')}
          />
          <NativeSelect
            label={t('caseForm.priority')}
            value={values.priority}
            onChange={(e) => set({ priority: e.currentTarget.value as CasePriority })}
            data={CASE_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
            error={errors.fieldError('priority')}
          />
          <OwnerSelect
            label={t('caseForm.owner')}
            value={values.ownerUserId}
            onChange={(ownerUserId) => set({ ownerUserId })}
            emptyLabel={t('cases.unassigned')}
            currentName={item.ownerName}
            error={errors.fieldError('ownerUserId')}
          />
          <ZonedDateTimeInput
            label={t('caseForm.dueAt')}
            value={values.dueAt}
            onChange={(dueAt) => set({ dueAt })}
            timeZone={timeZone}
            error={errors.fieldError('dueAt')}
          />
          <TextInput
            label={t('caseForm.department')}
            value={values.department}
            onChange={(e) => set({ department: e.currentTarget.value })}
            error={errors.fieldError('department')}
          />
          <TextInput
            label={t('caseForm.category')}
            value={values.category}
            onChange={(e) => set({ category: e.currentTarget.value })}
            error={errors.fieldError('category')}
          />
          <Textarea
            label={t('caseForm.description')}
            autosize
            minRows={3}
            maxRows={12}
            value={values.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            error={errors.fieldError('description')}
          />
          <FormErrorAlert failure={errors.failure} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!dirty}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
