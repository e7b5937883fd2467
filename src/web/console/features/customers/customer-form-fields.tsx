import { Checkbox, Group, NativeSelect, Radio, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_GROUPS, CUSTOMER_KINDS, type CustomerKind } from '../../api/types.js';
import { PREFECTURES } from '../../../ui/prefectures.js';
import { textFieldProps, type FormBinding } from '../../common/form-binding.js';
import type { CustomerFormValues } from './customer-form.js';

export interface CustomerFormFieldsProps extends FormBinding<CustomerFormValues> {
  /** Rendered between the identity fields and the address (phones and e-mails on create). */
  contactSlot?: ReactNode;
}

/** The customer fields shared by the create and the edit form. */
export function CustomerFormFields({ values, onChange, fieldError, contactSlot }: CustomerFormFieldsProps) {
  const { t } = useTranslation();
  const ageGroups = [
    { value: '', label: t('customerForm.notSelected') },
    ...AGE_GROUPS.map((code) => ({ value: code, label: t(`ageGroups.${code}`) })),
  ];
  if (values.ageGroup && !(AGE_GROUPS as readonly string[]).includes(values.ageGroup)) {
    ageGroups.push({ value: values.ageGroup, label: values.ageGroup });
  }
  const field = textFieldProps({ values, onChange, fieldError });
  return (
    <Stack gap="sm">
      <Radio.Group
        label={t('customerForm.kind')}
        value={values.kind}
        onChange={(kind) => onChange({ kind: kind as CustomerKind })}
        error={fieldError('kind')}
      >
        <Group mt={4}>
          {CUSTOMER_KINDS.map((kind) => (
            <Radio key={kind} value={kind} label={t(`customerKinds.${kind}`)} />
          ))}
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('customerForm.name')} required {...field('name')} data-autofocus />
        <TextInput label={t('customerForm.nameKana')} {...field('nameKana')} />
        <TextInput label={t('customerForm.companyName')} {...field('companyName')} />
        <NativeSelect
          label={t('customerForm.ageGroup')}
          value={values.ageGroup}
          onChange={(e) => onChange({ ageGroup: e.currentTarget.value })}
          data={ageGroups}
          error={fieldError('ageGroup')}
        />
      </SimpleGrid>
      {contactSlot}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('customerForm.postalCode')}
          placeholder={t('customerForm.postalCodePlaceholder')}
          inputMode="numeric"
          autoComplete="postal-code"
          {...field('postalCode')}
        />
        <Select
          label={t('customerForm.prefecture')}
          placeholder={t('customerForm.notSelected')}
          data={[...PREFECTURES]}
          searchable
          clearable
          value={values.prefecture || null}
          onChange={(prefecture) => onChange({ prefecture: prefecture ?? '' })}
          error={fieldError('prefecture')}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      <TextInput label={t('customerForm.address')} {...field('address')} />
      <Textarea label={t('customerForm.notes')} autosize minRows={2} maxRows={6} {...field('notes')} />
      <Checkbox
        label={t('customerForm.vip')}
        description={t('customerForm.vipHelp')}
        checked={values.vip}
        onChange={(e) => onChange({ vip: e.currentTarget.checked })}
        error={fieldError('vip')}
      />
      <Checkbox
        label={t('customerForm.consentMarketing')}
        checked={values.consentMarketing}
        onChange={(e) => onChange({ consentMarketing: e.currentTarget.checked })}
        error={fieldError('consentMarketing')}
      />
    </Stack>
  );
}
