import { Divider, NumberInput, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHoursRecord, RoutingQueue, Skill } from '../../api/routing-types.js';
import { StackedForm } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { closeOnSuccess } from '../../common/form-submit.js';
import { issueMessages } from './validation.js';
import { FormModal } from '../../common/form-modal.js';
import { asNumber, emptyQueueForm, formToQueueInput, queueToForm, validateQueueForm, type NumberValue, type QueueFormValues } from './queue-form.js';
import { OverflowField, RequiredSkillsField, WhenClosedField } from './queue-form-fields.js';
import { useSaveQueue } from './routing-admin.queries.js';

export interface QueueFormModalProps {
  /** The queue to edit, `'new'`, or null when closed. */
  queue: RoutingQueue | 'new' | null;
  onClose: () => void;
  skills: Skill[];
  queues: RoutingQueue[];
  hours: BusinessHoursRecord[];
}

export function QueueFormModal({ queue, onClose, skills, queues, hours }: QueueFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={queue !== null} onClose={onClose} title={queue === 'new' ? t('routingAdmin.queues.add') : t('routingAdmin.queues.edit')} size="xl">
      {queue !== null && <QueueForm queue={queue === 'new' ? null : queue} onDone={onClose} skills={skills} queues={queues} hours={hours} />}
    </FormModal>
  );
}

type NumberKey = { [K in keyof QueueFormValues]: QueueFormValues[K] extends NumberValue ? K : never }[keyof QueueFormValues];

function QueueForm({ queue, onDone, skills, queues, hours }: { queue: RoutingQueue | null; onDone: () => void; skills: Skill[]; queues: RoutingQueue[]; hours: BusinessHoursRecord[] }) {
  const { t } = useTranslation();
  const save = useSaveQueue();
  const errors = useFormErrors();
  const [values, setValues] = useState<QueueFormValues>(() => (queue ? queueToForm(queue) : emptyQueueForm()));
  const onChange = (patch: Partial<QueueFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const binding = { values, onChange, fieldError: errors.fieldError };

  const numberField = (key: NumberKey, label: string, props: { min?: number; max?: number; decimal?: boolean; unit?: string; description?: string; errorPath?: string } = {}) => (
    <NumberInput
      label={label}
      description={props.description}
      min={props.min}
      max={props.max}
      allowDecimal={props.decimal ?? false}
      rightSection={props.unit ? <Text size="xs" c="dimmed" aria-hidden>{props.unit}</Text> : undefined}
      rightSectionWidth={props.unit ? 40 : undefined}
      value={values[key]}
      onChange={(v) => onChange({ [key]: asNumber(v) } as Partial<QueueFormValues>)}
      error={errors.fieldError(props.errorPath ?? key)}
    />
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateQueueForm(values, queue?.id ?? null);
    const messages = issueMessages(problems, t);
    if (!errors.validate(messages)) return;
    errors.reset();
    save.mutate(
      { id: queue?.id ?? null, input: formToQueueInput(values) },
      closeOnSuccess(t('routingAdmin.saved'), onDone, errors.setFailure),
    );
  };

  const sec = t('routingAdmin.sec');
  return (
    <StackedForm onSubmit={onSubmit} failure={errors.failure} submitLabel={t('common.save')} pending={save.isPending} onCancel={onDone}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('routingAdmin.queues.name')} required value={values.name} onChange={(e) => onChange({ name: e.currentTarget.value })} error={errors.fieldError('name')} data-autofocus />
        <Select
          label={t('routingAdmin.queues.hours')}
          placeholder={t('routingAdmin.queues.alwaysOpen')}
          data={hours.map((h) => ({ value: h.id, label: h.name }))}
          value={values.hoursId}
          onChange={(hoursId) => onChange({ hoursId })}
          clearable
          error={errors.fieldError('hoursId')}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      <RequiredSkillsField {...binding} skills={skills} />
      <Divider label={t('routingAdmin.queues.priorityAndTimers')} labelPosition="left" />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        {numberField('priority', t('routingAdmin.queues.priority'), { description: t('routingAdmin.queues.priorityHint') })}
        {numberField('agingPerMinute', t('routingAdmin.queues.agingPerMinute'), { min: 0, decimal: true, description: t('routingAdmin.queues.agingHint') })}
        {numberField('offerTimeoutSec', t('routingAdmin.queues.offerTimeoutSec'), { min: 1, unit: sec, description: t('routingAdmin.queues.offerTimeoutHint') })}
        {numberField('wrapUpLimitSec', t('routingAdmin.queues.wrapUpLimitSec'), { min: 0, unit: sec, description: t('routingAdmin.queues.wrapUpHint') })}
        {numberField('serviceLevelSec', t('routingAdmin.queues.serviceLevelSec'), { min: 0, unit: sec })}
        {numberField('serviceLevelPercent', t('routingAdmin.queues.serviceLevelTarget'), { min: 0, max: 100, decimal: true, unit: '%', errorPath: 'serviceLevelTarget' })}
        {numberField('stickyWindowSec', t('routingAdmin.queues.stickyWindowSec'), { min: 0, unit: sec, description: t('routingAdmin.queues.stickyHint') })}
      </SimpleGrid>
      <Divider />
      <OverflowField {...binding} queues={queues} ownId={queue?.id ?? null} />
      <Divider label={t('routingAdmin.queues.whenClosed')} labelPosition="left" />
      <WhenClosedField {...binding} />
    </StackedForm>
  );
}
