import { SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, Interaction } from '../../api/types.js';
import { notifySuccess } from '../../common/errors.js';
import { StackedForm } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { FormModal } from '../../common/form-modal.js';
import { textFieldProps } from '../../common/form-binding.js';
import { emptyCaseForm, formToCaseCreate, type CaseFormValues } from './case-form.js';
import { CaseDueField, CaseOwnerField, CasePriorityField, type CaseFormBinding } from './case-form-fields.js';
import { useCreateCase } from './case.queries.js';

/** What the form needs of the interaction a case grows out of (a full `Interaction` fits). */
export type CaseSourceInteraction = Pick<Interaction, 'id' | 'subject' | 'customerId'>;

export interface CaseCreateModalProps {
  opened: boolean;
  onClose: () => void;
  customer?: { id: string; name: string } | null;
  /** The contact this case grows out of; it gets linked to the new case. */
  interaction?: CaseSourceInteraction | null;
  onCreated?: (created: Case) => void;
}

export function CaseCreateModal({ opened, onClose, customer, interaction, onCreated }: CaseCreateModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('caseForm.createTitle')} size="lg">
      <CaseCreateForm
        customer={customer ?? null}
        interaction={interaction ?? null}
        onCancel={onClose}
        onCreated={(created) => {
          onClose();
          onCreated?.(created);
        }}
      />
    </FormModal>
  );
}

interface CaseCreateFormProps {
  customer: { id: string; name: string } | null;
  interaction: CaseSourceInteraction | null;
  onCancel: () => void;
  onCreated: (created: Case) => void;
}

function CaseCreateForm({ customer, interaction, onCancel, onCreated }: CaseCreateFormProps) {
  const { t } = useTranslation();
  const create = useCreateCase();
  const errors = useFormErrors();
  const [values, setValues] = useState<CaseFormValues>(() => emptyCaseForm(interaction?.subject ?? ''));
  const form: CaseFormBinding = { values, onChange: (patch) => setValues((v) => ({ ...v, ...patch })), fieldError: errors.fieldError };
  const field = textFieldProps(form);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ title: !values.title.trim() && t('common.required') })) return;
    errors.reset();
    const body = formToCaseCreate(values);
    const customerId = customer?.id ?? interaction?.customerId;
    if (customerId) body.customerId = customerId;
    if (interaction) body.interactionId = interaction.id;
    create.mutate(body, {
      onSuccess: (created) => {
        notifySuccess(t('caseForm.created', { number: created.displayNumber }));
        onCreated(created);
      },
      onError: errors.setFailure,
    });
  };

  return (
    <StackedForm onSubmit={onSubmit} failure={errors.failure} submitLabel={t('caseForm.submit')} pending={create.isPending} onCancel={onCancel}>
      {customer && <Text size="sm">{t('caseForm.customer', { name: customer.name })}</Text>}
      {interaction && (
        <Text size="sm" c="dimmed">
          {t('caseForm.fromInteraction')}
        </Text>
      )}
      <TextInput label={t('caseForm.title')} required data-autofocus {...field('title')} />
      <Textarea label={t('caseForm.description')} autosize minRows={3} maxRows={10} {...field('description')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <CasePriorityField form={form} />
        <CaseDueField form={form} />
        <CaseOwnerField form={form} />
        <TextInput label={t('caseForm.department')} {...field('department')} />
        <TextInput label={t('caseForm.category')} {...field('category')} />
      </SimpleGrid>
    </StackedForm>
  );
}
