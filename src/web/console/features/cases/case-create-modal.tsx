import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_PRIORITIES, type Case, type CaseCreate, type CasePriority, type Interaction } from '../../api/types.js';
import { ZonedDateTimeInput } from '../../../ui/zoned-date-time-input.js';
import { notifySuccess } from '../../common/errors.js';
import { FormErrorAlert, useFormErrors } from '../../common/form-errors.js';
import { useTenant } from '../auth/tenant-context.js';
import { useCreateCase } from './case.queries.js';
import { OwnerSelect } from './owner-select.js';

export interface CaseCreateModalProps {
  opened: boolean;
  onClose: () => void;
  customer?: { id: string; name: string } | null;
  /** The contact this case grows out of; it gets linked to the new case. */
  interaction?: Interaction | null;
  onCreated?: (created: Case) => void;
}

export function CaseCreateModal({ opened, onClose, customer, interaction, onCreated }: CaseCreateModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('caseForm.createTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <CaseCreateForm
        customer={customer ?? null}
        interaction={interaction ?? null}
        onCancel={onClose}
        onCreated={(created) => {
          onClose();
          onCreated?.(created);
        }}
      />
    </Modal>
  );
}

interface CaseCreateFormProps {
  customer: { id: string; name: string } | null;
  interaction: Interaction | null;
  onCancel: () => void;
  onCreated: (created: Case) => void;
}

function CaseCreateForm({ customer, interaction, onCancel, onCreated }: CaseCreateFormProps) {
  const { t } = useTranslation();
  const { timeZone } = useTenant();
  const create = useCreateCase();
  const errors = useFormErrors();
  const [title, setTitle] = useState(interaction?.subject ?? '');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<CasePriority>('normal');
  const [dueAt, setDueAt] = useState<string | null>(null);
  const [ownerUserId, setOwnerUserId] = useState('');
  const [department, setDepartment] = useState('');
  const [category, setCategory] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ title: !title.trim() && t('common.required') })) return;
    errors.reset();
    const body: CaseCreate = { title: title.trim(), priority };
    const customerId = customer?.id ?? interaction?.customerId;
    if (customerId) body.customerId = customerId;
    if (interaction) body.interactionId = interaction.id;
    if (description.trim()) body.description = description.trim();
    if (dueAt) body.dueAt = dueAt;
    if (ownerUserId) body.ownerUserId = ownerUserId;
    if (department.trim()) body.department = department.trim();
    if (category.trim()) body.category = category.trim();
    create.mutate(body, {
      onSuccess: (created) => {
        notifySuccess(t('caseForm.created', { number: created.displayNumber }));
        onCreated(created);
      },
      onError: errors.setFailure,
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        {customer && <Text size="sm">{t('caseForm.customer', { name: customer.name })}</Text>}
        {interaction && (
          <Text size="sm" c="dimmed">
            {t('caseForm.fromInteraction')}
          </Text>
        )}
        <TextInput
          label={t('caseForm.title')}
          required
          data-autofocus
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.fieldError('title')}
        />
        <Textarea
          label={t('caseForm.description')}
          autosize
          minRows={3}
          maxRows={10}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.fieldError('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('caseForm.priority')}
            value={priority}
            onChange={(e) => setPriority(e.currentTarget.value as CasePriority)}
            data={CASE_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
            error={errors.fieldError('priority')}
          />
          <ZonedDateTimeInput
            label={t('caseForm.dueAt')}
            value={dueAt}
            onChange={setDueAt}
            timeZone={timeZone}
            error={errors.fieldError('dueAt')}
          />
          <OwnerSelect
            label={t('caseForm.owner')}
            value={ownerUserId}
            onChange={setOwnerUserId}
            emptyLabel={t('cases.unassigned')}
            error={errors.fieldError('ownerUserId')}
          />
          <TextInput
            label={t('caseForm.department')}
            value={department}
            onChange={(e) => setDepartment(e.currentTarget.value)}
            error={errors.fieldError('department')}
          />
          <TextInput
            label={t('caseForm.category')}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
            error={errors.fieldError('category')}
          />
        </SimpleGrid>
        <FormErrorAlert failure={errors.failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('caseForm.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
