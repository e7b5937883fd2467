import { SimpleGrid, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../api/types.js';
import { notifySuccess } from '../../common/errors.js';
import { FormFooter } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { FormModal } from '../../common/form-modal.js';
import { emptyCustomerForm, formToCreate, prefillFromQuery, type CustomerFormValues } from './customer-form.js';
import { CustomerFormFields } from './customer-form-fields.js';
import { useCreateCustomer } from './customer.queries.js';
import { MultiValueInput } from './multi-value-input.js';

export interface CustomerCreateModalProps {
  opened: boolean;
  onClose: () => void;
  /** The search that found nothing, used to prefill name, phone or e-mail. */
  searchText: string;
  onCreated: (customer: Customer) => void;
}

export function CustomerCreateModal({ opened, onClose, searchText, onCreated }: CustomerCreateModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('customerForm.createTitle')} size="lg">
      <CustomerCreateForm searchText={searchText} onCancel={onClose} onCreated={onCreated} />
    </FormModal>
  );
}

function CustomerCreateForm({ searchText, onCancel, onCreated }: { searchText: string; onCancel: () => void; onCreated: (customer: Customer) => void }) {
  const { t } = useTranslation();
  const create = useCreateCustomer();
  const errors = useFormErrors();
  const [prefill] = useState(() => prefillFromQuery(searchText));
  const [values, setValues] = useState<CustomerFormValues>(() => ({ ...emptyCustomerForm(), name: prefill.name ?? '' }));
  const [phones, setPhones] = useState<string[]>([prefill.phone ?? '']);
  const [emails, setEmails] = useState<string[]>([prefill.email ?? '']);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ name: !values.name.trim() && t('common.required') })) return;
    errors.reset();
    const body = formToCreate(values);
    const phoneValues = phones.map((v) => v.trim()).filter(Boolean);
    const emailValues = emails.map((v) => v.trim()).filter(Boolean);
    if (phoneValues.length) body.phones = phoneValues.map((value) => ({ value }));
    if (emailValues.length) body.emails = emailValues.map((value) => ({ value }));
    create.mutate(body, {
      onSuccess: (customer) => {
        notifySuccess(t('customerForm.created'));
        onCreated(customer);
      },
      onError: errors.setFailure,
    });
  };

  // Server paths index the submitted (non-blank) list; map them back to the visible rows.
  const errorAt = (kind: 'phones' | 'emails', rows: string[]) => {
    const submitted = rows.map((v, i) => (v.trim() ? i : -1)).filter((i) => i >= 0);
    return (index: number) => {
      const position = submitted.indexOf(index);
      const own = position >= 0 ? errors.fieldError(`${kind}.${position}`) : undefined;
      return own ?? (index === 0 ? errors.fieldErrorExact(kind) : undefined);
    };
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <CustomerFormFields
          values={values}
          onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
          fieldError={errors.fieldError}
          contactSlot={
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <MultiValueInput
                values={phones}
                onChange={setPhones}
                type="tel"
                label={t('customerForm.phone')}
                numberedLabel={(n) => t('customerForm.phoneN', { n })}
                addLabel={t('customerForm.addPhone')}
                removeLabel={t('customerForm.remove')}
                errorAt={errorAt('phones', phones)}
              />
              <MultiValueInput
                values={emails}
                onChange={setEmails}
                type="email"
                label={t('customerForm.email')}
                numberedLabel={(n) => t('customerForm.emailN', { n })}
                addLabel={t('customerForm.addEmail')}
                removeLabel={t('customerForm.remove')}
                errorAt={errorAt('emails', emails)}
              />
            </SimpleGrid>
          }
        />
        <FormFooter failure={errors.failure} submitLabel={t('customerForm.create')} pending={create.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
