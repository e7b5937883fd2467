import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconBrandLine, IconMail, IconPhone, IconPlus, IconStarFilled } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_POINT_KINDS, type ContactPoint, type ContactPointCreate, type ContactPointKind } from '../../api/types.js';
import { ConfirmButton } from '../../../ui/confirm-button.js';
import { SectionCard } from '../../../ui/section-card.js';
import { notifyError, notifySuccess } from '../../common/errors.js';
import { StackedForm } from '../../common/form-footer.js';
import { useFormErrors } from '../../common/form-errors.js';
import { closeOnSuccess } from '../../common/form-submit.js';
import { FormModal } from '../../common/form-modal.js';
import { DialButton } from '../calls/dial-button.js';
import { useAddContactPoint, useRemoveContactPoint } from './customer.queries.js';

const KIND_ICONS = { phone: IconPhone, email: IconMail, line: IconBrandLine } as const;

export interface ContactPointsSectionProps {
  customerId: string;
  contactPoints: ContactPoint[];
  canEdit: boolean;
}

/** 連絡先: phones (each with 発信, click-to-call), e-mails and LINE ids, primary first. */
export function ContactPointsSection({ customerId, contactPoints, canEdit }: ContactPointsSectionProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const remove = useRemoveContactPoint(customerId);
  const sorted = [...contactPoints].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  return (
    <SectionCard
      title={t('contacts.title')}
      actions={
        canEdit && (
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setAdding(true)}>
            {t('contacts.add')}
          </Button>
        )
      }
    >
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('contacts.empty')}
        </Text>
      ) : (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
          {sorted.map((point) => {
            const Icon = KIND_ICONS[point.kind] ?? IconPhone;
            return (
              <Group component="li" key={point.id} justify="space-between" wrap="nowrap" gap="xs">
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Icon size={16} aria-hidden />
                  <Text size="xs" c="dimmed" w={44}>
                    {t(`contactKinds.${point.kind}`)}
                  </Text>
                  <Text size="sm" fw={point.isPrimary ? 600 : 400} truncate>
                    {point.display || point.value}
                  </Text>
                  {point.label && (
                    <Badge size="xs" variant="outline" color="gray">
                      {point.label}
                    </Badge>
                  )}
                  {point.isPrimary && (
                    <Badge size="xs" variant="light" leftSection={<IconStarFilled size={10} aria-hidden />}>
                      {t('contacts.primary')}
                    </Badge>
                  )}
                </Group>
                <Group gap="xs" wrap="nowrap">
                  {point.kind === 'phone' && <DialButton number={point.value} customerId={customerId} />}
                  {canEdit && (
                    <ConfirmButton
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      question={t('common.confirmDelete')}
                      confirmLabel={t('common.delete')}
                      cancelLabel={t('common.cancel')}
                      loading={remove.isPending && remove.variables === point.id}
                      onConfirm={() =>
                        remove.mutate(point.id, {
                          onSuccess: () => notifySuccess(t('contacts.removed')),
                          onError: notifyError,
                        })
                      }
                    >
                      {t('common.delete')}
                    </ConfirmButton>
                  )}
                </Group>
              </Group>
            );
          })}
        </Stack>
      )}
      <FormModal opened={adding} onClose={() => setAdding(false)} title={t('contacts.add')}>
        <AddContactPointForm customerId={customerId} onDone={() => setAdding(false)} />
      </FormModal>
    </SectionCard>
  );
}

function AddContactPointForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddContactPoint(customerId);
  const errors = useFormErrors();
  const [kind, setKind] = useState<ContactPointKind>('phone');
  const [value, setValue] = useState('');
  const [label, setLabel] = useState('');
  const [isPrimary, setIsPrimary] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ value: !value.trim() && t('common.required') })) return;
    errors.reset();
    const body: ContactPointCreate = { kind, value: value.trim(), isPrimary };
    if (label.trim()) body.label = label.trim();
    add.mutate(body, closeOnSuccess(t('contacts.added'), onDone, errors.setFailure));
  };

  return (
    <StackedForm onSubmit={onSubmit} failure={errors.failure} submitLabel={t('common.add')} pending={add.isPending} onCancel={onDone}>
      <NativeSelect
        label={t('contacts.kind')}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as ContactPointKind)}
        data={CONTACT_POINT_KINDS.map((k) => ({ value: k, label: t(`contactKinds.${k}`) }))}
        error={errors.fieldError('kind')}
      />
      <TextInput
        label={t('contacts.value')}
        required
        data-autofocus
        type={kind === 'email' ? 'email' : kind === 'phone' ? 'tel' : 'text'}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        error={errors.fieldError('value')}
      />
      <TextInput
        label={t('contacts.label')}
        placeholder={t('contacts.labelPlaceholder')}
        value={label}
        onChange={(e) => setLabel(e.currentTarget.value)}
        error={errors.fieldError('label')}
      />
      <Checkbox label={t('contacts.makePrimary')} checked={isPrimary} onChange={(e) => setIsPrimary(e.currentTarget.checked)} />
    </StackedForm>
  );
}
