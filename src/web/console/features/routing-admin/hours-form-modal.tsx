import { Button, Divider, SegmentedControl, SimpleGrid, Text, TextInput } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHoursRecord } from '../../api/routing-types.js';
import { StackedForm } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { closeOnSuccess } from '../../common/form-submit.js';
import { issueMessages } from './validation.js';
import { FormModal } from '../../common/form-modal.js';
import { useTenant } from '../auth/tenant-context.js';
import { DateRangesField, IntervalsField, SpecialDaysField } from './hours-fields.js';
import {
  WEEKDAYS_MON_FIRST,
  copyMondayToWeekdays,
  emptyHoursForm,
  formToHoursInput,
  hoursToForm,
  validateHoursForm,
  type HolidayMode,
  type HoursFormValues,
} from './hours-form.js';
import { useSaveHours } from './routing-admin.queries.js';

export function HoursFormModal({ hours, onClose }: { hours: BusinessHoursRecord | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal opened={hours !== null} onClose={onClose} title={hours === 'new' ? t('routingAdmin.hours.add') : t('routingAdmin.hours.edit')} size="xl">
      {hours !== null && <HoursForm hours={hours === 'new' ? null : hours} onDone={onClose} />}
    </FormModal>
  );
}

function HoursForm({ hours, onDone }: { hours: BusinessHoursRecord | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { timeZone } = useTenant();
  const save = useSaveHours();
  const errors = useFormErrors();
  const [values, setValues] = useState<HoursFormValues>(() => (hours ? hoursToForm(hours) : emptyHoursForm(timeZone)));
  const onChange = (patch: Partial<HoursFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const fieldError = errors.fieldError;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateHoursForm(values);
    if (!errors.validate(issueMessages(problems, t))) return;
    errors.reset();
    save.mutate(
      { id: hours?.id ?? null, input: formToHoursInput(values) },
      closeOnSuccess(t('routingAdmin.saved'), onDone, errors.setFailure),
    );
  };

  return (
    <StackedForm onSubmit={onSubmit} failure={errors.failure} submitLabel={t('common.save')} pending={save.isPending} onCancel={onDone}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('routingAdmin.hours.name')} required value={values.name} onChange={(e) => onChange({ name: e.currentTarget.value })} error={fieldError('name')} data-autofocus />
        <TextInput label={t('routingAdmin.hours.timeZone')} value={values.timeZone} onChange={(e) => onChange({ timeZone: e.currentTarget.value })} error={fieldError('spec.timeZone') ?? fieldError('timeZone')} />
      </SimpleGrid>
      <Divider label={t('routingAdmin.hours.weekly')} labelPosition="left" />
      <Text size="xs" c="dimmed">
        {t('routingAdmin.hours.weeklyHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="md">
        {WEEKDAYS_MON_FIRST.map((day) => (
          <IntervalsField
            key={day}
            label={t(`routingAdmin.weekdays.${day}`)}
            rows={values.weekly[day]}
            onChange={(rows) => onChange({ weekly: { ...values.weekly, [day]: rows } })}
            path={`spec.weekly.${day}`}
            fieldError={fieldError}
            emptyText={t('routingAdmin.hours.closedAllDay')}
          />
        ))}
      </SimpleGrid>
      <Button variant="subtle" size="compact-sm" leftSection={<IconCopy size={14} aria-hidden />} onClick={() => setValues(copyMondayToWeekdays)} style={{ alignSelf: 'flex-start' }}>
        {t('routingAdmin.hours.copyMonday')}
      </Button>
      <Divider label={t('routingAdmin.hours.holidays')} labelPosition="left" />
      <SegmentedControl
        value={values.holidayMode}
        onChange={(mode) => onChange({ holidayMode: mode as HolidayMode, holidayIntervals: mode === 'custom' && !values.holidayIntervals.length ? [{ open: '10:00', close: '17:00' }] : values.holidayIntervals })}
        data={[
          { value: 'closed', label: t('routingAdmin.hours.holidayClosed') },
          { value: 'weekly', label: t('routingAdmin.hours.holidayWeekly') },
          { value: 'custom', label: t('routingAdmin.hours.holidayCustom') },
        ]}
        aria-label={t('routingAdmin.hours.holidays')}
        style={{ alignSelf: 'flex-start' }}
      />
      {values.holidayMode === 'custom' && (
        <IntervalsField
          label={t('routingAdmin.hours.holidayHours')}
          rows={values.holidayIntervals}
          onChange={(holidayIntervals) => onChange({ holidayIntervals })}
          path="spec.nationalHolidays"
          fieldError={fieldError}
          emptyText={t('routingAdmin.hours.closedAllDay')}
        />
      )}
      <Divider label={t('routingAdmin.hours.closuresTitle')} labelPosition="left" />
      <DateRangesField
        kind="date"
        label={t('routingAdmin.hours.closures')}
        rows={values.closures}
        onChange={(closures) => onChange({ closures })}
        path="spec.closures"
        fieldError={fieldError}
      />
      <DateRangesField
        kind="monthDay"
        label={t('routingAdmin.hours.annualClosures')}
        description={t('routingAdmin.hours.annualClosuresHint')}
        rows={values.annualClosures}
        onChange={(annualClosures) => onChange({ annualClosures })}
        path="spec.annualClosures"
        fieldError={fieldError}
      />
      <SpecialDaysField rows={values.specialDays} onChange={(specialDays) => onChange({ specialDays })} fieldError={fieldError} />
    </StackedForm>
  );
}
