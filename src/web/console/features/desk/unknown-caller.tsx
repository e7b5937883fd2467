import { Alert, Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconUserPlus, IconUserQuestion } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerCreate } from '../../api/types.js';
import { notifySuccess } from '../../common/errors.js';
import { FormFooter } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { useTenant } from '../auth/tenant-context.js';
import { prefillFromQuery } from '../customers/customer-form.js';
import { useCreateCustomer } from '../customers/customer.queries.js';

export interface UnknownCallerProps {
  /** `contact.from`: the caller's number (or address) as received. */
  from: string | null;
  onCreated: (customer: Customer) => void;
  /** The heading; by default 登録のないお客様. */
  title?: string;
  /** More ways on beside 新規顧客登録 (a search by the number). */
  children?: ReactNode;
}

/** No customer matched the caller: say so, and offer a quick 新規顧客登録 with the number filled in. */
export function UnknownCaller({ from, onCreated, title, children }: UnknownCallerProps) {
  const { t } = useTranslation();
  const { can } = useTenant();
  const [open, setOpen] = useState(false);
  return (
    <Alert color="gray" variant="light" icon={<IconUserQuestion size={18} aria-hidden />} title={title ?? t('desk.unknownCaller')} data-testid="screen-pop-unknown">
      {open ? (
        <QuickCustomerForm from={from} onCancel={() => setOpen(false)} onCreated={onCreated} />
      ) : (
        <Group gap="xs" mt="xs">
          {can('customers:write') && (
            <Button size="sm" leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setOpen(true)}>
              {t('desk.newCustomer')}
            </Button>
          )}
          {children}
        </Group>
      )}
    </Alert>
  );
}

function QuickCustomerForm({ from, onCancel, onCreated }: { from: string | null; onCancel: () => void; onCreated: (customer: Customer) => void }) {
  const { t } = useTranslation();
  const create = useCreateCustomer();
  const errors = useFormErrors();
  const [prefill] = useState(() => prefillFromQuery(from ?? ''));
  const [name, setName] = useState('');
  const [nameKana, setNameKana] = useState('');
  const [phone, setPhone] = useState(prefill.phone ?? '');
  const [email, setEmail] = useState(prefill.email ?? '');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ name: !name.trim() && t('common.required') })) return;
    errors.reset();
    const body: CustomerCreate = { kind: 'person', name: name.trim() };
    if (nameKana.trim()) body.nameKana = nameKana.trim();
    if (phone.trim()) body.phones = [{ value: phone.trim() }];
    if (email.trim()) body.emails = [{ value: email.trim() }];
    create.mutate(body, {
      onSuccess: (customer) => {
        notifySuccess(t('customerForm.created'));
        onCreated(customer);
      },
      onError: errors.setFailure,
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('desk.newCustomer')}>
      <Stack gap="xs" mt="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput label={t('customerForm.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fieldError('name')} data-autofocus />
          <TextInput label={t('customerForm.nameKana')} value={nameKana} onChange={(e) => setNameKana(e.currentTarget.value)} error={errors.fieldError('nameKana')} />
          <TextInput label={t('customerForm.phone')} type="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors.fieldError('phones')} />
          <TextInput label={t('customerForm.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.fieldError('emails')} />
        </SimpleGrid>
        <FormFooter failure={errors.failure} submitLabel={t('customerForm.create')} pending={create.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
