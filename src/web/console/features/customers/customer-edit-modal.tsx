import { Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../api/types.js';
import { FormFooter } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { closeOnSuccess } from '../../common/form-submit.js';
import { FormModal } from '../../common/form-modal.js';
import { customerToForm, formToPatch, type CustomerFormValues } from './customer-form.js';
import { CustomerFormFields } from './customer-form-fields.js';
import { useUpdateCustomer } from './customer.queries.js';

export interface CustomerEditModalProps {
  opened: boolean;
  onClose: () => void;
  customer: Customer;
}

export function CustomerEditModal({ opened, onClose, customer }: CustomerEditModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('customerForm.editTitle')} size="lg">
      <CustomerEditForm customer={customer} onDone={onClose} />
    </FormModal>
  );
}

function CustomerEditForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCustomer(customer.id);
  const errors = useFormErrors();
  const [values, setValues] = useState<CustomerFormValues>(() => customerToForm(customer));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ name: !values.name.trim() && t('common.required') })) return;
    errors.reset();
    const patch = formToPatch(customer, values);
    if (Object.keys(patch).length === 0) return onDone();
    update.mutate(patch, closeOnSuccess(t('customerForm.updated'), onDone, errors.setFailure));
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <CustomerFormFields values={values} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} fieldError={errors.fieldError} />
        <FormFooter failure={errors.failure} submitLabel={t('common.save')} pending={update.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
